-- Issue #15: who belongs to a municipality. Registered tenants, invitation codes (hashes only), personal
-- resume codes for the web chat, verified memberships of respondents, sandbox rounds of the demo.

-- CreateEnum
CREATE TYPE "membership_source" AS ENUM ('tenant', 'invitation', 'legacy', 'demo');

-- CreateEnum
CREATE TYPE "invitation_role" AS ENUM ('member', 'lead');

-- AlterTable
ALTER TABLE "respondent" ADD COLUMN "membership" "membership_source",
ADD COLUMN "member_no" INTEGER;

-- AlterTable
ALTER TABLE "assessment" ADD COLUMN "sandbox_of" TEXT;

-- CreateTable
CREATE TABLE "municipality_tenant" (
    "municipality_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "municipality_tenant_pkey" PRIMARY KEY ("municipality_id","tenant_id")
);

-- CreateTable
CREATE TABLE "invitation" (
    "id" TEXT NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "role" "invitation_role" NOT NULL,
    "code_hash" TEXT NOT NULL,
    "code_start" TEXT NOT NULL,
    "max_uses" INTEGER,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resume_code" (
    "identity_key" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resume_code_pkey" PRIMARY KEY ("identity_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "respondent_municipality_id_member_no_key" ON "respondent"("municipality_id", "member_no");

-- CreateIndex
CREATE INDEX "assessment_sandbox_of_idx" ON "assessment"("sandbox_of");

-- CreateIndex
CREATE INDEX "municipality_tenant_tenant_id_idx" ON "municipality_tenant"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "invitation_code_hash_key" ON "invitation"("code_hash");

-- CreateIndex
CREATE INDEX "invitation_municipality_id_idx" ON "invitation"("municipality_id");

-- CreateIndex
CREATE UNIQUE INDEX "resume_code_code_hash_key" ON "resume_code"("code_hash");

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_sandbox_of_fkey" FOREIGN KEY ("sandbox_of") REFERENCES "respondent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "municipality_tenant" ADD CONSTRAINT "municipality_tenant_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- People who answered before memberships were verified stay members of the municipality they named:
-- marked 'legacy' (the lead sees them in `mitglieder` for review) and numbered in the order they joined.
UPDATE "respondent" AS r SET "membership" = 'legacy', "member_no" = n.no FROM (
    SELECT "id", row_number() OVER (PARTITION BY "municipality_id" ORDER BY "created_at", "id")::int AS no
      FROM "respondent" WHERE "municipality_id" IS NOT NULL
) AS n WHERE r."id" = n."id";
