import type { PrismaClient } from '../../generated/prisma/client';
import type { AnswerRepository, AnswerWrite, AnswerWriteOutcome, FieldCompletion, RespondentAnswerSet } from '../../domain/ports';
import type { AnswerMap, Role, StoredAnswer } from '../../domain/selbstcheck';

export class PrismaAnswerRepository implements AnswerRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * One statement, one round trip: read the previous value, upsert only when something differs
   * (so a turn retried after an eTag conflict writes nothing), and append a history row for every
   * stored value. Data-modifying CTEs run atomically with the statement.
   */
  async write(a: AnswerWrite): Promise<AnswerWriteOutcome> {
    if (a.completion !== undefined) return this.writeCompleting(a, a.completion);
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

  /**
   * The same single statement plus the outbox (issue #5): when the answer is stored, the field-completed
   * event, its deliveries to the subscribed channels and, when this was the last field nobody had completed
   * yet, the assessment-completed event are inserted atomically with it. Idempotency keys make a retried
   * turn or a second respondent's completion of the same field add nothing twice.
   */
  private async writeCompleting(a: AnswerWrite, c: FieldCompletion): Promise<AnswerWriteOutcome> {
    const fieldKey = `field_completed:${a.assessmentId}:${a.respondentId}:${c.fieldId}`;
    const completeKey = `assessment_completed:${a.assessmentId}`;
    const rows = await this.prisma.$queryRaw<{ previous: string | null; written: number; open: boolean }[]>`
      WITH open AS (
        SELECT "municipality_id" FROM "assessment" WHERE "id" = ${a.assessmentId} AND "status" = 'in_progress'
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
      ), ev AS (
        INSERT INTO "outbox_event" ("id", "idempotency_key", "kind", "municipality_id", "assessment_id", "respondent_id", "field_id", "created_at")
        SELECT gen_random_uuid()::text, ${fieldKey}, 'field_completed', open."municipality_id", ${a.assessmentId}, ${a.respondentId}, ${c.fieldId}, CURRENT_TIMESTAMP
          FROM open WHERE EXISTS (SELECT 1 FROM up)
        ON CONFLICT ("idempotency_key") DO NOTHING
        RETURNING "id", "idempotency_key", "municipality_id"
      ), done AS (
        SELECT count(DISTINCT "field_id")::int AS n FROM "outbox_event"
         WHERE "assessment_id" = ${a.assessmentId} AND "kind" = 'field_completed' AND "field_id" <> ${c.fieldId}
      ), cev AS (
        INSERT INTO "outbox_event" ("id", "idempotency_key", "kind", "municipality_id", "assessment_id", "created_at")
        SELECT gen_random_uuid()::text, ${completeKey}, 'assessment_completed', ev."municipality_id", ${a.assessmentId}, CURRENT_TIMESTAMP
          FROM ev WHERE (SELECT n FROM done) + 1 >= ${c.totalFields}
        ON CONFLICT ("idempotency_key") DO NOTHING
        RETURNING "id", "idempotency_key", "municipality_id"
      ), fan AS (
        INSERT INTO "outbox_delivery" ("id", "event_id", "idempotency_key", "subscription_id", "conversation_id")
        SELECT gen_random_uuid()::text, e."id", e."idempotency_key" || '|' || s."id", s."id", s."conversation_id"
          FROM (SELECT * FROM ev UNION ALL SELECT * FROM cev) e
          JOIN "channel_subscription" s ON s."status" = 'active' AND (s."scope" = e."municipality_id" OR s."scope" = '*')
        ON CONFLICT ("idempotency_key") DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT "value"::text FROM prev) AS previous, (SELECT count(*)::int FROM hist) AS written, EXISTS (SELECT 1 FROM open) AS open,
             (SELECT count(*)::int FROM fan) AS fanned`;
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
