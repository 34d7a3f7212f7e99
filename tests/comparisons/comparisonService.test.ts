/**
 * Comparisons on the database: snapshots freeze a round when it closes (a later change to its answers moves
 * nothing), rounds closed before snapshots existed are caught up, archived municipalities drop out, and two
 * instances releasing at once produce one release.
 */
import {
  FIELD_IDS,
  consolidate,
  defaultRegistry,
  questionsOfField,
  type StoredAnswer,
} from '../../src/domain/selbstcheck';
import { PrismaOutboxRepository } from '../../src/infrastructure/outbox/prismaOutboxRepository';
import { PrismaAnswerRepository } from '../../src/infrastructure/repositories/prismaAnswerRepository';
import { PrismaComparisonRepository } from '../../src/infrastructure/repositories/prismaComparisonRepository';
import { toAssessment } from '../../src/infrastructure/repositories/prismaAssessmentRepository';
import { ComparisonService } from '../../src/services/comparisonService';
import { migratedDatabase } from '../infrastructure/migrationsSupport';
import { usingPostgres } from '../support/testDatabase';

const q = defaultRegistry.getQuestionnaire(1);
const firstQuestions = FIELD_IDS.map((f) => questionsOfField(q, f).find((x) => x.gate === undefined)!.id);

describe(`comparison snapshots and releases (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const db = migratedDatabase();
  let now = new Date('2026-12-01T10:00:00Z');
  const service = () =>
    new ComparisonService({
      comparisons: new PrismaComparisonRepository(db().prisma),
      answers: new PrismaAnswerRepository(db().prisma),
      registry: defaultRegistry,
      clock: { now: () => now },
    });

  async function answered(municipalityId: string, values: readonly StoredAnswer[]) {
    const prisma = db().prisma;
    const a = await prisma.assessment.create({ data: { municipalityId, questionnaireVersion: 1, round: 1 } });
    for (const [i, value] of values.entries()) {
      const r = await prisma.respondent.create({
        data: { identityKey: `webchat:${municipalityId}-${i}`, municipalityId, consentedAt: now },
      });
      for (const questionId of firstQuestions)
        await prisma.answer.create({
          data: {
            assessmentId: a.id,
            respondentId: r.id,
            questionId,
            value,
            questionnaireVersion: 1,
            channel: 'webchat',
          },
        });
    }
    return a;
  }

  async function close(assessmentId: string, comparisons = service()) {
    now = new Date(now.getTime() + 3600_000);
    expect(await new PrismaOutboxRepository(db().prisma).completeAssessment(assessmentId, now)).toBe(true);
    const row = await db().prisma.assessment.findUniqueOrThrow({ where: { id: assessmentId } });
    await comparisons.roundClosed(toAssessment(row));
  }

  it('freezes consolidated answers at close, catches up older closes, and releases once for two instances', async () => {
    const prisma = db().prisma;
    // Closed before snapshots existed: no snapshot yet, caught up at the time it closed.
    const old = await answered('bochum', ['none']);
    await prisma.assessment.update({
      where: { id: old.id },
      data: { status: 'completed', completedAt: new Date('2026-06-01T10:00:00Z') },
    });
    const kiel = await answered('kiel', ['full', 'none', 'partial']);
    await close(kiel.id);
    const snapshots = await prisma.roundSnapshot.findMany({ orderBy: { closedAt: 'asc' } });
    expect(snapshots.map((s) => [s.municipalityId, s.closedAt.toISOString()])).toEqual([
      ['bochum', '2026-06-01T10:00:00.000Z'],
      ['kiel', now.toISOString()],
    ]);
    // The questionnaire version and the consolidated (median) answers of all three respondents.
    const sets = await new PrismaAnswerRepository(prisma).answersOfAll(kiel.id);
    expect(snapshots[1]).toMatchObject({ questionnaireVersion: 1, answers: consolidate(q, sets).answers });
    expect(await prisma.comparisonRelease.count()).toBe(0);

    for (const [id, value] of [
      ['aachen', 'planned'],
      ['zwickau', 'partial'],
      ['erlangen', 'full'],
    ] as const)
      await close((await answered(id, [value])).id);
    const first = await service().released();
    // Bochum 0, Kiel 60 (median of full, none, partial), Aachen 25, Zwickau 60, Erlangen 100.
    expect(first.series.overall).toEqual({ median: 60, lowerQuartile: 25, upperQuartile: 60, municipalities: 5 });

    // A later change to a closed round's answers moves nothing: the snapshot is what counts.
    await prisma.answer.updateMany({ where: { assessmentId: kiel.id }, data: { value: 'full' } });
    expect(await service().released()).toEqual(first);

    // Three newcomers with different scores close; two instances see it at once.
    const rounds = await Promise.all(
      (
        [
          ['luebeck', 'none'],
          ['konstanz', 'planned'],
          ['iserlohn', 'full'],
        ] as const
      ).map(([id, value]) => answered(id, [value])),
    );
    for (const r of rounds) {
      now = new Date(now.getTime() + 3600_000);
      await new PrismaOutboxRepository(prisma).completeAssessment(r.id, now);
    }
    const [a, b] = await Promise.all([service().released(), service().released()]);
    expect(a).toEqual(b);
    expect(await prisma.comparisonRelease.count()).toBe(2);
    // 0, 0, 25, 25, 60, 60, 100, 100.
    expect(a.series.overall).toEqual({ median: 42.5, lowerQuartile: 18.8, upperQuartile: 70, municipalities: 8 });
    expect(a.releasedAt).toEqual(now);

    // An archived municipality leaves the comparison group.
    await prisma.municipality.update({ where: { id: 'erlangen' }, data: { archivedAt: now } });
    const group = await new PrismaComparisonRepository(prisma).snapshots();
    expect(group.map((g) => g.municipalityId)).not.toContain('erlangen');
    expect(group).toHaveLength(7);
  });
});
