import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { message, newParticipant, teamsPersonal, webchat } from '../support/activities';
import { openDatabase } from '../../src/infrastructure/db/database';
import { startChildService, waitForExit, type ChildService } from '../support/childService';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/testDatabase';

interface Reply {
  text?: string;
  attachments?: { content?: { actions?: { data?: { verb?: string; questionId?: string } }[] } }[];
}

async function turn(svc: ChildService, activity: object): Promise<Reply[]> {
  const res = await fetch(`${svc.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Reply[] }).activities;
}

/** The question a reply asks: the id on its card's Answer action. */
const askedQuestion = (replies: readonly Reply[]): string | undefined =>
  replies
    .flatMap((r) => r.attachments ?? [])
    .flatMap((a) => a.content?.actions ?? [])
    .find((a) => a.data?.verb === 'answer')?.data?.questionId;

async function say(svc: ChildService, activity: object): Promise<string[]> {
  return (await turn(svc, activity)).map((a) => a.text ?? '');
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

  it('resumes a half-answered field at the right question after kill -9, with every answer stored', async () => {
    const p = newParticipant();
    const first = await startChildService(env);
    const answered: string[] = [];
    let next: string | undefined;
    try {
      for (const text of ['start', 'ja', 'Musterstadt (Demo)']) await turn(first, message(webchat, p, text));
      next = askedQuestion(
        await turn(first, message(webchat, p, 'Integrationsbeauftragte*r / Flüchtlingskoordination')),
      );
      // Half of the first field (13 questions), typed answers as in any channel.
      for (let i = 0; i < 6; i++) {
        expect(next).toMatch(/^MS-/);
        answered.push(next!);
        next = askedQuestion(await turn(first, message(webchat, p, i % 2 === 0 ? '2' : 'vollständig')));
      }
    } finally {
      // No graceful shutdown: whatever was acknowledged must already be in the database.
      first.process.kill('SIGKILL');
    }
    expect((await waitForExit(first.process)).signal).toBe('SIGKILL');
    expect(next).toMatch(/^MS-/);

    const second = await startChildService(env);
    try {
      expect(askedQuestion(await turn(second, message(webchat, p, 'weiter')))).toBe(next);
      // Another device (a new conversation of the same identity) continues at the same place.
      expect(
        askedQuestion(
          await turn(second, message(webchat, { ...p, conversationId: `${p.conversationId}-phone` }, 'weiter')),
        ),
      ).toBe(next);
    } finally {
      second.process.kill('SIGTERM');
      expect(await waitForExit(second.process)).toEqual({ code: 0, signal: null });
    }
    const check = await openDatabase(
      usingPostgres && db ? db.target : { kind: 'pglite', dataDir: path.join(dataDir ?? '', 'pglite') },
    );
    try {
      const rows = await check.prisma.answer.findMany({
        where: { respondent: { identityKey: `webchat:${p.userId}` } },
        orderBy: { questionId: 'asc' },
      });
      expect(rows.map((r) => r.questionId)).toEqual([...answered].sort());
      expect(rows.map((r) => r.value)).toEqual(
        [...answered].sort().map((id) => (answered.indexOf(id) % 2 === 0 ? 'partial' : 'full')),
      );
    } finally {
      await check.close();
    }
  }, 180_000);

  it('stops with a message naming the variable when the configuration is bad', async () => {
    await expect(startChildService({ ...env, PORT: 'eighty' }, 20_000)).rejects.toThrow(/PORT must be a whole number/);
  });
});
