/**
 * every route that takes a JSON body reads it through our bounded reader. Compressed bodies
 * (garbage or a gzip bomb) get 415 before a byte is decoded, oversized bodies 413 (also chunked ones), deep
 * nesting 400 — and the real service keeps answering. Traffic goes to 127.0.0.1 only.
 */
import { request } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { exceedsDepth, isJsonType } from '../../src/http/jsonBody';
import { message, newParticipant, webchat } from '../support/activities';
import { startTestService, type TestService } from '../support/service';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Body bytes the client managed to write before the answer (chunked uploads). */
  sent: number;
}

/**
 * One request over a fresh connection. `chunks` are written one by one with Transfer-Encoding: chunked
 * (no Content-Length) and the upload stops as soon as the answer arrives.
 */
function raw(
  url: string,
  path: string,
  options: { headers?: Record<string, string>; body?: Buffer; chunks?: () => Buffer | undefined },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    let sent = 0;
    let answered = false;
    const req = request(
      { host: hostname, port, path, method: 'POST', headers: options.headers ?? {}, agent: false },
      (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(parts).toString('utf8'),
            sent,
          }),
        );
        res.on('error', reject);
      },
    );
    // The server may close the connection while we are still uploading: that is expected after a 413.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    if (options.body !== undefined) {
      sent = options.body.length;
      req.end(options.body);
      return;
    }
    const pump = () => {
      while (!answered) {
        const chunk = options.chunks?.();
        if (chunk === undefined) return void req.end();
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

const activity = (text = 'hilfe') =>
  Buffer.from(JSON.stringify({ ...message(webchat, newParticipant(), text), deliveryMode: 'expectReplies' }));
const JSON_TYPE = { 'content-type': 'application/json' };

describe('the bounded JSON body reader on every JSON route of the real service', () => {
  let svc: TestService;
  let token = '';
  let conversationId = '';

  beforeAll(async () => {
    svc = await startTestService({ MAX_BODY_BYTES: '65536', DASHBOARD_LOCAL_SIGNIN: 'true', NODE_ENV: 'test' });
    const started = await fetch(`${svc.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: '{}',
    });
    ({ token, conversationId } = (await started.json()) as { token: string; conversationId: string });
  }, 60_000);
  afterAll(async () => svc.stop());

  interface JsonRoute {
    name: string;
    path: string;
    limit: number;
    auth: Record<string, string>;
    good: () => Buffer;
    ok: number;
  }
  /** Each JSON route with a valid body for it, its own limit and what a good request answers. */
  const routes = (): JsonRoute[] => [
    { name: 'POST /api/messages', path: '/api/messages', limit: 65536, auth: {}, good: () => activity(), ok: 200 },
    {
      name: 'POST /v3/directline/conversations',
      path: '/v3/directline/conversations',
      limit: 65536,
      auth: {},
      good: () => Buffer.from('{"locale":"de-DE"}'),
      ok: 201,
    },
    {
      name: 'POST /v3/directline/conversations/:id/activities',
      path: `/v3/directline/conversations/${conversationId}/activities`,
      limit: 65536,
      auth: { authorization: `Bearer ${token}` },
      good: () => Buffer.from(JSON.stringify({ type: 'message', text: 'hilfe' })),
      ok: 200,
    },
    {
      name: 'POST /api/dashboard/local-signin',
      path: '/api/dashboard/local-signin',
      limit: 4096,
      auth: {},
      good: () =>
        Buffer.from(
          JSON.stringify({
            identityKey: 'aad:00000000-0000-0000-0000-000000000001:00000000-0000-0000-0000-000000000002',
          }),
        ),
      ok: 200,
    },
    {
      // A well-formed token no link has: read, parsed and answered 404 (the route's own answer, not the reader's).
      // Its rate limit (20 a minute per address) leaves room for this file's ~17 requests to it.
      name: 'POST /api/downloads',
      path: '/api/downloads',
      limit: 256,
      auth: {},
      good: () => Buffer.from(JSON.stringify({ token: 'A'.repeat(43) })),
      ok: 404,
    },
  ];
  const ROUTE_NAMES = [
    'POST /api/messages',
    'POST /v3/directline/conversations',
    'POST /v3/directline/conversations/:id/activities',
    'POST /api/dashboard/local-signin',
    'POST /api/downloads',
  ];
  const route = (name: string) => {
    const r = routes().find((x) => x.name === name);
    if (!r) throw new Error(name);
    return r;
  };

  /** A normal user is still answered: the process is alive and serving. */
  async function stillServing(): Promise<void> {
    const replies = await svc.replies(message(webchat, newParticipant(), 'help'));
    expect(replies.length).toBeGreaterThan(0);
  }

  const garbage = Buffer.from('this is not compressed at all \u0000\u00ff'.repeat(20), 'latin1');

  describe.each(ROUTE_NAMES)('%s', (name) => {
    it('accepts a normal request', async () => {
      const r = route(name);
      const res = await raw(svc.url, r.path, { headers: { ...JSON_TYPE, ...r.auth }, body: r.good() });
      expect(res.status).toBe(r.ok);
    });

    it.each([
      ['gzip', 'garbage'],
      ['deflate', 'garbage'],
      ['br', 'garbage'],
      ['gzip', 'valid gzip'],
      ['deflate', 'valid deflate'],
      ['br', 'valid br'],
      ['identity, gzip', 'garbage'],
      ['x-unknown', 'garbage'],
    ] as const)(
      'Content-Encoding %s (%s) → 415 with our JSON error, and the service keeps serving',
      async (encoding, kind) => {
        const r = route(name);
        const good = r.good();
        const body =
          kind === 'valid gzip'
            ? gzipSync(good)
            : kind === 'valid deflate'
              ? deflateSync(good)
              : kind === 'valid br'
                ? brotliCompressSync(good)
                : garbage;
        const res = await raw(svc.url, r.path, {
          headers: { ...JSON_TYPE, ...r.auth, 'content-encoding': encoding },
          body,
        });
        expect(res.status).toBe(415);
        expect(JSON.parse(res.text)).toEqual({
          code: 'UnsupportedContentEncoding',
          message: expect.stringMatching(/uncompressed/) as unknown,
        });
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        await stillServing();
      },
    );

    it('Content-Encoding: identity is an uncompressed body and accepted', async () => {
      const r = route(name);
      const res = await raw(svc.url, r.path, {
        headers: { ...JSON_TYPE, ...r.auth, 'content-encoding': 'identity' },
        body: r.good(),
      });
      expect(res.status).toBe(r.ok);
    });

    it('a raw body over the route limit → 413 without reading it', async () => {
      const r = route(name);
      const body = Buffer.from(JSON.stringify({ type: 'message', text: 'x'.repeat(r.limit) }));
      const res = await raw(svc.url, r.path, { headers: { ...JSON_TYPE, ...r.auth }, body });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.text)).toEqual({
        code: 'PayloadTooLarge',
        message: `the request body exceeds ${r.limit} bytes`,
      });
      await stillServing();
    });

    it('a chunked body without Content-Length → 413 as soon as the limit is passed', async () => {
      const r = route(name);
      // An endless stream: only the server's early answer ends the upload.
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      let first = true;
      const res = await raw(svc.url, r.path, {
        headers: { ...JSON_TYPE, ...r.auth },
        chunks: () => {
          if (first) {
            first = false;
            return Buffer.from('{"type":"message","text":"');
          }
          return chunk;
        },
      });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.text)).toMatchObject({ code: 'PayloadTooLarge' });
      // The client got the answer long before it stopped: the server did not wait for the end.
      expect(res.sent).toBeLessThan(16 * 1024 * 1024);
      console.log(
        `chunked upload on ${name}: 413 after the client had written ${(res.sent / 1024).toFixed(0)} KiB (limit ${r.limit / 1024} KiB)`,
      );
      await stillServing();
    }, 30_000);

    it('JSON nested deeper than 32 levels → 400 before parsing', async () => {
      const r = route(name);
      const deep = `{"type":"message","value":${'['.repeat(40)}${']'.repeat(40)}}`;
      const res = await raw(svc.url, r.path, { headers: { ...JSON_TYPE, ...r.auth }, body: Buffer.from(deep) });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toEqual({
        code: 'InvalidJson',
        message: 'the JSON body is nested deeper than 32 levels',
      });
    });

    it('malformed JSON → 400, invalid UTF-8 → 400, a non-JSON content type → 415', async () => {
      const r = route(name);
      const malformed = await raw(svc.url, r.path, {
        headers: { ...JSON_TYPE, ...r.auth },
        body: Buffer.from('{"type": "message", '),
      });
      expect(malformed.status).toBe(400);
      expect(JSON.parse(malformed.text)).toMatchObject({ code: 'InvalidJson' });
      const latin1 = await raw(svc.url, r.path, {
        headers: { ...JSON_TYPE, ...r.auth },
        body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
      });
      expect(latin1.status).toBe(400);
      const form = await raw(svc.url, r.path, {
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...r.auth },
        body: Buffer.from('type=message'),
      });
      expect(form.status).toBe(415);
      expect(JSON.parse(form.text)).toMatchObject({ code: 'UnsupportedMediaType' });
    });
  });

  it('a 40 kB gzip that unpacks to 40 MB → 415, never decoded (time and memory measured)', async () => {
    const bomb = gzipSync(
      Buffer.concat([
        Buffer.from('{"type":"message","text":"'),
        Buffer.alloc(40 * 1024 * 1024, 0x30),
        Buffer.from('"}'),
      ]),
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(64 * 1024);
    for (const name of ROUTE_NAMES) {
      const r = route(name);
      global.gc?.();
      const before = process.memoryUsage();
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      const res = await raw(svc.url, r.path, {
        headers: { ...JSON_TYPE, ...r.auth, 'content-encoding': 'gzip' },
        body: bomb,
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const used = process.cpuUsage(cpu);
      const after = process.memoryUsage();
      expect(res.status).toBe(415);
      // Decoding would have allocated 40 MB (the service runs in this process).
      expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(8 * 1024 * 1024);
      console.log(
        `gzip bomb (${bomb.length} B → 40 MiB) on ${name}: 415 in ${ms.toFixed(1)} ms, CPU ${((used.user + used.system) / 1000).toFixed(1)} ms, ` +
          `arrayBuffers ${((after.arrayBuffers - before.arrayBuffers) / 1024).toFixed(0)} KiB, rss ${((after.rss - before.rss) / 1024 / 1024).toFixed(1)} MiB`,
      );
    }
    await stillServing();
  });

  it('routes without a body do not decode one either (POST /v3/directline/tokens/refresh)', async () => {
    const res = await raw(svc.url, '/v3/directline/tokens/refresh', {
      headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
      body: garbage,
    });
    expect(res.status).toBe(401);
    await stillServing();
  });
});

describe('jsonBody helpers', () => {
  it('counts nesting outside strings only, linearly', () => {
    expect(exceedsDepth(`${'['.repeat(32)}${']'.repeat(32)}`, 32)).toBe(false);
    expect(exceedsDepth(`${'['.repeat(33)}${']'.repeat(33)}`, 32)).toBe(true);
    expect(exceedsDepth(`{"a":"${'['.repeat(1000)}"}`, 32)).toBe(false);
    expect(exceedsDepth(`{"a":"\\"${'{'.repeat(100)}"}`, 32)).toBe(false);
    expect(exceedsDepth(`{"a":"\\\\"${'{'.repeat(100)}`, 32)).toBe(true);
    const started = process.hrtime.bigint();
    expect(exceedsDepth('['.repeat(5_000_000), 32)).toBe(true);
    expect(exceedsDepth('"'.padEnd(5_000_000, 'a'), 32)).toBe(false);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });

  it('takes application/json and +json types in UTF-8 only', () => {
    expect(isJsonType('application/json')).toBe(true);
    expect(isJsonType('Application/JSON; charset=UTF-8')).toBe(true);
    expect(isJsonType('application/vnd.microsoft.activity+json')).toBe(true);
    expect(isJsonType('application/json; charset=latin1')).toBe(false);
    expect(isJsonType('text/plain')).toBe(false);
    expect(isJsonType('')).toBe(false);
  });
});
