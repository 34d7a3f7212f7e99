import { message, newParticipant, teamsPersonal, type Participant } from '../support/activities';
import { poll, post, start, type ActivitySet } from '../support/directLineServer';
import { isStorageFailure } from '../../src/bot/turnError';
import { ReplyDeliveryError } from '../../src/bot/retryingTurn';
import { poll as pollDl, startDirectLineServer } from '../support/directLineServer';
import { FakeConnector } from '../coordinators/fakeConnector';
import { storageApology } from '../../src/bot/turnError';
import { publicText } from '../../src/i18n/public';
import { connectionRefused, StatementFaults, startServiceWith, TcpRelay } from '../support/outage';
import type { ReplyActivity } from '../support/service';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/testDatabase';
import type { RunningService } from '../../src/index';

/**
 * a user who writes while the database is unreachable is told, in their language, that the
 * input could not be saved; afterwards the same input goes through; nothing is half-written.
 */
const GERMAN =
  'Entschuldigung, ich konnte Ihre Eingabe gerade nicht speichern. Bitte senden Sie sie in einem Moment noch einmal.';
const ENGLISH = 'Sorry, I could not save your answer just now. Please send it again in a moment.';
const TURKISH = 'Özür dilerim, mesajınızı şu anda kaydedemedim. Lütfen birazdan tekrar gönderin.';

interface Harness {
  url: string;
  service: RunningService;
  /** Makes the database unreachable / reachable again. */
  cut(): Promise<void>;
  restore(): Promise<void>;
}

const texts = (replies: readonly ReplyActivity[]) =>
  replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');
const cardIds = (replies: readonly ReplyActivity[]) =>
  replies
    .flatMap((r) =>
      (r.attachments ?? []).map((a) => JSON.stringify(a.content).match(/"questionId":"([A-Z]{2}-\d{2})"/)?.[1]),
    )
    .filter(Boolean);

async function postActivity(url: string, activity: object): Promise<{ status: number; replies: ReplyActivity[] }> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ deliveryMode: 'expectReplies', ...activity }),
  });
  const body = (await res.json().catch(() => undefined)) as { activities?: ReplyActivity[] } | undefined;
  return { status: res.status, replies: (body?.activities ?? []).filter((a) => a.type !== 'trace') };
}

async function waitForReady(url: string, want: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${url}/readyz`)).status === want) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`/readyz never answered ${want}`);
}

/** The same story against two ways of taking the database away. */
function outageStory(name: string, setup: () => Promise<{ harness: Harness; dispose: () => Promise<void> }>): void {
  describe(name, () => {
    let h: Harness;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ harness: h, dispose } = await setup());
    }, 60_000);
    afterAll(async () => dispose?.());

    const say = async (p: Participant, text: string) => {
      const { status, replies } = await postActivity(h.url, message(teamsPersonal, p, text));
      expect(status).toBe(200);
      return replies;
    };
    const answersOf = async (p: Participant) =>
      (
        await h.service.db.prisma.answer.findMany({
          where: { respondent: { identityKey: `aad:tenant-1:${p.aadObjectId ?? p.userId}` } },
        })
      ).map((a) => [a.questionId, a.value]);
    const stateRows = async () =>
      (await h.service.db.prisma.botStateItem.findMany({ orderBy: { key: 'asc' } })).map((r) => [
        r.key,
        r.eTag,
        JSON.stringify(r.data),
      ]);

    it('mid self-check in Teams: German apology, nothing stored, the same answer goes through afterwards', async () => {
      const p = newParticipant();
      await say(p, 'start');
      await say(p, 'ja');
      await say(p, 'Musterstadt (Demo)');
      const first = await say(p, 'Verwaltungsspitze');
      expect(cardIds(first)).toContain('MS-01');
      const before = { answers: await answersOf(p), state: await stateRows() };

      await h.cut();
      const during = await say(p, '2');
      expect(texts(during)).toEqual([GERMAN]);
      await waitForReady(h.url, 503);

      await h.restore();
      await waitForReady(h.url, 200);
      expect(await answersOf(p)).toEqual(before.answers);
      expect(await stateRows()).toEqual(before.state);
      const after = await say(p, '2');
      expect(cardIds(after)).toContain('MS-02');
      expect(await answersOf(p)).toEqual([['MS-01', 'partial']]);
      expect(
        await h.service.db.prisma.answerHistory.count({
          where: { answer: { questionId: 'MS-01', respondent: { identityKey: `aad:tenant-1:${p.userId}` } } },
        }),
      ).toBeLessThanOrEqual(1);
    });

    it('Teams without expectReplies: the apology is posted to the Bot Connector', async () => {
      const connector = await new FakeConnector().start();
      try {
        const p = newParticipant({ serviceUrl: connector.url });
        await h.cut();
        try {
          const res = await fetch(`${h.url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(message(teamsPersonal, p, 'start')),
          });
          expect(res.status).toBeLessThan(300);
        } finally {
          await h.restore();
        }
        const posted = connector.calls.filter((c) => c.conversationId === p.conversationId && c.method === 'POST');
        expect(posted.map((c) => c.body['text'])).toEqual([GERMAN]);
      } finally {
        await connector.stop();
      }
    });

    it('an English Teams user gets the apology in English', async () => {
      const p = newParticipant({ locale: 'en-US' });
      await say(p, 'start');
      await h.cut();
      try {
        expect(texts(await say(p, 'yes'))).toEqual([ENGLISH]);
      } finally {
        await h.restore();
      }
      await waitForReady(h.url, 200);
      expect(texts(await say(p, 'yes')).join('\n')).toMatch(/municipality/i);
    });

    it('web chat over the self-hosted Direct Line: 200, the apology in the activity list, then the answer', async () => {
      const s = await start(h.url, { locale: 'de-DE' });
      const greeting = (await (await poll(h.url, s)).json()) as ActivitySet;
      await h.cut();
      let watermark = greeting.watermark;
      try {
        const res = await post(h.url, s, { type: 'message', text: 'start', locale: 'de-DE' });
        expect(res.status).toBe(200);
        const during = (await (await poll(h.url, s, watermark)).json()) as ActivitySet;
        expect(during.activities.filter((a) => a.from.role !== 'user').map((a) => a.text)).toEqual([GERMAN]);
        watermark = during.watermark;
      } finally {
        await h.restore();
      }
      await waitForReady(h.url, 200);
      expect((await post(h.url, s, { type: 'message', text: 'start', locale: 'de-DE' })).status).toBe(200);
      const after = (await (await poll(h.url, s, watermark)).json()) as ActivitySet;
      expect(after.activities.map((a) => a.text ?? '').join('\n')).toMatch(/sieben Handlungsfeldern/);
    });

    it('web chat in Turkish gets the Turkish sentence', async () => {
      const s = await start(h.url, { locale: 'tr' });
      const greeting = (await (await poll(h.url, s)).json()) as ActivitySet;
      await h.cut();
      try {
        expect((await post(h.url, s, { type: 'message', text: 'merhaba', locale: 'tr' })).status).toBe(200);
        const during = (await (await poll(h.url, s, greeting.watermark)).json()) as ActivitySet;
        expect(during.activities.filter((a) => a.from.role !== 'user').map((a) => a.text)).toEqual([TURKISH]);
      } finally {
        await h.restore();
      }
    });
  });
}

outageStory(`database outage by fault injection (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, async () => {
  const database = await createTestDatabase();
  const faults = new StatementFaults();
  const { url, service } = await startServiceWith(database, { beforeStatement: faults.beforeStatement });
  return {
    harness: {
      url,
      service,
      cut: () => Promise.resolve(faults.cut()),
      restore: () => Promise.resolve(faults.restore()),
    },
    dispose: async () => {
      await service.stop();
      await database.dispose();
    },
  };
});

describe(`whichever statement of an answer turn fails, nothing is half-written (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let database: TestDatabase;
  let svc: { url: string; service: RunningService };
  const faults = new StatementFaults();
  beforeAll(async () => {
    database = await createTestDatabase();
    svc = await startServiceWith(database, { beforeStatement: faults.beforeStatement });
  }, 60_000);
  afterAll(async () => {
    await svc.service.stop();
    await database.dispose();
  });

  it('fails the 1st, 2nd, … statement in turn: each time the apology and no change; then the answer is stored once', async () => {
    const p = newParticipant();
    const say = async (text: string) => {
      const { status, replies } = await postActivity(svc.url, message(teamsPersonal, p, text));
      expect(status).toBe(200);
      return replies;
    };
    for (const text of ['start', 'ja', 'Musterstadt (Demo)']) await say(text);
    expect(cardIds(await say('Verwaltungsspitze'))).toContain('MS-01');
    const prisma = svc.service.db.prisma;
    const snapshot = async () => ({
      state: (await prisma.botStateItem.findMany({ orderBy: { key: 'asc' } })).map((r) => [
        r.key,
        r.eTag,
        JSON.stringify(r.data),
      ]),
      answers: await prisma.answer.count(),
      history: await prisma.answerHistory.count(),
      outbox: await prisma.outboxEvent.count(),
    });
    const before = await snapshot();
    let failedTurns = 0;
    for (let pass = 0; pass < 20; pass++) {
      faults.failAfter(pass, 1);
      const replies = await say('2');
      faults.restore();
      if (faults.failed === failedTurns) {
        // The fault came after the turn's last statement: the answer went through.
        expect(cardIds(replies)).toContain('MS-02');
        break;
      }
      failedTurns = faults.failed;
      expect(texts(replies)).toEqual([GERMAN]);
      expect(await snapshot()).toEqual(before);
    }
    expect(failedTurns).toBeGreaterThanOrEqual(2); // the state read and the answer write at least
    const stored = await prisma.answer.findMany({ where: { respondent: { identityKey: `aad:tenant-1:${p.userId}` } } });
    expect(stored.map((a) => [a.questionId, a.value])).toEqual([['MS-01', 'partial']]);
  });
});

const pgUrl = process.env.TEST_DATABASE_URL;
const loopbackPostgres = pgUrl !== undefined && ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(pgUrl).hostname);
if (!loopbackPostgres) {
  console.warn(
    'databaseOutage: TEST_DATABASE_URL (a PostgreSQL on loopback) is not set; the TCP relay outage test is skipped',
  );
}
(loopbackPostgres
  ? outageStory
  : (name: string) => describe.skip(name, () => it('needs TEST_DATABASE_URL', () => undefined)))(
  'database outage by a cut TCP relay (PostgreSQL)',
  async () => {
    const database: TestDatabase = await createTestDatabase();
    const target = new URL((database.target as { url: string }).url);
    const relay = new TcpRelay({ host: '127.0.0.1', port: Number(target.port || 5432) });
    await relay.listen();
    const viaRelay = new URL(target);
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String(relay.port);
    const { url, service } = await startServiceWith(database, {}, viaRelay.toString());
    return {
      harness: { url, service, cut: () => relay.cut(), restore: () => relay.restore() },
      dispose: async () => {
        await relay.restore().catch(() => undefined);
        await service.stop();
        await relay.close();
        await database.dispose();
      },
    };
  },
);

describe("a Direct Line turn that fails outside the bot's error handler", () => {
  // An adapter without onTurnError: the failure reaches the Direct Line route itself.
  const failing = (error: () => Error) => ({
    run: (ctx: { activity: { type: string } }) =>
      ctx.activity.type === 'message' ? Promise.reject(error()) : Promise.resolve(),
  });

  it.each([
    ['a storage failure', connectionRefused, 'en-US', ENGLISH],
    ['a storage failure', connectionRefused, 'de-DE', GERMAN],
    [
      'another error',
      () => new Error('boom'),
      'de-DE',
      'Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',
    ],
  ])('%s (%#) answers 200 with the apology in the activity list, not 502', async (_name, error, locale, expected) => {
    const dl = await startDirectLineServer({}, undefined, '', failing(error));
    try {
      const s = await start(dl.url, { locale });
      const res = await post(dl.url, s, { type: 'message', text: 'hallo', locale });
      expect(res.status).toBe(200);
      const list = (await (await pollDl(dl.url, s)).json()) as ActivitySet;
      expect(list.activities.filter((a) => a.from.role !== 'user').map((a) => a.text)).toEqual([expected]);
    } finally {
      await dl.stop();
    }
  });
});

describe("the apology's language", () => {
  it("follows the conversation locale: German, English and the web chat's other four languages", () => {
    expect(storageApology('de-DE')).toBe(GERMAN);
    expect(storageApology(undefined)).toBe(GERMAN);
    expect(storageApology('en-GB')).toBe(ENGLISH);
    expect(storageApology('de-x-ls')).toBe(publicText('de-LS', 'storageApology'));
    expect(storageApology('tr-TR')).toBe(TURKISH);
    expect(storageApology('ar')).toBe(publicText('ar', 'storageApology'));
    expect(storageApology('uk-UA')).toBe(publicText('uk', 'storageApology'));
    expect(storageApology('fr-FR')).toBe(GERMAN);
  });
});

describe('isStorageFailure', () => {
  it('recognises connection errors of pg, Prisma and PGlite, also nested, and nothing else', () => {
    const pgTerminated = new Error('Connection terminated unexpectedly');
    expect(isStorageFailure(connectionRefused())).toBe(true);
    expect(isStorageFailure(pgTerminated)).toBe(true);
    expect(isStorageFailure(Object.assign(new Error('x'), { code: '57P01' }))).toBe(true);
    expect(isStorageFailure(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isStorageFailure(Object.assign(new Error('x'), { code: 'P1001' }))).toBe(true);
    expect(isStorageFailure(new Error('wrapped', { cause: { kind: 'DatabaseNotReachable' } }))).toBe(true);
    expect(isStorageFailure(new Error('wrapped', { cause: pgTerminated }))).toBe(true);
    expect(
      isStorageFailure(
        new Error(`CloudAdapter.processActivityDirect(): ERROR\n Error: connect ECONNREFUSED 127.0.0.1:5432`),
      ),
    ).toBe(true);
    expect(isStorageFailure(new Error('PGlite is closed'))).toBe(true);
    expect(isStorageFailure(new Error('boom'))).toBe(false);
    expect(isStorageFailure(Object.assign(new Error('unique violation'), { code: '23505' }))).toBe(false);
    expect(isStorageFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isStorageFailure('ECONNREFUSED')).toBe(false);
    // The Bot Connector refusing the replies of a saved turn is not a storage failure.
    expect(isStorageFailure(new ReplyDeliveryError(connectionRefused()))).toBe(false);
    expect(isStorageFailure(undefined)).toBe(false);
  });
});
