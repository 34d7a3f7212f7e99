import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { message, newParticipant, teamsPersonal } from '../support/activities';
import { startChildService, waitForExit, type ChildService } from '../support/childService';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/testDatabase';

async function say(svc: ChildService, activity: object): Promise<string[]> {
  const res = await fetch(`${svc.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { activities: { text?: string }[] };
  return body.activities.map((a) => a.text ?? '');
}

describe(`the service as a process on ${usingPostgres ? 'PostgreSQL' : 'PGlite (data directory)'}`, () => {
  let db: TestDatabase | undefined;
  let dataDir: string | undefined;
  let env: Record<string, string>;
  beforeAll(async () => {
    if (usingPostgres) {
      db = await createTestDatabase({ migrated: false });
      env = { DATABASE_URL: db.target.kind === 'postgres' ? db.target.url : '' };
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), 'weltoffen-restart-'));
      env = { DATABASE_URL: `pglite:${path.join(dataDir, 'pglite')}` };
    }
  });
  afterAll(async () => {
    await db?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps conversation and user state across kill -9 and a restart', async () => {
    const p = newParticipant({ locale: 'de-DE' });
    const first = await startChildService(env);
    try {
      expect(await say(first, message(teamsPersonal, p, 'english'))).toEqual([expect.stringMatching(/English/)]);
    } finally {
      first.process.kill('SIGKILL');
    }
    expect((await waitForExit(first.process)).signal).toBe('SIGKILL');

    const second = await startChildService(env);
    try {
      // The German-locale activity is answered in English: the choice came back from the database.
      expect(await say(second, message(teamsPersonal, p, 'hilfe'))).toEqual([expect.stringMatching(/^You can write/)]);
    } finally {
      second.process.kill('SIGTERM');
      expect(await waitForExit(second.process)).toEqual({ code: 0, signal: null });
    }
  }, 120_000);

  it('stops with a message naming the variable when the configuration is bad', async () => {
    await expect(startChildService({ ...env, PORT: 'eighty' }, 20_000)).rejects.toThrow(/PORT must be a whole number/);
  });
});
