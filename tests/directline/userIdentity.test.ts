/**
 * Web chat identity that survives a reload: the page sends its own random secret when it starts a
 * conversation, and the Direct Line derives the user id from it (SHA-256), so the same browser is the same
 * user in every conversation, while the id never lets anyone act as that user and the secret is stored and
 * logged nowhere.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/index';
import { userIdOfSecret } from '../../src/infrastructure/directline/conversationStore';
import { baseEnv } from '../support/service';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import {
  poll,
  post,
  startDirectLineServer,
  type ActivitySet,
  type DirectLineTestServer,
} from '../support/directLineServer';

const newSecret = () => randomBytes(16).toString('hex');

interface StartAnswer {
  conversationId: string;
  token: string;
  userId: string;
}

async function startWith(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}/v3/directline/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

async function startAs(url: string, userSecret?: string, locale = 'de-DE'): Promise<StartAnswer> {
  const { status, text } = await startWith(url, userSecret === undefined ? { locale } : { locale, userSecret });
  if (status !== 201) throw new Error(`start failed: ${status} ${text}`);
  return JSON.parse(text) as StartAnswer;
}

/** The token's payload (base64url JSON before the dot): what the browser holds besides the ids. */
const tokenPayload = (token: string) => Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8');

describe('Direct Line user ids from the browser’s secret', () => {
  let dl: DirectLineTestServer;
  beforeAll(async () => {
    dl = await startDirectLineServer({ conversationsPerClient: 1000 });
  });
  afterAll(async () => {
    await dl.stop();
  });

  it('the same secret is the same user in every conversation; the id is u- and the first 32 hex of its SHA-256', async () => {
    const secret = newSecret();
    const a = await startAs(dl.url, secret);
    const b = await startAs(dl.url, secret);
    expect(a.conversationId).not.toBe(b.conversationId);
    expect(a.userId).toBe(b.userId);
    expect(a.userId).toBe(`u-${createHash('sha256').update(secret).digest('hex').slice(0, 32)}`);
    expect(a.userId).toBe(userIdOfSecret(secret));
    expect(a.userId).toMatch(/^u-[0-9a-f]{32}$/);
    // The bot sees that id as the sender, in both conversations, whatever the client claims.
    for (const s of [a, b]) {
      expect((await post(dl.url, s, { type: 'message', text: 'Hallo', from: { id: 'spoofed' } })).status).toBe(200);
      const { activities } = (await (await poll(dl.url, s)).json()) as ActivitySet;
      expect(activities.filter((x) => x.text === 'Hallo').map((x) => x.from.id)).toEqual([a.userId]);
    }
    // The token binds conversation and user: one conversation's token does not open the other.
    expect((await poll(dl.url, { conversationId: b.conversationId, token: a.token })).status).toBe(403);
  });

  it('different secrets are different users; without a secret every conversation is a new user, as before', async () => {
    const one = await startAs(dl.url, newSecret());
    const two = await startAs(dl.url, newSecret());
    expect(one.userId).not.toBe(two.userId);
    const anon1 = await startAs(dl.url);
    const anon2 = await startAs(dl.url);
    expect(anon1.userId).toMatch(/^u_[0-9a-f]{20}$/);
    expect(anon2.userId).toMatch(/^u_[0-9a-f]{20}$/);
    expect(anon1.userId).not.toBe(anon2.userId);
    // Other Direct Line clients' `user: { id }` names no one: the server owns user ids.
    const claimed = JSON.parse((await startWith(dl.url, { user: { id: one.userId } })).text) as StartAnswer;
    expect(claimed.userId).toMatch(/^u_/);
    expect(claimed.userId).not.toBe(one.userId);
  });

  it('a malformed secret is a 400 that does not repeat it, and starts no conversation', async () => {
    const good = newSecret();
    const malformed: unknown[] = [
      good.toUpperCase(),
      good.slice(0, 31),
      `${good}0`,
      `${good.slice(0, 31)}g`,
      ` ${good}`,
      `${good}\n`,
      'x'.repeat(10_000),
      '',
      42,
      null,
      { id: good },
      [good],
    ];
    const before = dl.handle.store.size;
    for (const userSecret of malformed) {
      const { status, text } = await startWith(dl.url, { locale: 'de', userSecret });
      expect({ userSecret, status }).toEqual({ userSecret, status: 400 });
      const body = JSON.parse(text) as { code: string; message: string };
      expect(body.code).toBe('InvalidRequest');
      expect(body.message).toMatch(/userSecret/);
      if (typeof userSecret === 'string' && userSecret.trim() !== '') expect(text).not.toContain(userSecret.trim());
      expect(text).not.toContain(good.slice(0, 16));
    }
    expect(dl.handle.store.size).toBe(before);
  });

  it('the secret is in no answer: not in the start answer, the token, the transcript or a reconnect', async () => {
    const secret = newSecret();
    const s = await startAs(dl.url, secret);
    await post(dl.url, s, { type: 'message', text: 'Hallo' });
    const answers = [
      JSON.stringify(s),
      tokenPayload(s.token),
      await (await poll(dl.url, s)).text(),
      await (
        await fetch(`${dl.url}/v3/directline/conversations/${s.conversationId}`, {
          headers: { authorization: `Bearer ${s.token}` },
        })
      ).text(),
      await (
        await fetch(`${dl.url}/v3/directline/tokens/refresh`, {
          method: 'POST',
          headers: { authorization: `Bearer ${s.token}` },
        })
      ).text(),
    ];
    for (const answer of answers) expect(answer).not.toContain(secret.slice(0, 12));
    expect(tokenPayload(s.token)).toContain(s.userId);
  });
});

/**
 * The real service (composition root, bot, database) with its log at trace level in memory: a person who
 * consented in one conversation is still that respondent in the next conversation of the same browser, and
 * the secret reaches neither the log nor the database.
 */
describe('the real bot over the Direct Line: identity across conversations', () => {
  const lines: string[] = [];
  let db: TestDatabase;
  let service: RunningService;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const config = loadConfig(
      baseEnv({ DATABASE_URL: db.target.kind === 'postgres' ? db.target.url : 'pglite:memory', LOG_LEVEL: 'trace' }),
    );
    service = await startService(config, { database: db.openOptions, logger: pino({ level: 'trace' }, stream) });
    url = `http://127.0.0.1:${service.port}`;
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    await db?.dispose();
  });

  /** Posts a message and returns the texts the bot answered with (cards as their JSON). */
  async function say(s: StartAnswer, text: string): Promise<string> {
    const before = (await (await poll(url, s)).json()) as ActivitySet;
    const res = await post(url, s, { type: 'message', text, locale: 'de-DE' });
    expect(res.status).toBe(200);
    type WithCards = ActivitySet['activities'][number] & { attachments?: unknown };
    const after = (await (await poll(url, s, before.watermark)).json()) as { activities: WithCards[] };
    return after.activities
      .filter((a) => a.from.role !== 'user')
      .map((a) => `${a.text ?? ''} ${JSON.stringify(a.attachments ?? [])}`)
      .join('\n');
  }

  it('consent given in one conversation holds in the next one of the same browser, not in another browser', async () => {
    const secret = newSecret();
    const first = await startAs(url, secret);
    expect(await say(first, 'start')).toContain('Datenschutz');
    expect(await say(first, 'ja')).toContain('Für welche Kommune');
    const respondent = await service.db.prisma.respondent.findUnique({
      where: { identityKey: `directline:${first.userId}` },
    });
    expect(respondent?.consentedAt).not.toBeNull();

    // A reload: a new conversation, the same secret. The bot knows the consented respondent again.
    const second = await startAs(url, secret);
    expect(second.conversationId).not.toBe(first.conversationId);
    const code = /WR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(await say(second, 'fortsetzungscode'))?.[0];
    expect(code).toBeDefined();
    const row = await service.db.prisma.resumeCode.findUnique({ where: { identityKey: `directline:${first.userId}` } });
    expect(row?.codeHash).toBe(
      createHash('sha256')
        .update(code ?? '')
        .digest('hex'),
    );

    // Another browser (another secret) is someone else, who has consented to nothing.
    const other = await startAs(url, newSecret());
    const answer = await say(other, 'fortsetzungscode');
    expect(answer).toContain('Datenschutzhinweis zugestimmt');
    expect(answer).not.toMatch(/WR-/);

    // Neither the log nor any stored bot state holds the secret; the state is keyed by the derived id.
    const log = lines.join('');
    expect(log).toContain('direct line: conversation started');
    expect(log).not.toContain(secret);
    const states = await service.db.prisma.botStateItem.findMany();
    expect(states.map((s) => s.key)).toContain(`directline/users/${first.userId}`);
    expect(JSON.stringify(states)).not.toContain(secret);
  }, 60_000);
});
