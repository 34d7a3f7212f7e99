import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryCount,
  DeliveryProblem,
  DeliveryState,
  OutboxEventKind,
  OutboxRepository,
} from '../../domain/ports';

interface ClaimRow {
  id: string;
  idempotency_key: string;
  kind: OutboxEventKind;
  municipality_id: string;
  assessment_id: string | null;
  respondent_id: string | null;
  field_id: string | null;
  subscription_id: string | null;
  identity_key: string | null;
  conversation_id: string;
  locale: string | null;
  attempts: number;
  activity_id: string | null;
  state: DeliveryState;
  created_at: Date;
}

// What a claim returns (a ClaimRow), for deliveries `d` joined with their event `e`.
const CLAIMED_COLUMNS =
  Prisma.raw(`d."id", d."idempotency_key", e."kind"::text AS kind, e."municipality_id", e."assessment_id", e."respondent_id", e."field_id",
  d."subscription_id", d."identity_key", d."conversation_id", d."attempts", d."activity_id", d."state"::text AS state, d."created_at",
  (SELECT s."locale" FROM "channel_subscription" s WHERE s."id" = d."subscription_id") AS locale`);

const toClaimed = (r: ClaimRow): ClaimedDelivery => ({
  id: r.id,
  idempotencyKey: r.idempotency_key,
  kind: r.kind,
  municipalityId: r.municipality_id,
  assessmentId: r.assessment_id,
  respondentId: r.respondent_id,
  fieldId: r.field_id,
  subscriptionId: r.subscription_id,
  identityKey: r.identity_key,
  conversationId: r.conversation_id,
  locale: r.locale === 'en' ? 'en' : r.locale === 'de' ? 'de' : null,
  attempts: r.attempts,
  activityId: r.activity_id,
  state: r.state,
  createdAt: r.created_at,
});

const THROTTLE_KEY = 'global';

/**
 * The delivery outbox (docs/coordinators.md, shared/guides/proactive-delivery.md). Every state change is one
 * short statement; claims use FOR UPDATE SKIP LOCKED so concurrent instances never take the same row, and
 * the attempt is counted and committed before the post.
 */
export class PrismaOutboxRepository implements OutboxRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async claim(worker: string, limit: number, leaseMs: number, now: Date): Promise<readonly ClaimedDelivery[]> {
    // A lease that ran out during a post: nobody knows whether Teams got it, so it is never simply re-posted.
    await this.prisma.$executeRaw`
      UPDATE "outbox_delivery"
         SET "state" = 'uncertain', "updated_at" = ${now},
             "last_error" = 'lease expired during a post (worker ' || coalesce("worker", '?') || ')'
       WHERE "state" = 'claimed' AND "lease_until" < ${now}`;
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const rows = await this.prisma.$queryRaw<ClaimRow[]>`
      WITH due AS (
        SELECT d."id" FROM "outbox_delivery" d
         WHERE d."state" IN ('queued', 'retry_wait') AND d."next_attempt_at" <= ${now}
           AND NOT EXISTS (SELECT 1 FROM "outbox_throttle" t WHERE t."key" = ${THROTTLE_KEY} AND t."until" > ${now})
         ORDER BY d."next_attempt_at", d."created_at"
         LIMIT ${limit}
         FOR UPDATE SKIP LOCKED
      )
      UPDATE "outbox_delivery" d
         SET "state" = 'claimed', "worker" = ${worker}, "lease_until" = ${leaseUntil}, "attempts" = d."attempts" + 1, "updated_at" = ${now}
        FROM due, "outbox_event" e
       WHERE d."id" = due."id" AND e."id" = d."event_id"
      RETURNING ${CLAIMED_COLUMNS}`;
    return rows.map(toClaimed);
  }

  async claimUncertain(worker: string, limit: number, leaseMs: number, now: Date): Promise<readonly ClaimedDelivery[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const rows = await this.prisma.$queryRaw<ClaimRow[]>`
      WITH due AS (
        SELECT d."id" FROM "outbox_delivery" d
         WHERE d."state" = 'uncertain' AND (d."lease_until" IS NULL OR d."lease_until" < ${now})
         ORDER BY d."updated_at"
         LIMIT ${limit}
         FOR UPDATE SKIP LOCKED
      )
      UPDATE "outbox_delivery" d
         SET "worker" = ${worker}, "lease_until" = ${leaseUntil}, "updated_at" = ${now}
        FROM due, "outbox_event" e
       WHERE d."id" = due."id" AND e."id" = d."event_id"
      RETURNING ${CLAIMED_COLUMNS}`;
    return rows.map(toClaimed);
  }

  async recordSent(
    id: string,
    worker: string,
    activityId: string | null,
    attempt: AttemptRecord,
    now: Date,
  ): Promise<boolean> {
    const n = await this.prisma.$executeRaw`
      UPDATE "outbox_delivery"
         SET "state" = 'sent', "activity_id" = coalesce(${activityId}, "activity_id"), "sent_at" = ${now}, "updated_at" = ${now},
             "lease_until" = NULL, "last_status" = ${attempt.status}, "last_error" = NULL,
             "log" = "log" || jsonb_build_array(${JSON.stringify(attempt)}::jsonb)
       WHERE "id" = ${id} AND "worker" = ${worker} AND "state" IN ('claimed', 'uncertain')`;
    return n > 0;
  }

  async recordRetry(
    id: string,
    worker: string,
    nextAttemptAt: Date,
    attempt: AttemptRecord,
    now: Date,
  ): Promise<boolean> {
    const n = await this.prisma.$executeRaw`
      UPDATE "outbox_delivery"
         SET "state" = 'retry_wait', "next_attempt_at" = ${nextAttemptAt}, "updated_at" = ${now}, "lease_until" = NULL,
             "last_status" = ${attempt.status}, "last_error" = ${attempt.code ?? attempt.outcome},
             "log" = "log" || jsonb_build_array(${JSON.stringify(attempt)}::jsonb)
       WHERE "id" = ${id} AND "worker" = ${worker} AND "state" = 'claimed'`;
    return n > 0;
  }

  async recordFinal(
    id: string,
    worker: string,
    state: 'failed' | 'skipped',
    attempt: AttemptRecord,
    now: Date,
  ): Promise<boolean> {
    const n = await this.prisma.$executeRaw`
      UPDATE "outbox_delivery"
         SET "state" = ${state}::"delivery_state", "updated_at" = ${now}, "lease_until" = NULL,
             "last_status" = ${attempt.status}, "last_error" = ${attempt.code ?? attempt.outcome},
             "log" = "log" || jsonb_build_array(${JSON.stringify(attempt)}::jsonb)
       WHERE "id" = ${id} AND "worker" = ${worker} AND "state" IN ('claimed', 'uncertain')`;
    return n > 0;
  }

  async latestSentActivity(subscriptionId: string, municipalityId: string): Promise<string | undefined> {
    const rows = await this.prisma.$queryRaw<{ activity_id: string }[]>`
      SELECT d."activity_id" FROM "outbox_delivery" d JOIN "outbox_event" e ON e."id" = d."event_id"
       WHERE d."subscription_id" = ${subscriptionId} AND e."municipality_id" = ${municipalityId} AND e."kind" <> 'reminder'
         AND d."state" = 'sent' AND d."activity_id" IS NOT NULL
       ORDER BY d."sent_at" DESC LIMIT 1`;
    return rows[0]?.activity_id;
  }

  async throttledUntil(now: Date): Promise<Date | undefined> {
    const row = await this.prisma.outboxThrottle.findUnique({ where: { key: THROTTLE_KEY } });
    return row !== null && row.until > now ? row.until : undefined;
  }

  async throttle(until: Date): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO "outbox_throttle" ("key", "until") VALUES (${THROTTLE_KEY}, ${until})
      ON CONFLICT ("key") DO UPDATE SET "until" = GREATEST("outbox_throttle"."until", EXCLUDED."until")`;
  }

  async counts(): Promise<readonly DeliveryCount[]> {
    const rows = await this.prisma.$queryRaw<{ state: DeliveryState; kind: OutboxEventKind; count: number }[]>`
      SELECT d."state"::text AS state, e."kind"::text AS kind, count(*)::int AS count
        FROM "outbox_delivery" d JOIN "outbox_event" e ON e."id" = d."event_id"
       GROUP BY d."state", e."kind" ORDER BY e."kind", d."state"`;
    return rows;
  }

  async problems(limit: number): Promise<readonly DeliveryProblem[]> {
    const rows = await this.prisma.$queryRaw<
      {
        id: string;
        kind: OutboxEventKind;
        municipality_id: string;
        conversation_id: string;
        state: DeliveryState;
        attempts: number;
        last_status: number | null;
        last_error: string | null;
        updated_at: Date;
      }[]
    >`
      SELECT d."id", e."kind"::text AS kind, e."municipality_id", d."conversation_id", d."state"::text AS state, d."attempts",
             d."last_status", d."last_error", d."updated_at"
        FROM "outbox_delivery" d JOIN "outbox_event" e ON e."id" = d."event_id"
       WHERE d."state" IN ('failed', 'uncertain', 'retry_wait', 'skipped')
       ORDER BY d."updated_at" DESC LIMIT ${limit}`;
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      municipalityId: r.municipality_id,
      conversationId: r.conversation_id,
      state: r.state,
      attempts: r.attempts,
      lastStatus: r.last_status,
      lastError: r.last_error,
      updatedAt: r.updated_at,
    }));
  }

  async requeueFailed(now: Date): Promise<number> {
    // Only where the target still works: a stale subscription needs the bot added again first.
    return this.prisma.$executeRaw`
      UPDATE "outbox_delivery" d SET "state" = 'queued', "next_attempt_at" = ${now}, "updated_at" = ${now}, "lease_until" = NULL
       WHERE d."state" = 'failed'
         AND (d."subscription_id" IS NULL OR EXISTS (SELECT 1 FROM "channel_subscription" s WHERE s."id" = d."subscription_id" AND s."status" = 'active'))`;
  }

  /**
   * The demo's rounds (a visitor's sandbox, any round of the demo municipality) complete without an event, so no
   * channel hears of them, not even a '*' subscription; the same holds for the sweep below.
   */
  async completeAssessment(assessmentId: string, now: Date): Promise<boolean> {
    const key = `assessment_completed:${assessmentId}`;
    const rows = await this.prisma.$queryRaw<{ completed: number }[]>`
      WITH upd AS (
        UPDATE "assessment" SET "status" = 'completed', "completed_at" = ${now}
         WHERE "id" = ${assessmentId} AND "status" = 'in_progress'
        RETURNING "id", "municipality_id", "sandbox_of"
      ), ev AS (
        INSERT INTO "outbox_event" ("id", "idempotency_key", "kind", "municipality_id", "assessment_id", "created_at")
        SELECT gen_random_uuid()::text, ${key}, 'assessment_completed', upd."municipality_id", upd."id", ${now} FROM upd
         WHERE upd."sandbox_of" IS NULL
           AND NOT EXISTS (SELECT 1 FROM "municipality" dm WHERE dm."id" = upd."municipality_id" AND dm."demo")
        ON CONFLICT ("idempotency_key") DO NOTHING
        RETURNING "id", "idempotency_key", "municipality_id"
      ), fan AS (
        INSERT INTO "outbox_delivery" ("id", "event_id", "idempotency_key", "subscription_id", "conversation_id", "next_attempt_at")
        SELECT gen_random_uuid()::text, ev."id", ev."idempotency_key" || '|' || s."id", s."id", s."conversation_id", ${now}
          FROM ev JOIN "channel_subscription" s ON s."status" = 'active' AND (s."scope" = ev."municipality_id" OR s."scope" = '*')
        ON CONFLICT ("idempotency_key") DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT count(*)::int FROM upd) AS completed, (SELECT count(*)::int FROM fan) AS fanned`;
    return (rows[0]?.completed ?? 0) > 0;
  }

  async sweepCompletions(totalFields: number): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ added: number }[]>`
      WITH done AS (
        SELECT f."assessment_id", min(f."municipality_id") AS municipality_id FROM "outbox_event" f
         WHERE f."kind" = 'field_completed' AND f."assessment_id" IS NOT NULL
         GROUP BY f."assessment_id"
        HAVING count(DISTINCT f."field_id") >= ${totalFields}
           AND NOT EXISTS (SELECT 1 FROM "outbox_event" c WHERE c."idempotency_key" = 'assessment_completed:' || f."assessment_id")
           AND NOT EXISTS (SELECT 1 FROM "assessment" da JOIN "municipality" dm ON dm."id" = da."municipality_id"
                            WHERE da."id" = f."assessment_id" AND (da."sandbox_of" IS NOT NULL OR dm."demo"))
      ), ev AS (
        INSERT INTO "outbox_event" ("id", "idempotency_key", "kind", "municipality_id", "assessment_id", "created_at")
        SELECT gen_random_uuid()::text, 'assessment_completed:' || done."assessment_id", 'assessment_completed', done.municipality_id, done."assessment_id", CURRENT_TIMESTAMP FROM done
        ON CONFLICT ("idempotency_key") DO NOTHING
        RETURNING "id", "idempotency_key", "municipality_id"
      ), fan AS (
        INSERT INTO "outbox_delivery" ("id", "event_id", "idempotency_key", "subscription_id", "conversation_id")
        SELECT gen_random_uuid()::text, ev."id", ev."idempotency_key" || '|' || s."id", s."id", s."conversation_id"
          FROM ev JOIN "channel_subscription" s ON s."status" = 'active' AND (s."scope" = ev."municipality_id" OR s."scope" = '*')
        ON CONFLICT ("idempotency_key") DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT count(*)::int FROM ev) AS added, (SELECT count(*)::int FROM fan) AS fanned`;
    return rows[0]?.added ?? 0;
  }

  async enqueueReminder(input: Parameters<OutboxRepository['enqueueReminder']>[0]): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ created: number }[]>`
      WITH ev AS (
        INSERT INTO "outbox_event" ("id", "idempotency_key", "kind", "municipality_id", "assessment_id", "respondent_id", "created_at")
        VALUES (gen_random_uuid()::text, ${input.idempotencyKey}, 'reminder', ${input.municipalityId}, ${input.assessmentId}, ${input.respondentId}, CURRENT_TIMESTAMP)
        ON CONFLICT ("idempotency_key") DO NOTHING
        RETURNING "id", "idempotency_key"
      ), d AS (
        INSERT INTO "outbox_delivery" ("id", "event_id", "idempotency_key", "identity_key", "conversation_id")
        SELECT gen_random_uuid()::text, ev."id", ev."idempotency_key" || '|' || ${input.identityKey}, ${input.identityKey}, ${input.conversationId} FROM ev
        ON CONFLICT ("idempotency_key") DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT count(*)::int FROM d) AS created`;
    return (rows[0]?.created ?? 0) > 0;
  }
}
