import type { PrismaClient } from '../../generated/prisma/client';
import { ERASED_IDENTITY_PREFIX, type OutboxPurge, type RetentionStore } from '../../domain/ports/retention';

/**
 * The retention job's statements (docs/retention.md). Each delete is one statement that first locks its rows
 * with FOR UPDATE SKIP LOCKED: two instances running the job at once never wait for each other (so they cannot
 * deadlock on rows taken in different orders), a row the other instance is deleting is skipped rather than an
 * error, and a row a live turn is writing right now is left for the next run. Candidates for the eraser are
 * plain reads; the eraser tolerates a person handed to it twice.
 */
export class PrismaRetentionRepository implements RetentionStore {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Keys are `<channel>/conversations/<id>` and `<channel>/users/<id>` (optimisticState.ts); channel ids hold
   * no '/', conversation and user ids may. A row is kept when
   * - its data names an existing respondent's id anywhere (the dialog stack keeps `session.respondentId` deep
   *   inside; a recursive JSON path finds it without knowing the stack's shape, as prismaStorage.ts does),
   * - it is a web chat user linked to an existing respondent by a resume code (`linkedIdentity.identityKey`),
   * - it is the user row of a respondent's own identity (`<channel>:<userId>` ↔ `<channel>/users/<userId>`),
   * - or it is a Teams personal conversation (kept for reminders) or that conversation's user.
   * A respondent's state goes with the respondent (erasure, or the rules below), never on its own.
   */
  async deleteIdleState(before: Date): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "bot_state" WHERE "key" IN (
        SELECT b."key" FROM "bot_state" b
         WHERE b."updated_at" < ${before}
           AND split_part(b."key", '/', 2) IN ('conversations', 'users')
           AND NOT EXISTS (SELECT 1 FROM jsonb_path_query(b."data", 'lax $.**.respondentId') AS j(v)
                             JOIN "respondent" r ON r."id" = j.v #>> '{}')
           AND NOT EXISTS (SELECT 1 FROM "respondent" r
                            WHERE r."identity_key" = b."data" #>> '{linkedIdentity,identityKey}')
           AND NOT (split_part(b."key", '/', 2) = 'users'
                    AND EXISTS (SELECT 1 FROM "respondent" r
                                 WHERE r."identity_key" = split_part(b."key", '/', 1) || ':'
                                       || substr(b."key", length(split_part(b."key", '/', 1)) + 8)))
           AND NOT EXISTS (SELECT 1 FROM "personal_conversation" pc
                            WHERE b."key" = coalesce(pc."reference"->>'channelId', 'msteams') || '/conversations/' || pc."conversation_id"
                               OR b."key" = coalesce(pc."reference"->>'channelId', 'msteams') || '/users/' || (pc."reference"->'user'->>'id'))
           FOR UPDATE OF b SKIP LOCKED)`;
  }

  /** Answers in a visitor's sandbox are answer rows of theirs too; the sandbox check makes that explicit. */
  async unanswered(consentedBefore: Date, limit: number): Promise<readonly string[]> {
    const rows = await this.prisma.$queryRaw<{ identity_key: string }[]>`
      SELECT r."identity_key" FROM "respondent" r
       WHERE r."consented_at" < ${consentedBefore}
         AND NOT starts_with(r."identity_key", ${ERASED_IDENTITY_PREFIX})
         AND NOT EXISTS (SELECT 1 FROM "answer" a WHERE a."respondent_id" = r."id")
         AND NOT EXISTS (SELECT 1 FROM "assessment" s JOIN "answer" a ON a."assessment_id" = s."id" WHERE s."sandbox_of" = r."id")
         AND NOT EXISTS (SELECT 1 FROM "role_grant" g WHERE g."identity_key" = r."identity_key")
       ORDER BY r."consented_at", r."id"
       LIMIT ${limit}`;
    return rows.map((r) => r.identity_key);
  }

  /**
   * The last answer is the latest time any answer of theirs was given or changed (answer_history keeps every
   * change). Someone who answered only in open rounds has nothing completed to keep de-identified yet: left
   * alone. Role holders (leads, coordinators) act in an office, not only as respondents: never de-identified
   * by the job; their grant ends first.
   */
  async inactive(lastAnswerBefore: Date, limit: number): Promise<readonly string[]> {
    const rows = await this.prisma.$queryRaw<{ identity_key: string }[]>`
      WITH last AS (
        SELECT a."respondent_id",
               max(GREATEST(a."answered_at", (SELECT max(h."changed_at") FROM "answer_history" h WHERE h."answer_id" = a."id"))) AS at,
               bool_or(s."status" = 'completed') AS completed
          FROM "answer" a JOIN "assessment" s ON s."id" = a."assessment_id"
         GROUP BY a."respondent_id"
      )
      SELECT r."identity_key" FROM last JOIN "respondent" r ON r."id" = last."respondent_id"
       WHERE last.completed AND last.at < ${lastAnswerBefore}
         AND NOT starts_with(r."identity_key", ${ERASED_IDENTITY_PREFIX})
         AND NOT EXISTS (SELECT 1 FROM "role_grant" g WHERE g."identity_key" = r."identity_key")
       ORDER BY last.at, r."id"
       LIMIT ${limit}`;
    return rows.map((r) => r.identity_key);
  }

  async purgeOutbox(before: Date): Promise<OutboxPurge> {
    const deliveries = await this.deleteDeliveries(before);
    // Field and reminder events first: an assessment_completed event goes only once no field event is left.
    const events = (await this.deleteFieldAndReminderEvents(before)) + (await this.deleteCompletionEvents(before));
    return { deliveries, events };
  }

  /**
   * Final deliveries, except the card a settled (uncertain) delivery would update: latestSentActivity in
   * prismaOutboxRepository.ts picks the newest sent, non-reminder delivery with an activity id per subscription
   * and municipality, so that one (and any tied with it, or one without sent_at, which it would pick first)
   * stays however old it is. Deliveries are only ever inserted with a new event, so none comes back.
   */
  private deleteDeliveries(before: Date): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "outbox_delivery" WHERE "id" IN (
        SELECT d."id" FROM "outbox_delivery" d JOIN "outbox_event" e ON e."id" = d."event_id"
         WHERE d."state" IN ('sent', 'skipped', 'failed') AND d."updated_at" < ${before}
           AND NOT (d."state" = 'sent' AND d."activity_id" IS NOT NULL AND d."subscription_id" IS NOT NULL AND e."kind" <> 'reminder'
                    AND NOT EXISTS (
                      SELECT 1 FROM "outbox_delivery" d2 JOIN "outbox_event" e2 ON e2."id" = d2."event_id"
                       WHERE d2."subscription_id" = d."subscription_id" AND e2."municipality_id" = e."municipality_id"
                         AND e2."kind" <> 'reminder' AND d2."state" = 'sent' AND d2."activity_id" IS NOT NULL
                         AND d2."sent_at" > d."sent_at"))
           FOR UPDATE OF d SKIP LOCKED)`;
  }

  /**
   * An event is also a memory: its idempotency key stops the same card or reminder from being queued twice, and
   * field_completed events are the `done` count that completes a round (prismaAnswerRepository.ts, sweepCompletions).
   * Events of an open round are therefore never deleted. A round completed before the cutoff takes no answers
   * any more (answers and their events are written only while it is in progress, checked in the same statement,
   * and no statement runs for months), so its field events can never be written again and only lower a count
   * that the sweep compares with "all fields". A reminder's key (`reminder:<respondent>:<last answer>`) comes
   * only from an open round's stalled respondents (prismaReminderRepository.stalled): once that round is
   * completed, or the respondent is gone (ids are never reused), the key cannot recur.
   */
  private deleteFieldAndReminderEvents(before: Date): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "outbox_event" WHERE "id" IN (
        SELECT e."id" FROM "outbox_event" e
         WHERE e."kind" IN ('field_completed', 'reminder') AND e."created_at" < ${before}
           AND NOT EXISTS (SELECT 1 FROM "outbox_delivery" d WHERE d."event_id" = e."id")
           AND (NOT EXISTS (SELECT 1 FROM "assessment" a WHERE a."id" = e."assessment_id"
                              AND (a."status" = 'in_progress' OR a."completed_at" IS NULL OR a."completed_at" >= ${before}))
                OR (e."kind" = 'reminder' AND NOT EXISTS (SELECT 1 FROM "respondent" r WHERE r."id" = e."respondent_id")))
           FOR UPDATE OF e SKIP LOCKED)`;
  }

  /**
   * `assessment_completed:<round>` is inserted when a round is closed (only from in_progress) or when the
   * answers complete it, and by the sweep whenever field events cover every field and no such event exists —
   * whatever the round's status. So it goes only for a round completed before the cutoff and once no field
   * event of the round is left (deleted by the statement before, committed); otherwise the sweep would
   * announce the round again.
   */
  private deleteCompletionEvents(before: Date): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "outbox_event" WHERE "id" IN (
        SELECT e."id" FROM "outbox_event" e
         WHERE e."kind" = 'assessment_completed' AND e."created_at" < ${before}
           AND NOT EXISTS (SELECT 1 FROM "outbox_delivery" d WHERE d."event_id" = e."id")
           AND NOT EXISTS (SELECT 1 FROM "assessment" a WHERE a."id" = e."assessment_id"
                             AND (a."status" = 'in_progress' OR a."completed_at" IS NULL OR a."completed_at" >= ${before}))
           AND NOT EXISTS (SELECT 1 FROM "outbox_event" f WHERE f."kind" = 'field_completed' AND f."assessment_id" = e."assessment_id")
           FOR UPDATE OF e SKIP LOCKED)`;
  }
}
