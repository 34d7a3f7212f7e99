-- Issue #16: an append-only audit trail. People appear only as pseudonyms; the pseudonym table is the one
-- link to an identity and is what an erasure deletes.

-- CreateEnum
CREATE TYPE "audit_action" AS ENUM ('role_granted', 'role_revoked', 'tenant_registered', 'tenant_removed', 'code_issued', 'code_used', 'code_revoked', 'member_removed', 'round_closed', 'export_issued', 'export_downloaded', 'dashboard_signin', 'erasure');

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" "audit_action" NOT NULL,
    "actor" TEXT,
    "subject" TEXT,
    "municipality_id" TEXT,
    "detail" JSONB,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_pseudonym" (
    "identity_key" TEXT NOT NULL,
    "pseudonym" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_pseudonym_pkey" PRIMARY KEY ("identity_key")
);

-- CreateIndex
CREATE INDEX "audit_event_municipality_id_at_idx" ON "audit_event"("municipality_id", "at");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_pseudonym_pseudonym_key" ON "audit_pseudonym"("pseudonym");

-- Append-only: rows are never changed or deleted (TRUNCATE, which only tests use, is not a row operation).
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END
$$;

CREATE TRIGGER "audit_event_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
