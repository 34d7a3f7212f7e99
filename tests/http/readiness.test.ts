/**
 * /readyz names a generic reason; the database's own error text (hosts, users, whole
 * connection strings) goes to the log only, redacted.
 */
import { isServiceUrlAllowed, serviceUrlPolicy } from '../../src/domain/conversation/serviceUrl';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createHttpServer, type HttpServer, type NotReadyReason } from '../../src/http/server';
import { redactSecrets } from '../../src/http/errors';
import type { WeltoffenCloudAdapter } from '../../src/infrastructure/bot/weltoffenCloudAdapter';

function captureLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), lines };
}

describe('/readyz', () => {
  let http: HttpServer;
  let url: string;
  let outcome: () => Promise<NotReadyReason | undefined>;
  const { logger, lines } = captureLogger();

  beforeAll(async () => {
    http = createHttpServer({
      serviceUrlAllowed: (url) => isServiceUrlAllowed(url, serviceUrlPolicy([], true)),
      adapter: {} as WeltoffenCloudAdapter,
      bot: { run: () => Promise.resolve() },
      logger,
      maxBodyBytes: 65536,
      shutdownTimeoutMs: 1000,
      readiness: { check: () => outcome() },
    });
    url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => http.close());

  it('is ready when the check passes', async () => {
    outcome = () => Promise.resolve(undefined);
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('says "database unavailable" for a database error and logs the detail at warn without the secret', async () => {
    lines.length = 0;
    outcome = () => {
      const err = new Error(
        'connect ECONNREFUSED for postgresql://weltoffen:s3cr3t-pw@db.internal.example:5432/weltoffen?sslmode=verify-full (password=hunter2)',
      );
      Object.assign(err, { code: 'ECONNREFUSED' });
      return Promise.reject(err);
    };
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: 'not ready', reason: 'database unavailable' });
    for (const secret of ['s3cr3t', 'db.internal', 'ECONNREFUSED', 'hunter2', 'postgresql'])
      expect(text).not.toContain(secret);

    const warn = lines
      .map((l) => JSON.parse(l) as { level: number; msg: string; error?: { code?: string; message?: string } })
      .find((l) => l.msg === 'readiness: database check failed');
    expect(warn?.level).toBe(40);
    expect(warn?.error?.code).toBe('ECONNREFUSED');
    expect(warn?.error?.message).toContain('connect ECONNREFUSED');
    const logged = lines.join('');
    for (const secret of ['s3cr3t', 'db.internal', 'hunter2', 'sslmode']) expect(logged).not.toContain(secret);
  });

  it('says "database unavailable" for a rejection that is not an Error', async () => {
    // A driver may reject with a bare string; the check must cope with that, so the test rejects with one on purpose.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the non-Error rejection is what is tested
    outcome = () => Promise.reject('FATAL: password authentication failed for user "weltoffen"');
    const res = await fetch(`${url}/readyz`);
    expect(await res.json()).toEqual({ status: 'not ready', reason: 'database unavailable' });
  });

  it('passes the generic reasons of the check through', async () => {
    outcome = () => Promise.resolve('migrations pending');
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not ready', reason: 'migrations pending' });
  });
});

describe('redactSecrets', () => {
  it('cuts URLs and key=value secrets out of driver messages', () => {
    expect(redactSecrets('getaddrinfo ENOTFOUND at postgres://u:p@h:5432/db now')).toBe(
      'getaddrinfo ENOTFOUND at <url> now',
    );
    expect(redactSecrets("host=db user=admin password='x y' dbname=w")).toBe(
      'host=db user=<redacted> password=<redacted> dbname=w',
    );
    expect(redactSecrets('x'.repeat(2000))).toHaveLength(500);
  });
});
