import type { PrismaClient } from '../../generated/prisma/client';
import type { AnswerRepository, AnswerWrite, AnswerWriteOutcome, RespondentAnswerSet } from '../../domain/ports';
import type { AnswerMap, Role, StoredAnswer } from '../../domain/selbstcheck';

export class PrismaAnswerRepository implements AnswerRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * One statement, one round trip: read the previous value, upsert only when something differs
   * (so a turn retried after an eTag conflict writes nothing), and append a history row for every
   * stored value. Data-modifying CTEs run atomically with the statement.
   */
  async write(a: AnswerWrite): Promise<AnswerWriteOutcome> {
    // Writing only while the round is in progress is part of the same statement, so the check costs no round trip.
    const rows = await this.prisma.$queryRaw<{ previous: string | null; written: number; open: boolean }[]>`
      WITH open AS (
        SELECT 1 FROM "assessment" WHERE "id" = ${a.assessmentId} AND "status" = 'in_progress'
      ), prev AS (
        SELECT "value" FROM "answer"
         WHERE "assessment_id" = ${a.assessmentId} AND "respondent_id" = ${a.respondentId} AND "question_id" = ${a.questionId}
      ), up AS (
        INSERT INTO "answer" ("id", "assessment_id", "respondent_id", "question_id", "value", "comment", "questionnaire_version", "channel", "answered_at")
        SELECT gen_random_uuid()::text, ${a.assessmentId}, ${a.respondentId}, ${a.questionId}, ${a.value}::"answer_value", ${a.comment},
               ${a.questionnaireVersion}, ${a.channel}, CURRENT_TIMESTAMP
         WHERE EXISTS (SELECT 1 FROM open)
        ON CONFLICT ("assessment_id", "respondent_id", "question_id") DO UPDATE
           SET "value" = EXCLUDED."value",
               "comment" = COALESCE(EXCLUDED."comment", "answer"."comment"),
               "questionnaire_version" = EXCLUDED."questionnaire_version",
               "channel" = EXCLUDED."channel",
               "answered_at" = CURRENT_TIMESTAMP
         WHERE "answer"."value" IS DISTINCT FROM EXCLUDED."value"
            OR (EXCLUDED."comment" IS NOT NULL AND "answer"."comment" IS DISTINCT FROM EXCLUDED."comment")
        RETURNING "id", "value", "comment", "channel"
      ), hist AS (
        INSERT INTO "answer_history" ("id", "answer_id", "value", "comment", "channel", "changed_at")
        SELECT gen_random_uuid()::text, "id", "value", "comment", "channel", CURRENT_TIMESTAMP FROM up
        RETURNING 1
      )
      SELECT (SELECT "value"::text FROM prev) AS previous, (SELECT count(*)::int FROM hist) AS written, EXISTS (SELECT 1 FROM open) AS open`;
    const row = rows[0];
    if (row === undefined) return 'unchanged';
    if (!row.open) return 'closed';
    if (row.written === 0) return 'unchanged';
    return row.previous === null ? 'created' : 'changed';
  }

  async answersOf(assessmentId: string, respondentId: string): Promise<AnswerMap> {
    const rows = await this.prisma.answer.findMany({
      where: { assessmentId, respondentId },
      select: { questionId: true, value: true },
    });
    return Object.fromEntries(rows.map((r) => [r.questionId, r.value satisfies StoredAnswer]));
  }

  async answersOfAll(assessmentId: string): Promise<readonly RespondentAnswerSet[]> {
    const rows = await this.prisma.answer.findMany({
      where: { assessmentId },
      select: { questionId: true, value: true, respondentId: true, respondent: { select: { role: true } } },
    });
    const byRespondent = new Map<string, { role: Role; answers: Record<string, StoredAnswer> }>();
    for (const r of rows) {
      let entry = byRespondent.get(r.respondentId);
      if (entry === undefined) {
        entry = { role: r.respondent.role ?? 'other', answers: {} };
        byRespondent.set(r.respondentId, entry);
      }
      entry.answers[r.questionId] = r.value;
    }
    return [...byRespondent].map(([respondentId, e]) => ({ respondentId, role: e.role, answers: e.answers }));
  }

  async historyCount(assessmentId: string, respondentId: string, questionId: string): Promise<number> {
    return this.prisma.answerHistory.count({ where: { answer: { assessmentId, respondentId, questionId } } });
  }
}
