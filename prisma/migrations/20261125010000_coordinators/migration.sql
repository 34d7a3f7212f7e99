-- Issue #5: roles, channel subscriptions, personal conversations (reminders) and the delivery outbox.

-- CreateEnum
CREATE TYPE "grant_role" AS ENUM ('coordinator', 'lead');

-- CreateEnum
CREATE TYPE "subscription_status" AS ENUM ('active', 'stale');

-- CreateEnum
CREATE TYPE "outbox_event_kind" AS ENUM ('field_completed', 'assessment_completed', 'reminder');

-- CreateEnum
CREATE TYPE "delivery_state" AS ENUM ('queued', 'claimed', 'sent', 'retry_wait', 'failed', 'skipped', 'uncertain');

-- CreateTable
CREATE TABLE "role_grant" (
    "id" TEXT NOT NULL,
    "identity_key" TEXT NOT NULL,
    "role" "grant_role" NOT NULL,
    "municipality_id" TEXT,
    "granted_by" TEXT NOT NULL,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel_subscription" (
    "id" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "service_url" TEXT NOT NULL,
    "tenant_id" TEXT,
    "team_id" TEXT,
    "channel_id" TEXT,
    "reference" JSONB NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'de',
    "status" "subscription_status" NOT NULL DEFAULT 'active',
    "stale_reason" TEXT,
    "stale_at" TIMESTAMPTZ(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "personal_conversation" (
    "identity_key" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "service_url" TEXT NOT NULL,
    "reference" JSONB NOT NULL,
    "reminders_enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_reminded_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "personal_conversation_pkey" PRIMARY KEY ("identity_key")
);

-- CreateTable
CREATE TABLE "outbox_event" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "kind" "outbox_event_kind" NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "assessment_id" TEXT,
    "respondent_id" TEXT,
    "field_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_delivery" (
    "id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "subscription_id" TEXT,
    "identity_key" TEXT,
    "conversation_id" TEXT NOT NULL,
    "state" "delivery_state" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "worker" TEXT,
    "activity_id" TEXT,
    "last_status" INTEGER,
    "last_error" TEXT,
    "log" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_throttle" (
    "key" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outbox_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex (hand-edited: NULLS NOT DISTINCT, so a coordinator grant with no municipality exists once)
CREATE UNIQUE INDEX "role_grant_identity_key_role_municipality_id_key" ON "role_grant"("identity_key", "role", "municipality_id") NULLS NOT DISTINCT;

-- CreateIndex
CREATE UNIQUE INDEX "channel_subscription_conversation_id_scope_key" ON "channel_subscription"("conversation_id", "scope");

-- CreateIndex
CREATE INDEX "channel_subscription_scope_idx" ON "channel_subscription"("scope");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_idempotency_key_key" ON "outbox_event"("idempotency_key");

-- CreateIndex
CREATE INDEX "outbox_event_assessment_id_kind_idx" ON "outbox_event"("assessment_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_delivery_idempotency_key_key" ON "outbox_delivery"("idempotency_key");

-- CreateIndex
CREATE INDEX "outbox_delivery_state_next_attempt_at_idx" ON "outbox_delivery"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_delivery_subscription_id_idx" ON "outbox_delivery"("subscription_id");

-- AddForeignKey
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_delivery" ADD CONSTRAINT "outbox_delivery_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "outbox_event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_delivery" ADD CONSTRAINT "outbox_delivery_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "channel_subscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;
