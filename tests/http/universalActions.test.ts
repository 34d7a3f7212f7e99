import { message, newParticipant, teamsPersonal, type Participant } from '../support/activities';
import { FakeConnector } from '../coordinators/fakeConnector';
import { startTestService, type ReplyActivity, type TestService } from '../support/service';
import { StatementFaults, startServiceWith } from '../support/outage';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/testDatabase';
import type { RunningService } from '../../src/index';

/**
 * `adaptiveCard/action` invokes with a malformed or unknown value get the Universal Actions
 * error response (4xx, application/vnd.microsoft.error) or the current card, never a 5xx; 501 stays for
 * invoke names the bot does not implement. Through the real HTTP entry, without expectReplies (which would
 * replace the invoke body); the bot's messages go to a fake Bot Connector on loopback.
 */
interface CardJson {
  actions?: { data: Record<string, unknown> }[];
}
const questionData = (replies: readonly ReplyActivity[]): Record<string, unknown> | undefined =>
  replies
    .flatMap((r) => (r.attachments ?? []).map((a) => a.content as CardJson))
    .flatMap((c) => c.actions ?? [])
    .find((a) => a.data['verb'] === 'answer')?.data;

describe(`Universal Actions invokes (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  let connector: FakeConnector;
  let p: Participant;
  let data: Record<string, unknown>;
  const prisma = () => svc.service.db.prisma;
  const snapshot = async () => ({
    answers: await prisma().answer.count(),
    state: (await prisma().botStateItem.findMany({ orderBy: { key: 'asc' } })).map((r) => [
      r.key,
      JSON.stringify(r.data),
    ]),
  });

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    svc = await startTestService();
    p = newParticipant({ serviceUrl: connector.url });
    for (const text of ['start', 'ja', 'Musterstadt (Demo)']) await svc.replies(message(teamsPersonal, p, text));
    data = questionData(await svc.replies(message(teamsPersonal, p, 'Verwaltungsspitze'))) ?? {};
    expect(data['questionId']).toBe('MS-01');
  }, 60_000);
  afterAll(async () => {
    await svc.stop();
    await connector.stop();
  });

  /** `name` null sends an invoke without a name. */
  const invoke = (value: unknown, name: string | null = 'adaptiveCard/action') =>
    svc.post(
      teamsPersonal(p, {
        type: 'invoke',
        ...(name === null ? {} : { name }),
        ...(value === undefined ? {} : { value }),
      }),
    );
  const execute = (action: Record<string, unknown>) => invoke({ action: { type: 'Action.Execute', ...action } });

  const malformed: [string, () => ReturnType<typeof invoke>, string][] = [
    ['missing value', () => invoke(undefined), 'BadRequest'],
    ['value not an object (string)', () => invoke('answer'), 'BadRequest'],
    ['value not an object (array)', () => invoke([{ action: {} }]), 'BadRequest'],
    ['value not an object (number)', () => invoke(7), 'BadRequest'],
    ['action missing', () => invoke({ trigger: 'manual' }), 'BadRequest'],
    ['action null', () => invoke({ action: null }), 'BadRequest'],
    ['action not an object', () => invoke({ action: 'Action.Execute' }), 'BadRequest'],
    ['action.type wrong', () => invoke({ action: { type: 'Action.Submit', verb: 'answer', data } }), 'NotSupported'],
    ['action.type missing', () => invoke({ action: { verb: 'answer', data } }), 'NotSupported'],
    ['verb missing', () => execute({ data }), 'BadRequest'],
    ['verb not a string', () => execute({ verb: ['answer'], data }), 'BadRequest'],
    ['verb empty', () => execute({ verb: '', data }), 'BadRequest'],
    ['verb unknown', () => execute({ verb: 'deleteEverything', data }), 'NotSupported'],
    ['verb of an object prototype', () => execute({ verb: 'constructor', data }), 'NotSupported'],
    ['data a string', () => execute({ verb: 'answer', data: 'MS-01=full' }), 'BadRequest'],
    ['data an array', () => execute({ verb: 'answer', data: [data] }), 'BadRequest'],
    ['data a number', () => execute({ verb: 'answer', data: 3 }), 'BadRequest'],
  ];

  it.each(malformed)('%s: 400 with the Universal Actions error response, nothing stored', async (_name, send, code) => {
    const before = await snapshot();
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code, message: expect.any(String) as unknown },
    });
    expect(await snapshot()).toEqual(before);
  });

  // Built when the test runs: `data` is the card of the beforeAll onboarding.
  it.each<[string, () => Record<string, unknown> | undefined]>([
    ['fields of the wrong type', () => ({ ...data, questionId: 42, answer: { value: 'full' } })],
    ['an answer off the scale', () => ({ ...data, answer: 'perfect' })],
    [
      'a stale card of another assessment',
      () => ({ ...data, assessmentId: 'assessment-of-someone-else', answer: 'full' }),
    ],
    ['a foreign question', () => ({ ...data, questionId: 'ZZ-99', answer: 'full' })],
    ['only the answer', () => ({ answer: 'full' })],
    ['no data at all', () => undefined],
  ])('a known verb with %s: 200 with the current card, nothing stored', async (_name, cardData) => {
    const before = await snapshot();
    const built = cardData();
    const res = await execute({ verb: 'answer', ...(built === undefined ? {} : { data: built }) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['an unknown invoke name', 'composeExtension/query'],
    ['a task module fetch', 'task/fetch'],
    ['file consent with no value', 'fileConsent/invoke'],
    ['sign-in', 'signin/verifyState'],
  ])('%s still answers 501', async (_name, name) => {
    const res = await invoke(undefined, name);
    expect(res.status).toBe(501);
  });

  it('an invoke without a name (even with a card action value) answers 501', async () => {
    expect((await invoke({ action: { type: 'Action.Execute', verb: 'answer', data } }, null)).status).toBe(501);
  });

  it('a well-formed click still answers and stores', async () => {
    const res = await execute({ verb: 'answer', data: { ...data, answer: 'partial' } });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('Ihre Antwort: Teilweise umgesetzt');
    const stored = await prisma().answer.findMany({
      where: { respondent: { identityKey: `aad:tenant-1:${p.userId}` } },
    });
    expect(stored.map((a) => [a.questionId, a.value])).toEqual([['MS-01', 'partial']]);
  });
});

describe('a card click while the database is unreachable', () => {
  let database: TestDatabase;
  let service: RunningService;
  let url: string;
  let connector: FakeConnector;
  const faults = new StatementFaults();
  beforeAll(async () => {
    connector = await new FakeConnector().start();
    database = await createTestDatabase();
    ({ url, service } = await startServiceWith(database, { beforeStatement: faults.beforeStatement }));
  }, 60_000);
  afterAll(async () => {
    await service.stop();
    await database.dispose();
    await connector.stop();
  });

  it('gets the error response (the card stays), the apology as a message, and no 501', async () => {
    const p = newParticipant({ serviceUrl: connector.url, locale: 'en-US' });
    faults.cut();
    try {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          teamsPersonal(p, {
            type: 'invoke',
            name: 'adaptiveCard/action',
            value: { action: { type: 'Action.Execute', verb: 'continue', data: { assessmentId: 'a1' } } },
          }),
        ),
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        statusCode: 503,
        type: 'application/vnd.microsoft.error',
        value: {
          code: 'ServiceUnavailable',
          message: 'Sorry, I could not save your answer just now. Please send it again in a moment.',
        },
      });
    } finally {
      faults.restore();
    }
    const posted = connector.calls.filter((c) => c.conversationId === p.conversationId && c.method === 'POST');
    expect(posted.map((c) => c.body['text'])).toEqual([
      'Sorry, I could not save your answer just now. Please send it again in a moment.',
    ]);
  });
});
