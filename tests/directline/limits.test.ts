import { isServiceUrlAllowed, serviceUrlPolicy } from '../../src/domain/conversation/serviceUrl';
import { turnFailureReply } from '../../src/bot/turnError';
import type { Activity, TurnContext } from 'botbuilder';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { RateBucket, RateDecision, RateLimits } from '../../src/domain/ports';
import { createHttpServer } from '../../src/http/server';
import { DIRECT_LINE_DEFAULTS, MAX_TEXT_CHARS, mountDirectLine } from '../../src/http/directLine';
import { publicText } from '../../src/i18n/public';
import { WeltoffenCloudAdapter } from '../../src/infrastructure/bot/weltoffenCloudAdapter';
import { inProcessTurns } from '../../src/infrastructure/directline/inProcessTurn';
import { InMemoryRateLimits } from '../../src/infrastructure/directline/rateLimiter';
import { createLogger } from '../../src/infrastructure/logger';
import {
  echoBot,
  poll,
  post,
  start,
  startDirectLineServer,
  type ActivitySet,
  type DirectLineTestServer,
} from '../support/directLineServer';

type Stored = Record<string, unknown> & {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  from: { id: string };
};

/** The echo bot, remembering every activity it was given. */
function recordingBot() {
  const seen: Partial<Activity>[] = [];
  return {
    seen,
    run: async (ctx: TurnContext) => {
      seen.push(JSON.parse(JSON.stringify(ctx.activity)) as Partial<Activity>);
      await echoBot.run(ctx);
    },
  };
}

const activities = async (url: string, s: { conversationId: string; token: string }, watermark?: string) =>
  (await (await poll(url, s, watermark)).json()) as ActivitySet & { activities: Stored[] };

describe('web chat: too-long messages are answered politely, never given to the bot', () => {
  const bot = recordingBot();
  let dl: DirectLineTestServer;
  beforeAll(async () => {
    dl = await startDirectLineServer(
      { conversationsPerClient: 1000, messagesPerClientPerMinute: 1000 },
      undefined,
      '',
      bot,
    );
  });
  afterAll(() => dl.stop());

  it.each([
    ['de-DE', 'de'],
    ['de-x-ls', 'de-LS'],
    ['en-US', 'en'],
    ['tr', 'tr'],
    ['ar', 'ar'],
    ['uk', 'uk'],
  ] as const)(
    '%s: 200, the echo cut to the limit, and the request to write shorter in %s',
    async (pageLocale, textLocale) => {
      const s = await start(dl.url, { locale: pageLocale });
      const before = await activities(dl.url, s);
      const turnsBefore = bot.seen.length;
      const res = await post(dl.url, s, {
        type: 'message',
        text: 'Frage '.repeat(700),
        locale: pageLocale,
        channelData: { clientActivityID: 'long-1' },
        value: { x: 1 },
      });
      expect(res.status).toBe(200);
      const { id } = (await res.json()) as { id: string };
      const after = await activities(dl.url, s, before.watermark);
      expect(after.activities).toHaveLength(2);
      const [echo, notice] = after.activities;
      expect(echo?.id).toBe(id);
      expect(echo?.text).toHaveLength(MAX_TEXT_CHARS + 1);
      expect(echo?.text?.endsWith('…')).toBe(true);
      expect(echo?.channelData).toEqual({ clientActivityID: 'long-1' });
      expect(echo?.value).toBeUndefined();
      expect(notice?.text).toBe(publicText(textLocale, 'tooLong', { max: MAX_TEXT_CHARS }));
      expect(notice?.replyToId).toBe(id);
      expect(notice?.from.id).toBe('weltoffen-bot');
      // No bot turn ran on it.
      expect(bot.seen.length).toBe(turnsBefore);
    },
  );

  it('exactly the limit still reaches the bot; one more does not; a surrogate pair at the cut stays whole', async () => {
    const s = await start(dl.url, { locale: 'de' });
    const turnsBefore = bot.seen.length;
    expect((await post(dl.url, s, { type: 'message', text: 'a'.repeat(MAX_TEXT_CHARS) })).status).toBe(200);
    expect(bot.seen.length).toBe(turnsBefore + 1);
    expect((await post(dl.url, s, { type: 'message', text: `${'a'.repeat(MAX_TEXT_CHARS - 1)}😀b` })).status).toBe(200);
    expect(bot.seen.length).toBe(turnsBefore + 1);
    const last = (await activities(dl.url, s)).activities.filter((a) => a.from.id !== 'weltoffen-bot').at(-1);
    expect(last?.text).toBe(`${'a'.repeat(MAX_TEXT_CHARS - 1)}…`);
    // The conversation goes on normally afterwards.
    expect((await post(dl.url, s, { type: 'message', text: 'kurz' })).status).toBe(200);
    expect((await activities(dl.url, s)).activities.at(-1)?.text).toBe('echo[]: kurz');
  });

  it('stores and forwards only the known fields: junk from the client appears nowhere', async () => {
    const s = await start(dl.url);
    const before = await activities(dl.url, s);
    const turnsBefore = bot.seen.length;
    const res = await post(dl.url, s, {
      type: 'message',
      text: 'hallo',
      locale: 'de-DE',
      from: { id: 'evil-from', name: 'Mallory', role: 'bot' },
      recipient: { id: 'evil-recipient' },
      conversation: { id: 'evil-conversation' },
      entities: [{ type: 'mention', mentioned: { id: 'evil-mention' } }],
      serviceUrl: 'https://evil.example.org/',
      replyToId: 'evil-reply',
      membersAdded: [{ id: 'evil-member' }],
      channelData: { clientActivityID: 'c-1', x: 'y'.repeat(50_000), tenant: { id: 'evil-tenant' }, postBack: true },
      value: { answer: 'ja' },
    });
    expect(res.status).toBe(200);
    const after = await activities(dl.url, s, before.watermark);
    const listed = JSON.stringify(after.activities);
    for (const junk of ['evil', 'Mallory', 'yyyy', 'mention', 'tenant']) expect(listed).not.toContain(junk);
    const echo = after.activities[0];
    expect(Object.keys(echo ?? {}).sort()).toEqual([
      'channelData',
      'channelId',
      'conversation',
      'from',
      'id',
      'locale',
      'recipient',
      'serviceUrl',
      'text',
      'timestamp',
      'type',
      'value',
    ]);
    expect(echo?.channelData).toEqual({ clientActivityID: 'c-1', postBack: true });

    expect(bot.seen.length).toBe(turnsBefore + 1);
    const given = bot.seen.at(-1);
    expect(JSON.stringify(given)).not.toMatch(/evil|Mallory|yyyy|mention|tenant/);
    expect(given?.entities).toBeUndefined();
    expect(given?.from?.id).toMatch(/^u_/);
    expect(given?.serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(given?.value).toEqual({ answer: 'ja' });
  });

  it('a card value larger than 8 kB as JSON is refused with 400 and stores nothing', async () => {
    const s = await start(dl.url);
    const before = await activities(dl.url, s);
    const res = await post(dl.url, s, { type: 'message', value: { blob: 'z'.repeat(9000) } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('InvalidActivity');
    expect((await activities(dl.url, s, before.watermark)).activities).toEqual([]);
  });
});

describe('web chat: limits per client address (IPv6 per /64) with Retry-After', () => {
  const open = (url: string, forwardedFor: string) =>
    fetch(`${url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: '{}',
    });
  const send = (url: string, s: { conversationId: string; token: string }, forwardedFor: string, text: string) =>
    fetch(`${url}/v3/directline/conversations/${s.conversationId}/activities`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${s.token}`,
        'x-forwarded-for': forwardedFor,
      },
      body: JSON.stringify({ type: 'message', text }),
    });

  it('a flood from one address over several conversations gets 429 with Retry-After; another address is still served', async () => {
    const dl = await startDirectLineServer({
      trustProxy: true,
      conversationsPerClient: 100,
      messagesPerMinute: 5,
      messagesPerClientPerMinute: 12,
    });
    try {
      const flooder = '198.51.100.7';
      const conversations: { conversationId: string; token: string }[] = [];
      for (let i = 0; i < 4; i++)
        conversations.push((await (await open(dl.url, flooder)).json()) as { conversationId: string; token: string });
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (const c of conversations) {
        for (let i = 0; i < 4; i++) {
          const res = await send(dl.url, c, flooder, `m${i}`);
          statuses.push(res.status);
          if (res.status === 429) limited = res;
        }
      }
      // 4 per conversation stay under its limit of 5; the address's 12 per minute are the cap.
      expect(statuses.filter((x) => x === 200)).toHaveLength(12);
      expect(statuses.slice(12)).toEqual([429, 429, 429, 429]);
      expect(limited).toBeDefined();
      expect(((await limited?.json()) as { code: string }).code).toBe('TooManyMessages');
      const retryAfter = Number(limited?.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // The flooder's conversation, reached from another address, is counted for that address.
      expect((await send(dl.url, conversations.at(3)!, '198.51.100.8', 'other address')).status).toBe(200);
      dl.clock.now += 61_000;
      expect((await send(dl.url, conversations.at(0)!, flooder, 'a minute later')).status).toBe(200);
    } finally {
      await dl.stop();
    }
  });

  it('two IPv6 addresses in one /64 share a bucket, another /64 does not; IPv4-mapped counts as IPv4', async () => {
    const dl = await startDirectLineServer({
      trustProxy: true,
      conversationsPerClient: 2,
      conversationWindowSeconds: 600,
    });
    try {
      expect((await open(dl.url, '2001:db8:1:2::a')).status).toBe(201);
      expect((await open(dl.url, '2001:db8:1:2:ffff:ffff:ffff:fffe')).status).toBe(201);
      const third = await open(dl.url, '[2001:DB8:1:2::1234]:5555');
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(500);
      expect((await open(dl.url, '2001:db8:1:3::a')).status).toBe(201);
      expect((await open(dl.url, '::ffff:203.0.113.9')).status).toBe(201);
      expect((await open(dl.url, '203.0.113.9:40000')).status).toBe(201);
      expect((await open(dl.url, '::ffff:cb00:7109')).status).toBe(429); // 203.0.113.9 in hex form
    } finally {
      await dl.stop();
    }
  });
});

describe('RateLimits port', () => {
  it('every Direct Line limit goes through the given port', async () => {
    const calls: string[] = [];
    const inner = new InMemoryRateLimits();
    const limits: RateLimits = {
      hit(bucket: RateBucket, key: string, now: number): Promise<RateDecision> {
        calls.push(`${bucket.name}:${bucket.limit}/${bucket.windowMs}`);
        return inner.hit(bucket, key, now);
      },
    };
    const adapter = new WeltoffenCloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const logger = createLogger('silent');
    const http = createHttpServer({
      serviceUrlAllowed: (url) => isServiceUrlAllowed(url, serviceUrlPolicy([], true)),
      adapter,
      bot: echoBot,
      logger,
      readiness: { check: () => Promise.resolve(undefined) },
      maxBodyBytes: 262144,
      shutdownTimeoutMs: 1000,
      mount: (server) => {
        mountDirectLine(server, {
          turns: inProcessTurns(adapter, echoBot, ''),
          logger,
          options: { ...DIRECT_LINE_DEFAULTS, messagesPerMinute: 7 },
          rateLimits: limits,
          failureReply: turnFailureReply,
        });
      },
    });
    const url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    try {
      const s = await start(url);
      expect((await post(url, s, { type: 'message', text: 'hi' })).status).toBe(200);
      expect(calls).toEqual([
        'directline.conversations.client:20/3600000',
        'directline.messages.conversation:7/60000',
        'directline.messages.client:60/60000',
      ]);
    } finally {
      await http.close();
    }
  });

  it('the in-memory implementation drops keys without recent hits, so memory stays bounded', async () => {
    const limits = new InMemoryRateLimits();
    const bucket = { name: 't', limit: 2, windowMs: 60_000 };
    const t0 = 1_000_000;
    for (let i = 0; i < 1000; i++) expect((await limits.hit(bucket, `k${i}`, t0)).ok).toBe(true);
    expect(limits.size).toBe(1000);
    expect(await limits.hit(bucket, 'k1', t0 + 1)).toEqual({ ok: true });
    expect(await limits.hit(bucket, 'k1', t0 + 2)).toEqual({ ok: false, retryAfterMs: 59_998 });
    await limits.hit(bucket, 'fresh', t0 + 61_000);
    expect(limits.size).toBe(1);
  });
});
