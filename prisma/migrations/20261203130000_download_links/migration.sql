-- Issue #16: download links are opaque random tokens; what a link opens, for whom and how often lives here.

-- CreateEnum
CREATE TYPE "download_purpose" AS ENUM ('export', 'my_data');

-- CreateTable
CREATE TABLE "download_link" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "purpose" "download_purpose" NOT NULL,
    "issuer" TEXT NOT NULL,
    "municipality_id" TEXT,
    "format" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'de',
    "max_uses" INTEGER NOT NULL DEFAULT 1,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "download_link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "download_link_token_hash_key" ON "download_link"("token_hash");

-- CreateIndex
CREATE INDEX "download_link_issuer_idx" ON "download_link"("issuer");

-- CreateIndex
CREATE INDEX "download_link_expires_at_idx" ON "download_link"("expires_at");
