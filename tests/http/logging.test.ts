/**
 * query strings never reach the log (export links carry their signature there). The real
 * service logs at trace level into memory while URLs with secret-looking query values are requested.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/index';
import { baseEnv } from '../support/service';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { message, newParticipant, webchat } from '../support/activities';

describe('logs of the real service', () => {
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
    await service.stop();
    await db.dispose();
  });

  it('names the path of each request but never its query string', async () => {
    lines.length = 0;
    const requests: [string, RequestInit?][] = [
      ['/api/exports/potsdam/answers.csv?exp=9999999999&iss=U0VDUkVUSVNT&sig=SECRETSIG1'],
      ['/api/exports/potsdam/report.pdf?lang=en&sig=SECRETSIG2', { headers: { authorization: 'Bearer SECRETTOKEN3' } }],
      ['/api/exports/questionnaire/MS.pdf?lang=en&utm=SECRET4'],
      ['/api/dashboard/me?tab=SECRET5', { headers: { authorization: 'Bearer not-a-token' } }],
      ['/no/such/route?token=SECRET6'],
      ['/api/messages?code=SECRET7'],
      [
        '/api/messages?code=SECRET8',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...message(webchat, newParticipant(), 'hilfe'), deliveryMode: 'expectReplies' }),
        },
      ],
      [
        '/api/messages?code=SECRET9',
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'x' },
      ],
      ['/readyz?SECRET10=1'],
    ];
    for (const [path, init] of requests) await fetch(`${url}${path}`, init);
    // Let pino's writes settle.
    await new Promise((resolve) => setImmediate(resolve));
    const log = lines.join('');
    // The requests were logged (so the check below can fail)…
    for (const path of [
      '/api/exports/potsdam/answers.csv',
      '/api/exports/questionnaire/MS.pdf',
      '/api/dashboard/me',
      '/no/such/route',
      '/readyz',
    ]) {
      expect(log).toContain(`"path":"${path}"`);
    }
    // …and no query value made it into the log.
    expect(log).not.toMatch(/SECRET|U0VDUkVUSVNT|utm=|lang=en/);
  });
});
