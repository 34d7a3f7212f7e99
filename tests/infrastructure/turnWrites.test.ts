import type { Database } from '../../src/infrastructure/db/database';
import { DeferredWriteRejected, TurnWrites, withTurnWrites } from '../../src/infrastructure/db/turnWrites';
import { PrismaAnswerRepository } from '../../src/infrastructure/repositories/prismaAnswerRepository';
import { ETagConflictError, PrismaStorage } from '../../src/infrastructure/state/prismaStorage';
import type { AnswerWrite } from '../../src/domain/ports';
import { openMigratedTestDatabase, usingPostgres } from '../support/testDatabase';

/**
 * In a bot turn an answer is not sent on its own: it goes to the database in the same statement as the
 * turn's bot-state update, or on its own just before any other statement of the turn.
 */
describe(`an answer travels with the turn's state update (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let answers: PrismaAnswerRepository;
  let storage: PrismaStorage;
  let n = 0;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedTestDatabase());
    answers = new PrismaAnswerRepository(db.prisma, db.sql);
    storage = new PrismaStorage(db.sql);
  });
  afterAll(async () => dispose());

  /** A fresh round, respondent and bot-state row; returns the answer to write and the state's eTag. */
  async function setUp(): Promise<{ write: AnswerWrite; key: string; eTag: string; assessmentId: string }> {
    n += 1;
    const assessment = await db.prisma.assessment.create({
      data: { municipalityId: 'potsdam', questionnaireVersion: 1, round: 100 + n },
    });
    const respondent = await db.prisma.respondent.create({
      data: { identityKey: `test:turnWrites:${n}`, municipalityId: 'potsdam', membership: 'invitation', role: 'mayor' },
    });
    const key = `turnWrites/${n}`;
    await storage.write({ [key]: { step: 0 } });
    const eTag = ((await storage.read([key]))[key] as { eTag: string }).eTag;
    const write: AnswerWrite = {
      assessmentId: assessment.id,
      respondentId: respondent.id,
      questionId: 'MS-01',
      value: 'full',
      comment: null,
      questionnaireVersion: 1,
      channel: 'webchat',
    };
    return { write, key, eTag, assessmentId: assessment.id };
  }

  const stored = (a: AnswerWrite) =>
    db.prisma.answer.count({ where: { assessmentId: a.assessmentId, respondentId: a.respondentId } });
  const stateOf = async (key: string) => (await storage.read([key]))[key] as Record<string, unknown> | undefined;

  it('writes answer and state in one statement', async () => {
    const { write, key, eTag } = await setUp();
    await withTurnWrites(new TurnWrites(true), async () => {
      expect(await answers.write(write)).toBe('deferred');
      await storage.writeSerialized(key, JSON.stringify({ step: 1 }), eTag);
    });
    expect(await stored(write)).toBe(1);
    expect(await stateOf(key)).toMatchObject({ step: 1 });
    expect(await db.prisma.answerHistory.count({ where: { answer: { assessmentId: write.assessmentId } } })).toBe(1);
  });

  it('stores neither when the state was changed by another turn (the turn is retried)', async () => {
    const { write, key, eTag } = await setUp();
    await storage.writeSerialized(key, JSON.stringify({ step: 'other' }), eTag);
    await expect(
      withTurnWrites(new TurnWrites(true), async () => {
        await answers.write(write);
        await storage.writeSerialized(key, JSON.stringify({ step: 1 }), eTag);
      }),
    ).rejects.toBeInstanceOf(ETagConflictError);
    expect(await stored(write)).toBe(0);
    expect(await stateOf(key)).toMatchObject({ step: 'other' });
  });

  it('stores neither when the round was closed meanwhile (the turn runs again with immediate writes)', async () => {
    const { write, key, eTag, assessmentId } = await setUp();
    // Closed by a colleague after this turn read its state: keeping the answer does not look at the round.
    await db.prisma.assessment.update({ where: { id: assessmentId }, data: { status: 'completed' } });
    await expect(
      withTurnWrites(new TurnWrites(true), async () => {
        expect(await answers.write(write)).toBe('deferred');
        await storage.writeSerialized(key, JSON.stringify({ step: 1 }), eTag);
      }),
    ).rejects.toBeInstanceOf(DeferredWriteRejected);
    expect(await stored(write)).toBe(0);
    expect(await stateOf(key)).toMatchObject({ step: 0 });
    // Without deferring, the dialog learns the outcome directly.
    await withTurnWrites(new TurnWrites(false), async () => expect(await answers.write(write)).toBe('closed'));
  });

  it('sends a kept answer before any other statement of the turn, through the driver or through Prisma', async () => {
    const a = await setUp();
    await withTurnWrites(new TurnWrites(true), async () => {
      await answers.write(a.write);
      expect(await db.prisma.answer.count({ where: { assessmentId: a.write.assessmentId } })).toBe(1);
    });
    const b = await setUp();
    await withTurnWrites(new TurnWrites(true), async () => {
      await answers.write(b.write);
      const { rows } = await db.sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM "answer" WHERE "assessment_id" = $1',
        [b.write.assessmentId],
      );
      expect(rows[0]?.n).toBe(1);
    });
    // A second answer in the same turn sends the first one on its own and keeps itself.
    const c = await setUp();
    const writes = new TurnWrites(true);
    await withTurnWrites(writes, async () => {
      await answers.write(c.write);
      await answers.write({ ...c.write, questionId: 'MS-02' });
      expect(writes.hasPending).toBe(true);
      await writes.flush();
    });
    expect(await stored(c.write)).toBe(2);
  });

  it('outside a turn writes at once, as before', async () => {
    const { write } = await setUp();
    expect(await answers.write(write)).toBe('created');
    expect(await stored(write)).toBe(1);
  });
});
