/**
 * ≥ 2,000 generated activities, card payloads and lying requests against the real service as a
 * child process. For every request: no 5xx (501 only for invoke names the bot does not implement) and the
 * process alive; afterwards the victim's stored data is unchanged and normal users are still answered.
 *
 * Reproducible: fixed fast-check seed (FUZZ_SEED overrides it). Run one shape with -t, e.g.
 * `jest tests/security/badInput.test.ts -t 'encodings'` (or 'Teams', 'emulator', 'Direct Line').
 * Violations are listed in the failure message and written in full to $TMPDIR/weltoffen-badinput-*.json.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { openDatabase, type Database } from '../../src/infrastructure/db/database';
import { message, newParticipant, teamsPersonal } from '../support/activities';
import { snapshotPath } from '../support/snapshot';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/testDatabase';
import { encodingCases } from './encodings';
import { describeRaw, encodingRoutes, openDirectLine, type DirectLineSession } from './badInputRequests';
import { LONG_TEXTS } from './hostile';
import {
  FuzzedService,
  jsonRequest,
  keepServiceUrlLocal,
  pool,
  rawRequest,
  startFakeConnector,
  type FakeConnector,
} from './harness';
import { Recorder } from './recorder';
import {
  CLOSED_SERVICE_URLS,
  directLineActivity,
  directLineStart,
  emulatorActivity,
  teamsActivity,
  type Generated,
  type ShapeContext,
} from './shapes';
import {
  COORDINATOR_OID,
  VICTIM_CHANNEL,
  answerActionOf,
  forbiddenChanges,
  prepare,
  snapshot,
  turn,
  type Prepared,
  type Snapshot,
} from './storedData';
import { staffText } from '../../src/i18n/staff';

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
/** Generated per shape; the raw encoding cases (~50 per route) come on top. */
const COUNTS = { teams: 800, emulator: 450, directLineStarts: 30, directLine: 420 };
const CONCURRENCY = 4;
const DB = usingPostgres ? 'PostgreSQL' : 'PGlite';
const HELP_DE = staffText('de', 'help.selfcheck');

describe(`bad input against the service process (${DB}, seed ${SEED})`, () => {
  const rec = new Recorder();
  let db: TestDatabase | undefined;
  let dataDir: string | undefined;
  let databaseUrl = '';
  let svc: FuzzedService;
  let connector: FakeConnector;
  let prepared: Prepared;
  let before: Snapshot;
  let ctx: ShapeContext;
  const rss: string[] = [];
  const started = Date.now();
  let replacedServiceUrls = 0;

  beforeAll(async () => {
    connector = await startFakeConnector();
    if (usingPostgres) {
      db = await createTestDatabase({ migrated: false });
      databaseUrl = db.target.kind === 'postgres' ? db.target.url : '';
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), 'weltoffen-badinput-'));
      databaseUrl = `pglite:${path.join(dataDir, 'pg')}`;
    }
    // The victim is prepared by the real bot in-process (PGlite starts from the migrated snapshot), then the
    // fuzzed child process takes over the same database.
    const openOptions = usingPostgres ? { poolSize: 5 } : { pgliteSnapshot: new Blob([readFileSync(snapshotPath())]) };
    ({ prepared, before } = await prepare(databaseUrl, openOptions, connector.url));
    svc = new FuzzedService({
      DATABASE_URL: databaseUrl,
      COORDINATOR_AAD_OBJECT_IDS: COORDINATOR_OID,
      REMINDER_CHECK_MINUTES: '1440',
      TRUST_PROXY: 'true',
      DIRECTLINE_MESSAGES_PER_MINUTE: '1000',
      DIRECTLINE_CONVERSATIONS_PER_CLIENT: '10000',
      DIRECTLINE_TOKEN_SECRET: 'fuzz-direct-line-token-secret-0123456789',
    });
    await svc.start();
    ctx = {
      ...prepared,
      connectorUrl: connector.url,
      serviceUrl: `http://127.0.0.1:${svc.port}`,
      victimChannel: VICTIM_CHANNEL,
    };
    rss.push(`start ${svc.rssKb()} kB`);
    console.log(`bad input (${DB}): seed ${SEED}; prepared in ${Date.now() - started} ms`);
  }, 180_000);

  afterAll(async () => {
    const file = path.join(tmpdir(), `weltoffen-badinput-${usingPostgres ? 'postgres' : 'pglite'}.json`);
    rec.write(file);
    console.log(
      [
        `bad input (${DB}), seed ${SEED}: ${rec.total()} requests in ${Math.round((Date.now() - started) / 1000)} s; ${rec.violations.length} violations (${file})`,
        ...['encodings', 'teams', 'emulator', 'directline'].map(
          (b) => `  ${b}: ${rec.count(b)} requests, ${rec.latency(b)}`,
        ),
        `  process deaths: ${svc?.deaths.length ?? 0}${svc?.deaths.length ? `\n    ${svc.deaths.join('\n    ')}` : ''}`,
        `  slowest: ${[...rec.slow]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 6)
          .map((x) => `${x.ms} ms ${x.label} ${JSON.stringify(x.request.slice(0, 90))}`)
          .join('\n           ')}`,
        `  turn errors (answered with the generic apology, or 501 for invokes):\n    ${svc?.turnErrors().join('\n    ')}`,
        `  child RSS: ${rss.join(', ')}; connector posts: ${connector?.received() ?? 0}; non-loopback serviceUrls replaced: ${replacedServiceUrls}`,
      ].join('\n'),
    );
    await svc?.stop();
    await connector?.close();
    await db?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const fail = (block: string) => {
    const lines = rec.summary(block);
    const deaths = svc.deaths.filter((d) => d.startsWith(block));
    return [...lines, ...deaths.map((d) => `process death: ${d}`)];
  };

  /** Sends generated bodies to /api/messages and checks after every batch that the process lives. */
  async function fuzzMessages(block: string, items: readonly Generated[]): Promise<void> {
    await pool(items, CONCURRENCY, async (g, i) => {
      const body = g.body as Record<string, unknown>;
      if (keepServiceUrlLocal(body, connector.url)) replacedServiceUrls++;
      const text = JSON.stringify(body);
      const r = await rawRequest(svc.port, {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        body: text,
      });
      rec.judge(block, g.label, body, text, r);
      if (i % 50 === 49 || r.status === 0) await svc.ensureAlive(`${block} #${i} (${g.label})`);
    });
    await svc.ensureAlive(`${block} end`);
  }

  describe('lying encodings and raw bodies', () => {
    it('no 5xx and the process survives every route with lying framing, broken JSON and deep nesting', async () => {
      const block = 'encodings';
      let session = await startDirectLine();
      const cases = encodingRoutes(connector.url, session).flatMap(encodingCases);
      const killers = new Map<string, string>();
      for (const [i, c] of cases.entries()) {
        const killedBy = killers.get(c.family);
        if (killedBy !== undefined) {
          rec.add(block, c.label, 'not sent', `the same flaw ended the process at "${killedBy}"`, '', '');
          continue;
        }
        // After a restart the Direct Line conversation is gone: use a fresh one.
        if (c.request.path.includes('/v3/directline/conversations/') || c.request.path.includes('/tokens/refresh')) {
          c.request.path = c.request.path.replace(
            /conversations\/[^/]+\/activities/,
            `conversations/${session.conversationId}/activities`,
          );
          c.request.headers = { ...c.request.headers, authorization: `Bearer ${session.token}` };
        }
        // One client address per case (TRUST_PROXY): per-client limits must not turn cases into 429s.
        c.request.headers = {
          'x-forwarded-for': `203.0.113.${i % 250}, 2001:db8:ffff:${i.toString(16)}::1`,
          ...c.request.headers,
        };
        const r = await rawRequest(svc.port, c.request);
        rec.judge(block, c.label, undefined, describeRaw(c.request.headers, c.request.body), r, c.want?.(r));
        rec.outcomes.push(`${c.label} → ${r.status || r.noResponse} (${r.ms} ms)`);
        if (!(await svc.ensureAlive(`${block} #${i} (${c.label})`))) {
          killers.set(c.family, c.label);
          session = await startDirectLine();
        }
      }
      rss.push(`after encodings ${svc.rssKb()} kB`);
      console.log(`encodings: ${rec.count(block)} raw requests (${rec.latency(block)})`);
      expect(fail(block)).toEqual([]);
    }, 300_000);
  });

  describe('Teams activities', () => {
    it('no 5xx and the process survives personal and channel messages, card invokes, updates, reactions and unknown types', async () => {
      // A few replies to a loopback port where nothing listens, with normal delivery (each turn waits out the retries).
      const unreachable = CLOSED_SERVICE_URLS.map((serviceUrl, i): Generated => ({
        label: `teams message, replies to ${serviceUrl}`,
        body: message(teamsPersonal, newParticipant({ serviceUrl }), i === 0 ? 'hilfe' : 'start'),
      }));
      const items = [...unreachable, ...fc.sample(teamsActivity(ctx), { seed: SEED, numRuns: COUNTS.teams })];
      await fuzzMessages('teams', items);
      rss.push(`after Teams ${svc.rssKb()} kB`);
      console.log(`Teams: ${rec.count('teams')} activities (${rec.latency('teams')})`);
      expect(fail('teams')).toEqual([]);
    }, 300_000);
  });

  describe('emulator activities', () => {
    it('no 5xx and the process survives loosely filled activities in any channel', async () => {
      // Every long text once on purpose (the generator draws them only rarely, as some cost seconds of CPU today).
      const long = LONG_TEXTS.map((text, i): Generated => ({
        label: `emulator message, long text #${i}`,
        body: {
          channelId: 'emulator',
          serviceUrl: connector.url,
          conversation: { id: `emu-long-${i}` },
          from: { id: `emu-long-user-${i}` },
          recipient: { id: 'bot' },
          type: 'message',
          text,
          deliveryMode: 'expectReplies',
        },
      }));
      const items = [...long, ...fc.sample(emulatorActivity(ctx), { seed: SEED + 1, numRuns: COUNTS.emulator })];
      await fuzzMessages('emulator', items);
      rss.push(`after emulator ${svc.rssKb()} kB`);
      console.log(`emulator: ${rec.count('emulator')} activities (${rec.latency('emulator')})`);
      expect(fail('emulator')).toEqual([]);
    }, 300_000);
  });

  describe('web chat over the self-hosted Direct Line', () => {
    it('no 5xx and the process survives generated conversation starts, posted activities, card submits and polls', async () => {
      const block = 'directline';
      const sessions: DirectLineSession[] = [];
      const starts = fc.sample(directLineStart, { seed: SEED + 2, numRuns: COUNTS.directLineStarts });
      await pool(starts, CONCURRENCY, async (body, i) => {
        const text = JSON.stringify(body) ?? 'undefined';
        const r = await rawRequest(svc.port, {
          method: 'POST',
          path: '/v3/directline/conversations',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `2001:db8::${i.toString(16)}` },
          body: text,
        });
        rec.judge(block, `start ${text.slice(0, 40)}`, body, text, r);
        if (r.status === 201) sessions.push(JSON.parse(r.body) as DirectLineSession);
      });
      // Many conversations, so per-conversation rate limits leave most posts to reach the bot.
      while (sessions.length < 30) sessions.push(await startDirectLine());
      // Texts at and past Direct Line's length limit, once each.
      const long: [Generated, number, string][] = [
        'a'.repeat(4000),
        `${'!'.repeat(3999)}x`,
        'ä'.repeat(4001),
        LONG_TEXTS[0] ?? '',
      ].map((text, n) => [
        { label: `webchat message, ${text.length} characters`, body: { type: 'message', text, locale: 'de-DE' } },
        n,
        'own',
      ]);
      const items = fc.sample(
        fc.tuple(
          directLineActivity(ctx),
          fc.nat(),
          fc.constantFrom('own', 'own', 'own', 'own', 'own', 'own', 'other', 'garbage', 'none', 'wrongPath'),
        ),
        { seed: SEED + 3, numRuns: COUNTS.directLine },
      );
      await pool([...long, ...items], CONCURRENCY, async ([g, n, auth], i) => {
        const s = sessions.at(n % sessions.length)!;
        const other = sessions.at((n + 1) % sessions.length)!;
        const token = auth === 'other' ? other.token : auth === 'garbage' ? 'eyJhbGciOiJub25lIn0.e30.' : s.token;
        const conversationId = auth === 'wrongPath' ? other.conversationId : s.conversationId;
        const text = JSON.stringify(g.body) ?? 'undefined';
        const r = await rawRequest(svc.port, {
          method: 'POST',
          path: `/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities`,
          headers: {
            'content-type': 'application/json',
            'x-forwarded-for': `2001:db8:aaaa:${(n % 64).toString(16)}::1`,
            ...(auth === 'none' ? {} : { authorization: `Bearer ${token}` }),
          },
          body: text,
        });
        rec.judge(block, `${g.label} (${auth} token)`, g.body, text, r);
        if (i % 50 === 49 || r.status === 0) await svc.ensureAlive(`${block} #${i} (${g.label})`);
      });
      // Polling returns what was stored for each conversation, hostile activities included.
      for (const [i, s] of sessions.entries()) {
        for (const q of [
          '',
          '?watermark=0',
          '?watermark=-1',
          '?watermark=99999999999999',
          `?watermark=${'9'.repeat(5000)}`,
        ]) {
          const path_ = `/v3/directline/conversations/${s.conversationId}/activities${q}`;
          const r = await rawRequest(svc.port, {
            method: 'GET',
            path: path_,
            headers: { authorization: `Bearer ${s.token}` },
          });
          rec.judge(block, `poll ${q || '(no watermark)'}`, undefined, `GET ${path_}`, r);
        }
        if (i % 10 === 9) await svc.ensureAlive(`${block} polls`);
      }
      await svc.ensureAlive(`${block} end`);
      rss.push(`after Direct Line ${svc.rssKb()} kB`);
      console.log(`Direct Line: ${rec.count(block)} requests (${rec.latency(block)})`);
      expect(fail(block)).toEqual([]);
    }, 300_000);
  });

  describe('afterwards', () => {
    it('at least 2,000 requests were judged', () => {
      expect(rec.total()).toBeGreaterThanOrEqual(2000);
    });

    it('normal users are still answered: help for a new Teams user, the victim, and a new web chat visitor; the victim is asked the same question', async () => {
      expect(await svc.alive()).toBe(true);
      const newcomer = await turn(
        svc.port,
        message(teamsPersonal, newParticipant({ serviceUrl: connector.url }), 'hilfe'),
      );
      expect(newcomer.map((a) => a.text)).toContain(HELP_DE);
      expect((await turn(svc.port, message(teamsPersonal, prepared.victim, 'hilfe'))).map((a) => a.text)).toContain(
        HELP_DE,
      );
      // "weiter" re-shows the open question; the victim's position comes from the stored answers.
      expect(
        answerActionOf(await turn(svc.port, message(teamsPersonal, prepared.victim, 'weiter')))?.['questionId'],
      ).toBe(prepared.victimNext);

      const s = await startDirectLine();
      const posted = await jsonRequest(
        svc.port,
        'POST',
        `/v3/directline/conversations/${s.conversationId}/activities`,
        { type: 'message', text: 'hilfe', locale: 'de-DE' },
        { authorization: `Bearer ${s.token}` },
      );
      expect(posted.status).toBe(200);
      const polled = await rawRequest(svc.port, {
        method: 'GET',
        path: `/v3/directline/conversations/${s.conversationId}/activities`,
        headers: { authorization: `Bearer ${s.token}` },
      });
      const texts = (JSON.parse(polled.body) as { activities: { text?: string }[] }).activities.map((a) => a.text);
      expect(texts).toContain(HELP_DE);
      rss.push(`end ${svc.rssKb()} kB`);
    }, 60_000);

    it("leaves the victim's stored data unchanged (respondent, answers and history, round, grants, subscriptions, outbox)", async () => {
      // A graceful stop (exit code 0) is the last proof of health; then the database is read directly.
      expect(await svc.stop()).toBe(0);
      const reader: Database = await openDatabase(
        usingPostgres
          ? { kind: 'postgres', url: databaseUrl }
          : { kind: 'pglite', dataDir: databaseUrl.slice('pglite:'.length) },
      );
      let after: Snapshot;
      try {
        after = await snapshot(reader);
      } finally {
        await reader.close();
      }
      expect(forbiddenChanges(before, after, prepared)).toEqual([]);
    }, 60_000);
  });

  let clients = 0;
  /** A new conversation from a client address of its own (TRUST_PROXY), so per-client limits never decide a check. */
  const startDirectLine = (): Promise<DirectLineSession> => openDirectLine(svc.port, ++clients);
});
