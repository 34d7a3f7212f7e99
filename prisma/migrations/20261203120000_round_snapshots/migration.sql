-- Issue #16: comparisons only from closed rounds. A snapshot is taken when a round closes; releases of
-- comparison figures are kept so a later release can be checked against the previous one.

-- CreateTable
CREATE TABLE "round_snapshot" (
    "assessment_id" TEXT NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "questionnaire_version" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,
    "closed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "round_snapshot_pkey" PRIMARY KEY ("assessment_id")
);

-- CreateTable
CREATE TABLE "comparison_release" (
    "seq" INTEGER NOT NULL,
    "released_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_up_to" TIMESTAMPTZ(3) NOT NULL,
    "figures" JSONB NOT NULL,

    CONSTRAINT "comparison_release_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "round_snapshot_closed_at_idx" ON "round_snapshot"("closed_at");

-- AddForeignKey
ALTER TABLE "round_snapshot" ADD CONSTRAINT "round_snapshot_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
