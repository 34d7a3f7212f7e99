import type { PrismaClient } from '../../generated/prisma/client';
import type { DashboardRepository, RespondentAnswerSet, RoundSummary } from '../../domain/ports';
import type { Role, StoredAnswer } from '../../domain/selbstcheck';

/** Read-only queries of the coordinators' dashboard (issue #8); plain objects out. */
export class PrismaDashboardRepository implements DashboardRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async rounds(municipalityIds?: readonly string[]): Promise<readonly RoundSummary[]> {
    const where = municipalityIds === undefined ? {} : { municipalityId: { in: [...municipalityIds] } };
    // Two queries instead of one per round: the rounds, then counts and newest answer time grouped by round.
    const rows = await this.prisma.assessment.findMany({ where, orderBy: [{ municipalityId: 'asc' }, { round: 'desc' }] });
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const stats = await this.prisma.$queryRaw<{ assessment_id: string; respondents: number; answers: number; last_answer_at: Date | null }[]>`
      SELECT "assessment_id", count(DISTINCT "respondent_id")::int AS respondents, count(*)::int AS answers, max("answered_at") AS last_answer_at
        FROM "answer" WHERE "assessment_id" = ANY(${ids}::text[]) GROUP BY "assessment_id"`;
    const byId = new Map(stats.map((s) => [s.assessment_id, s]));
    return rows.map((row) => {
      const s = byId.get(row.id);
      return {
        assessment: {
          id: row.id,
          municipalityId: row.municipalityId,
          questionnaireVersion: row.questionnaireVersion,
          round: row.round,
          status: row.status,
          startedAt: row.startedAt,
          completedAt: row.completedAt,
        },
        respondents: s?.respondents ?? 0,
        answers: s?.answers ?? 0,
        lastAnswerAt: s?.last_answer_at ? new Date(s.last_answer_at) : null,
      };
    });
  }

  async answersOfRounds(assessmentIds: readonly string[]): Promise<ReadonlyMap<string, readonly RespondentAnswerSet[]>> {
    const result = new Map<string, RespondentAnswerSet[]>();
    if (assessmentIds.length === 0) return result;
    const rows = await this.prisma.answer.findMany({
      where: { assessmentId: { in: [...assessmentIds] } },
      select: { assessmentId: true, respondentId: true, questionId: true, value: true, respondent: { select: { role: true } } },
    });
    const sets = new Map<string, { assessmentId: string; respondentId: string; role: Role; answers: Record<string, StoredAnswer> }>();
    for (const r of rows) {
      const key = `${r.assessmentId}|${r.respondentId}`;
      let set = sets.get(key);
      if (set === undefined) {
        set = { assessmentId: r.assessmentId, respondentId: r.respondentId, role: r.respondent.role ?? 'other', answers: {} };
        sets.set(key, set);
      }
      set.answers[r.questionId] = r.value;
    }
    for (const id of assessmentIds) result.set(id, []);
    for (const s of sets.values()) result.get(s.assessmentId)?.push({ respondentId: s.respondentId, role: s.role, answers: s.answers });
    return result;
  }
}
