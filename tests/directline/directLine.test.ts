import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  poll,
  post,
  start,
  startDirectLineServer,
  type ActivitySet,
  type DirectLineTestServer,
} from '../support/directLineServer';

describe('self-hosted Direct Line 3.0 (polling subset)', () => {
  let dl: DirectLineTestServer;
  beforeAll(async () => {
    dl = await startDirectLineServer({ messagesPerMinute: 5, conversationsPerClient: 1000 });
  });
  afterAll(async () => {
    await dl.stop();
  });

  it('starts a conversation with 201, a token and the bot greeting in the requested locale', async () => {
    const res = await fetch(`${dl.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'ar' }),
    });
    expect(res.status).toBe(201);
    const s = (await res.json()) as { conversationId: string; token: string; expires_in: number };
    expect(s.conversationId).toMatch(/^[0-9a-f]{32}$/);
    expect(s.expires_in).toBe(3600);
    const first = (await (await poll(dl.url, s, '')).json()) as ActivitySet;
    expect(first.activities.map((a) => a.text)).toEqual(['welcome ar']);
    expect(first.activities[0]?.from.id).toBe('weltoffen-bot');
  });

  it('echoes the user activity with its clientActivityID, then the bot reply, and pages by watermark', async () => {
    const s = await start(dl.url, { locale: 'de-DE' });
    const page1 = (await (await poll(dl.url, s)).json()) as ActivitySet;
    expect(page1.activities).toHaveLength(1);

    const res = await post(dl.url, s, {
      type: 'message',
      text: 'Hallo',
      locale: 'tr-TR',
      from: { id: 'spoofed' },
      channelData: { clientActivityID: 'client-42' },
    });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };

    const page2 = (await (await poll(dl.url, s, page1.watermark)).json()) as ActivitySet;
    expect(page2.activities.map((a) => a.text)).toEqual(['Hallo', 'echo[tr-TR]: Hallo']);
    const [echo, reply] = page2.activities;
    expect(echo?.id).toBe(id);
    expect(echo?.channelData?.clientActivityID).toBe('client-42');
    // The server owns the sender: a client cannot post as someone else.
    expect(echo?.from.id).toMatch(/^u_/);
    expect(echo?.from.role).toBe('user');
    expect(reply?.replyToId).toBe(id);
    expect(Number(page2.watermark)).toBe(Number(page1.watermark) + 2);

    const page3 = (await (await poll(dl.url, s, page2.watermark)).json()) as ActivitySet;
    expect(page3.activities).toEqual([]);
    expect(page3.watermark).toBe(page2.watermark);
    // Without a watermark the whole transcript comes back.
    expect(((await (await poll(dl.url, s)).json()) as ActivitySet).activities).toHaveLength(3);
  });

  it('a token for one conversation cannot read or write another (403)', async () => {
    const a = await start(dl.url);
    const b = await start(dl.url);
    const crossed = { conversationId: b.conversationId, token: a.token };
    const read = await poll(dl.url, crossed);
    expect(read.status).toBe(403);
    expect(await read.json()).toEqual({ code: 'WrongConversation', message: expect.any(String) as unknown });
    expect((await post(dl.url, crossed, { type: 'message', text: 'x' })).status).toBe(403);
    expect((await poll(dl.url, b)).status).toBe(200);
  });

  it('rejects missing, forged and tampered tokens', async () => {
    const s = await start(dl.url);
    expect((await fetch(`${dl.url}/v3/directline/conversations/${s.conversationId}/activities`)).status).toBe(401);
    const [payload, sig] = s.token.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ c: s.conversationId, u: 'other', e: Date.now() + 1e9 })).toString('base64url')}.${sig}`;
    expect((await poll(dl.url, { ...s, token: tampered })).status).toBe(403);
    expect((await poll(dl.url, { ...s, token: `${payload}.AAAA` })).status).toBe(403);
  });

  it('an expired token is refused with 403; refreshing before expiry extends it', async () => {
    const s = await start(dl.url);
    dl.clock.now += 3000 * 1000;
    const refreshed = await fetch(`${dl.url}/v3/directline/tokens/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}` },
    });
    expect(refreshed.status).toBe(200);
    const fresh = (await refreshed.json()) as { token: string; conversationId: string; expires_in: number };
    expect(fresh.conversationId).toBe(s.conversationId);
    dl.clock.now += 1000 * 1000; // old token now 4000 s old (TTL 3600), the refreshed one 1000 s
    const old = await poll(dl.url, s);
    expect(old.status).toBe(403);
    expect(((await old.json()) as { code: string }).code).toBe('TokenExpired');
    expect((await poll(dl.url, { ...s, token: fresh.token })).status).toBe(200);
  });

  it('floods get 429 with Retry-After while other conversations are still served', async () => {
    const flooder = await start(dl.url);
    const other = await start(dl.url);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(dl.url, flooder, { type: 'message', text: `m${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const limited = await post(dl.url, flooder, { type: 'message', text: 'again' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await post(dl.url, other, { type: 'message', text: 'still here' })).status).toBe(200);
    // A minute later the flooder may write again.
    dl.clock.now += 61_000;
    expect((await post(dl.url, flooder, { type: 'message', text: 'later' })).status).toBe(200);
  });

  it('a burst of parallel posts to one conversation does not slow down another', async () => {
    const flooder = await start(dl.url);
    const other = await start(dl.url);
    const burst = Array.from({ length: 200 }, (_, i) =>
      post(dl.url, flooder, { type: 'message', text: `b${i}` }).then((r) => r.status),
    );
    const t = Date.now();
    expect((await post(dl.url, other, { type: 'message', text: 'calm' })).status).toBe(200);
    const otherMs = Date.now() - t;
    const statuses = await Promise.all(burst);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(195);
    expect(otherMs).toBeLessThan(2000);
    const set = (await (await poll(dl.url, other)).json()) as ActivitySet;
    expect(set.activities.map((a) => a.text)).toContain('echo[]: calm');
  });

  it('validates posted activities with 400 JSON errors', async () => {
    const s = await start(dl.url);
    const bad = await post(dl.url, s, { type: 'invoke', name: 'x' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('InvalidActivity');
    // a too-long text is no longer a 400 (tests/directline/limits.test.ts); an oversized card value is.
    expect((await post(dl.url, s, { type: 'message', value: { x: 'x'.repeat(9000) } })).status).toBe(400);
    expect((await poll(dl.url, s, 'abc')).status).toBe(400);
  });

  it('removes idle conversations (404 afterwards) while active ones stay', async () => {
    const idle = await start(dl.url);
    const active = await start(dl.url);
    dl.clock.now += 1000 * 1000;
    expect((await poll(dl.url, active)).status).toBe(200);
    dl.clock.now += 900 * 1000; // idle: 1900 s untouched (limit 1800), active: 900 s
    dl.handle.store.sweep(dl.clock.now);
    const gone = await poll(dl.url, idle);
    expect(gone.status).toBe(404);
    expect((await poll(dl.url, active)).status).toBe(200);
  });
});

describe('Direct Line limits per client address', () => {
  it('answers 429 with Retry-After once one address has started too many conversations', async () => {
    const dl = await startDirectLineServer({ conversationsPerClient: 3, conversationWindowSeconds: 600 });
    try {
      for (let i = 0; i < 3; i++) await start(dl.url);
      const res = await fetch(`${dl.url}/v3/directline/conversations`, { method: 'POST' });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(500);
      expect(((await res.json()) as { code: string }).code).toBe('TooManyConversations');
    } finally {
      await dl.stop();
    }
  });

  it('behind a proxy (TRUST_PROXY) counts the address the proxy appended, without its port; forged earlier entries do not help', async () => {
    const dl = await startDirectLineServer({
      conversationsPerClient: 2,
      conversationWindowSeconds: 600,
      trustProxy: true,
    });
    const open = (forwardedFor: string) =>
      fetch(`${dl.url}/v3/directline/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: '{}',
      });
    try {
      // App Service style: the client's port differs per connection; the client forges a new first entry each time.
      expect((await open('198.51.100.1, 203.0.113.5:51234')).status).toBe(201);
      expect((await open('198.51.100.2, 203.0.113.5:51235')).status).toBe(201);
      expect((await open('198.51.100.3, 203.0.113.5:51236')).status).toBe(429);
      // Another client behind the same proxy is still served.
      expect((await open('203.0.113.6:40000')).status).toBe(201);
    } finally {
      await dl.stop();
    }
  });

  it('runs turns in-process even when channel authentication is configured (Teams app id)', async () => {
    const auth = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: 'app-id-123',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'MultiTenant',
    });
    const dl = await startDirectLineServer({}, auth, 'app-id-123');
    try {
      // The channel endpoint itself still refuses unauthenticated requests...
      const direct = await fetch(`${dl.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          channelId: 'webchat',
          serviceUrl: 'http://127.0.0.1:9/',
          conversation: { id: 'c' },
          from: { id: 'u' },
          text: 'hi',
        }),
      });
      expect(direct.status).toBe(401);
      // ...while Direct Line, guarded by its own tokens, reaches the bot.
      const s = await start(dl.url);
      expect((await post(dl.url, s, { type: 'message', text: 'hi' })).status).toBe(200);
      const set = (await (await poll(dl.url, s)).json()) as ActivitySet;
      expect(set.activities.map((a) => a.text)).toEqual(['welcome none', 'hi', 'echo[]: hi']);
    } finally {
      await dl.stop();
    }
  });
});
