import type { PrismaClient } from '../../generated/prisma/client';
import { prismaSqlRunner, type SqlRunner } from '../db/database';
import { DeferredWriteRejected, currentTurnWrites, type PendingWrite } from '../db/turnWrites';
import type { AnswerWrite, AnswerWriteOutcome, RespondentAnswerSet } from '../../domain/model';
import type { AnswerRepository } from '../../domain/ports/selfCheck';
import type { AnswerMap, Role, StoredAnswer } from '../../domain/selbstcheck';

// $1 assessment, $2 respondent, $3 question, $4 value, $5 comment, $6 questionnaire version, $7 channel.
// A round takes answers while it is in progress and only from a verified member of its municipality: a
// member removed (or moved to another municipality by a code) mid-walk writes nothing more, checked in the
// same statement (no extra round trip per answer).
const OPEN_FOR_RESPONDENT = `SELECT a."municipality_id" FROM "assessment" a
      JOIN "respondent" r ON r."id" = $2 AND r."municipality_id" = a."municipality_id" AND r."membership" IS NOT NULL
     WHERE a."id" = $1 AND a."status" = 'in_progress'`;
// `guard` lets a combined statement make the answer depend on its bot-state update (see withState).
const answerCtes = (guard: string) => `
  open AS (
    ${OPEN_FOR_RESPONDENT}${guard}
  ), prev AS (
    SELECT "value" FROM "answer" WHERE "assessment_id" = $1 AND "respondent_id" = $2 AND "question_id" = $3
  ), up AS (
    INSERT INTO "answer" ("id", "assessment_id", "respondent_id", "question_id", "value", "comment", "questionnaire_version", "channel", "answered_at")
    SELECT gen_random_uuid()::text, $1, $2, $3, $4::"answer_value", $5, $6, $7, CURRENT_TIMESTAMP
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
  )`;
const ANSWER_CTES = answerCtes('');

const ANSWER_RESULT = `SELECT (SELECT "value"::text FROM prev) AS previous, (SELECT count(*)::int FROM hist) AS written, EXISTS (SELECT 1 FROM open) AS open`;

const WRITE_ANSWER = `WITH ${ANSWER_CTES}\n${ANSWER_RESULT}`;

// Plus $8 field event key, $9 assessment event key, $10 field id, $11 number of fields.
// The demo's rounds (a visitor's sandbox, or any round of the demo municipality) write no event at all: no
// channel hears of them, not even a '*' subscription, and the sweep finds nothing to complete. The check sits
// in this part only, so ordinary answers keep their statement as it was.
const COMPLETION_CTES = `ev AS (
    INSERT INTO "outbox_event" ("id", "idempotency_key", "kind", "municipality_id", "assessment_id", "respondent_id", "field_id", "created_at")
    SELECT gen_random_uuid()::text, $8, 'field_completed', open."municipality_id", $1, $2, $10, CURRENT_TIMESTAMP
      FROM open WHERE EXISTS (SELECT 1 FROM up)
       AND NOT EXISTS (SELECT 1 FROM "assessment" da JOIN "municipality" dm ON dm."id" = da."municipality_id"
                        WHERE da."id" = $1 AND (da."sandbox_of" IS NOT NULL OR dm."demo"))
    ON CONFLICT ("idempotency_key") DO NOTHING
    RETURNING "id", "idempotency_key", "municipality_id"
  ), done AS (
    SELECT count(DISTINCT "field_id")::int AS n FROM "outbox_event"
     WHERE "assessment_id" = $1 AND "kind" = 'field_completed' AND "field_id" <> $10
  ), cev AS (
    INSERT INTO "outbox_event" ("id", "idempotency_key", "kind", "municipality_id", "assessment_id", "created_at")
    SELECT gen_random_uuid()::text, $9, 'assessment_completed', ev."municipality_id", $1, CURRENT_TIMESTAMP
      FROM ev WHERE (SELECT n FROM done) + 1 >= $11::int
    ON CONFLICT ("idempotency_key") DO NOTHING
    RETURNING "id", "idempotency_key", "municipality_id"
  ), fan AS (
    INSERT INTO "outbox_delivery" ("id", "event_id", "idempotency_key", "subscription_id", "conversation_id")
    SELECT gen_random_uuid()::text, e."id", e."idempotency_key" || '|' || s."id", s."id", s."conversation_id"
      FROM (SELECT * FROM ev UNION ALL SELECT * FROM cev) e
      JOIN "channel_subscription" s ON s."status" = 'active' AND (s."scope" = e."municipality_id" OR s."scope" = '*')
    ON CONFLICT ("idempotency_key") DO NOTHING
    RETURNING 1
  )`;

const WRITE_ANSWER_COMPLETING_FIELD = `WITH ${ANSWER_CTES}, ${COMPLETION_CTES}
${ANSWER_RESULT}`;

/**
 * The answer and the bot state's update in one statement (the turn's last round trip). The state row
 * is updated only with the eTag the turn read and only while the round is open; the answer CTEs run only
 * when that update happened. So either both are stored or neither: a conflict retries the turn as
 * before, a closed round makes it run again with immediate writes.
 */
function withStateStatement(completing: boolean, paramCount: number): string {
  const [data, next, key, etag] = [1, 2, 3, 4].map((i) => `$${paramCount + i}`);
  return `WITH st AS (
    UPDATE "bot_state" SET "data" = ${data}::jsonb, "etag" = ${next}, "updated_at" = now()
     WHERE "key" = ${key} AND "etag" = ${etag}
       AND EXISTS (${OPEN_FOR_RESPONDENT})
    RETURNING 1
  ),${answerCtes(' AND EXISTS (SELECT 1 FROM st)')}${completing ? `, ${COMPLETION_CTES}` : ''}
SELECT (SELECT count(*)::int FROM st) AS "stateWritten",
       EXISTS (${OPEN_FOR_RESPONDENT}) AS "roundOpen"`;
}
// Built once per shape; the state's parameters follow the answer's, however many those are.
const withStateStatements = new Map<string, string>();
function withStateText(completing: boolean, paramCount: number): string {
  const key = `${completing}:${paramCount}`;
  let text = withStateStatements.get(key);
  if (text === undefined) withStateStatements.set(key, (text = withStateStatement(completing, paramCount)));
  return text;
}

/** An answer write kept for the turn's state update (see TurnWrites). */
function pendingAnswer(params: readonly unknown[], completing: boolean): PendingWrite {
  return {
    async run(sql) {
      const { rows } = await sql.query<AnswerRow>(completing ? WRITE_ANSWER_COMPLETING_FIELD : WRITE_ANSWER, params);
      if (outcomeOf(rows[0]) === 'closed') throw new DeferredWriteRejected();
    },
    withState(update) {
      return {
        text: withStateText(completing, params.length),
        params: [...params, update.data, update.nextETag, update.key, update.eTag],
        outcome(row) {
          if (row?.['stateWritten'] === 1) return 'written';
          return row?.['roundOpen'] === true ? 'state_conflict' : 'write_rejected';
        },
      };
    },
  };
}

interface AnswerRow {
  previous: string | null;
  written: number;
  open: boolean;
}

function outcomeOf(row: AnswerRow | undefined): AnswerWriteOutcome {
  if (row === undefined) return 'unchanged';
  if (!row.open) return 'closed';
  if (row.written === 0) return 'unchanged';
  return row.previous === null ? 'created' : 'changed';
}

/**
 * Every respondent's answers per round, in one query (respondents without a role count as `other`);
 * shared by the consolidated summary and the dashboard.
 */
export async function answerSetsOfRounds(
  prisma: PrismaClient,
  assessmentIds: readonly string[],
): Promise<Map<string, RespondentAnswerSet[]>> {
  const result = new Map<string, RespondentAnswerSet[]>(assessmentIds.map((id) => [id, []]));
  if (assessmentIds.length === 0) return result;
  const rows = await prisma.answer.findMany({
    where: { assessmentId: { in: [...assessmentIds] } },
    select: {
      assessmentId: true,
      respondentId: true,
      questionId: true,
      value: true,
      respondent: { select: { role: true } },
    },
  });
  const sets = new Map<
    string,
    { assessmentId: string; respondentId: string; role: Role; answers: Record<string, StoredAnswer> }
  >();
  for (const r of rows) {
    const key = `${r.assessmentId}|${r.respondentId}`;
    let set = sets.get(key);
    if (set === undefined) {
      set = {
        assessmentId: r.assessmentId,
        respondentId: r.respondentId,
        role: r.respondent.role ?? 'other',
        answers: {},
      };
      sets.set(key, set);
    }
    set.answers[r.questionId] = r.value;
  }
  for (const s of sets.values())
    result.get(s.assessmentId)?.push({ respondentId: s.respondentId, role: s.role, answers: s.answers });
  return result;
}

export class PrismaAnswerRepository implements AnswerRepository {
  private readonly sql: SqlRunner;

  /** `sql` is the driver-level runner of the same database (Database.sql); tests may leave it out. */
  constructor(
    private readonly prisma: PrismaClient,
    sql?: SqlRunner,
  ) {
    this.sql = sql ?? prismaSqlRunner(prisma);
  }

  /**
   * One statement, one round trip: read the previous value, upsert only when something differs
   * (so a turn retried after an eTag conflict writes nothing), and append a history row for every
   * stored value. Data-modifying CTEs run atomically with the statement. Writing only while the round
   * is in progress is part of the same statement, so the check costs no round trip.
   * When the answer completes a field, the same statement also inserts the field-completed
   * event, its deliveries to the subscribed channels and, when this was the last field nobody had
   * completed yet, the assessment-completed event. Idempotency keys make a retried turn or a second
   * respondent's completion of the same field add nothing twice.
   * It runs on every answer turn, so it goes to the driver directly (see SqlRunner).
   */
  async write(a: AnswerWrite): Promise<AnswerWriteOutcome> {
    const params: unknown[] = [
      a.assessmentId,
      a.respondentId,
      a.questionId,
      a.value,
      a.comment,
      a.questionnaireVersion,
      a.channel,
    ];
    const c = a.completion;
    if (c !== undefined) {
      params.push(
        `field_completed:${a.assessmentId}:${a.respondentId}:${c.fieldId}`,
        `assessment_completed:${a.assessmentId}`,
        c.fieldId,
        c.totalFields,
      );
    }
    // In a bot turn the answer travels with the turn's state update: one round trip fewer per answer.
    const turn = currentTurnWrites();
    if (turn?.deferAllowed) {
      await turn.defer(pendingAnswer(params, c !== undefined), this.sql);
      return 'deferred';
    }
    const { rows } = await this.sql.query<AnswerRow>(
      c === undefined ? WRITE_ANSWER : WRITE_ANSWER_COMPLETING_FIELD,
      params,
    );
    return outcomeOf(rows[0]);
  }

  /** Read on every self-check turn: straight to the driver as well. */
  async answersOf(assessmentId: string, respondentId: string): Promise<AnswerMap> {
    const { rows } = await this.sql.query<{ questionId: string; value: StoredAnswer }>(
      'SELECT question_id AS "questionId", value::text AS value FROM answer WHERE assessment_id = $1 AND respondent_id = $2',
      [assessmentId, respondentId],
    );
    return Object.fromEntries(rows.map((r) => [r.questionId, r.value]));
  }

  async answersOfAll(assessmentId: string): Promise<readonly RespondentAnswerSet[]> {
    return (await answerSetsOfRounds(this.prisma, [assessmentId])).get(assessmentId) ?? [];
  }

  async clear(assessmentId: string, respondentId: string): Promise<number> {
    // Only while the round is open: a completed round is the municipality's record and stays as it was.
    const { count } = await this.prisma.answer.deleteMany({
      where: { assessmentId, respondentId, assessment: { status: 'in_progress' } },
    });
    return count;
  }

  async historyCount(assessmentId: string, respondentId: string, questionId: string): Promise<number> {
    return this.prisma.answerHistory.count({ where: { answer: { assessmentId, respondentId, questionId } } });
  }
}
