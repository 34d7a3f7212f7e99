/**
 * what each mode exposes, as started by the composition root, and the start-up log lines.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { trustModeLine } from '../../src/config/startupReport';
import { startService } from '../../src/index';
import { message, newParticipant, webchat } from '../support/activities';
import { baseEnv, startTestService, type TestService } from '../support/service';
import { createTestDatabase } from '../support/testDatabase';

/** A pino logger whose lines the test can read. */
function capture(): { logger: pino.Logger; lines: () => { level: number; msg: string }[] } {
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((l) => l !== ''),
      );
      done();
    },
  });
  return {
    logger: pino({ level: 'info' }, sink),
    lines: () => raw.map((l) => JSON.parse(l) as { level: number; msg: string }),
  };
}

const WARN = 40;

describe('web-chat-only mode (NODE_ENV=production, WEB_CHAT_ONLY=true, no app id)', () => {
  let svc: TestService;
  const log = capture();
  beforeAll(async () => {
    svc = await startTestService({ NODE_ENV: 'production', WEB_CHAT_ONLY: 'true' }, undefined, {
      start: { logger: log.logger },
    });
  });
  afterAll(async () => svc.stop());

  it('has no /api/messages at all, while the web chat and its Direct Line answer', async () => {
    const res = await fetch(`${svc.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...message(webchat, newParticipant(), 'hilfe'), deliveryMode: 'expectReplies' }),
    });
    expect([404, 405]).toContain(res.status);
    expect(await res.text()).not.toContain('activities');
    expect((await fetch(`${svc.url}/`)).status).toBe(200);
    const conversation = await fetch(`${svc.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(conversation.status).toBeLessThan(300);
  });

  it('logs one line with the mode and what is exposed, and no export key warning (links need no key now)', () => {
    const modeLines = log.lines().filter((l) => l.msg.startsWith('mode='));
    expect(modeLines.map((l) => l.msg)).toEqual([
      expect.stringMatching(/^mode=web-chat-only host=127\.0\.0\.1 port=\d+ exposed=\[web chat, dashboard, exports\]$/),
    ]);
    expect(log.lines().some((l) => l.msg.includes('EXPORT_LINK'))).toBe(false);
  });
});

describe('local mode start-up lines', () => {
  it('says local-only on loopback, and warns at every start when exposed on purpose', async () => {
    const db = await createTestDatabase();
    const dbUrl = db.target.kind === 'postgres' ? db.target.url : 'pglite:memory';
    try {
      const quiet = capture();
      const local = await startService(loadConfig(baseEnv({ DATABASE_URL: dbUrl })), {
        database: db.openOptions,
        logger: quiet.logger,
      });
      await local.stop();
      expect(
        quiet
          .lines()
          .filter((l) => l.msg.startsWith('mode='))
          .map((l) => l.msg),
      ).toEqual([
        expect.stringMatching(
          /^mode=local-only host=127\.0\.0\.1 port=\d+ exposed=\[\/api\/messages \(unauthenticated, loopback\), web chat, dashboard, exports\]$/,
        ),
      ]);
      expect(quiet.lines().filter((l) => l.level === WARN)).toEqual([]);
      expect(quiet.lines().some((l) => l.msg.includes('ALLOW_UNAUTHENTICATED_REMOTE'))).toBe(false);

      // Configured for every interface on purpose; the test itself binds loopback only (nothing leaves 127.0.0.1).
      const exposed = loadConfig(
        baseEnv({ DATABASE_URL: dbUrl, HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_REMOTE: 'true' }),
      );
      expect(trustModeLine(exposed, 3978)).toBe(
        'mode=local-only host=0.0.0.0 port=3978 exposed=[/api/messages (unauthenticated, REMOTE), web chat, dashboard, exports]',
      );
      for (let start = 0; start < 2; start++) {
        const loud = capture();
        const remote = await startService(
          { ...exposed, http: { ...exposed.http, host: '127.0.0.1' } },
          { database: db.openOptions, logger: loud.logger },
        );
        await remote.stop();
        expect(
          loud.lines().filter((l) => l.level === WARN && l.msg.startsWith('ALLOW_UNAUTHENTICATED_REMOTE=true')),
        ).toHaveLength(1);
      }
    } finally {
      await db.dispose();
    }
  }, 60_000);

  it('names Teams mode with the token requirement', () => {
    const teams = loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', WEBCHAT_ENABLED: 'false' }, '/tmp');
    expect(trustModeLine(teams, 443)).toBe(
      'mode=teams host=0.0.0.0 port=443 exposed=[/api/messages (Bot Framework token required), dashboard, exports]',
    );
  });
});
