import type { PrismaClient } from '../../generated/prisma/client';
import type { RespondentAnswerSet } from '../../domain/model';
import type { DashboardRepository, RoundSummary } from '../../domain/ports/dashboard';
import { answerSetsOfRounds } from './prismaAnswerRepository';
import { toAssessment } from './prismaAssessmentRepository';

/** Read-only queries of the coordinators' dashboard; plain objects out. */
export class PrismaDashboardRepository implements DashboardRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async rounds(municipalityIds?: readonly string[]): Promise<readonly RoundSummary[]> {
    // The demo (its visitors' sandboxes, any round of the demo municipality) is never part of the dashboard.
    const where = {
      sandboxOf: null,
      municipality: { demo: false },
      ...(municipalityIds === undefined ? {} : { municipalityId: { in: [...municipalityIds] } }),
    };
    // Two queries instead of one per round: the rounds, then counts and newest answer time grouped by round.
    const rows = await this.prisma.assessment.findMany({
      where,
      orderBy: [{ municipalityId: 'asc' }, { round: 'desc' }],
    });
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const stats = await this.prisma.$queryRaw<
      { assessment_id: string; respondents: number; answers: number; last_answer_at: Date | null }[]
    >`
      SELECT "assessment_id", count(DISTINCT "respondent_id")::int AS respondents, count(*)::int AS answers, max("answered_at") AS last_answer_at
        FROM "answer" WHERE "assessment_id" = ANY(${ids}::text[]) GROUP BY "assessment_id"`;
    const byId = new Map(stats.map((s) => [s.assessment_id, s]));
    return rows.map((row) => {
      const s = byId.get(row.id);
      return {
        assessment: toAssessment(row),
        respondents: s?.respondents ?? 0,
        answers: s?.answers ?? 0,
        lastAnswerAt: s?.last_answer_at ? new Date(s.last_answer_at) : null,
      };
    });
  }

  answersOfRounds(assessmentIds: readonly string[]): Promise<ReadonlyMap<string, readonly RespondentAnswerSet[]>> {
    return answerSetsOfRounds(this.prisma, assessmentIds);
  }
}
