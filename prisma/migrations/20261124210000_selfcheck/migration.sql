-- CreateEnum
CREATE TYPE "municipality_kind" AS ENUM ('city', 'district');

-- CreateEnum
CREATE TYPE "respondent_role" AS ENUM ('mayor', 'department_head', 'integration_officer', 'integration_staff', 'advisory_council', 'other');

-- CreateEnum
CREATE TYPE "assessment_status" AS ENUM ('in_progress', 'completed');

-- CreateEnum
CREATE TYPE "answer_value" AS ENUM ('full', 'partial', 'planned', 'none', 'unknown', 'skipped');

-- CreateTable
CREATE TABLE "municipality" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "municipality_kind" NOT NULL,
    "state" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "municipality_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "respondent" (
    "id" TEXT NOT NULL,
    "identity_key" TEXT NOT NULL,
    "municipality_id" TEXT,
    "role" "respondent_role",
    "locale" TEXT,
    "consented_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "respondent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment" (
    "id" TEXT NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "questionnaire_version" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "status" "assessment_status" NOT NULL DEFAULT 'in_progress',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "answer" (
    "id" TEXT NOT NULL,
    "assessment_id" TEXT NOT NULL,
    "respondent_id" TEXT NOT NULL,
    "question_id" TEXT NOT NULL,
    "value" "answer_value" NOT NULL,
    "comment" TEXT,
    "questionnaire_version" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "answer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "answer_history" (
    "id" TEXT NOT NULL,
    "answer_id" TEXT NOT NULL,
    "value" "answer_value" NOT NULL,
    "comment" TEXT,
    "channel" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "answer_history_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "respondent_identity_key_key" ON "respondent"("identity_key");

-- CreateIndex
CREATE INDEX "respondent_municipality_id_idx" ON "respondent"("municipality_id");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_municipality_id_round_key" ON "assessment"("municipality_id", "round");

-- CreateIndex
CREATE INDEX "answer_respondent_id_idx" ON "answer"("respondent_id");

-- CreateIndex
CREATE UNIQUE INDEX "answer_assessment_id_respondent_id_question_id_key" ON "answer"("assessment_id", "respondent_id", "question_id");

-- CreateIndex
CREATE INDEX "answer_history_answer_id_idx" ON "answer_history"("answer_id");

-- AddForeignKey
ALTER TABLE "respondent" ADD CONSTRAINT "respondent_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "answer" ADD CONSTRAINT "answer_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "answer" ADD CONSTRAINT "answer_respondent_id_fkey" FOREIGN KEY ("respondent_id") REFERENCES "respondent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "answer_history" ADD CONSTRAINT "answer_history_answer_id_fkey" FOREIGN KEY ("answer_id") REFERENCES "answer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Seed (hand-added): the municipalities offered in onboarding. Ids are stable slugs referenced by tests.
INSERT INTO "municipality" ("id", "name", "kind", "state") VALUES
    ('potsdam', 'Potsdam', 'city', 'Brandenburg'),
    ('bochum', 'Bochum', 'city', 'Nordrhein-Westfalen'),
    ('iserlohn', 'Iserlohn', 'city', 'Nordrhein-Westfalen'),
    ('lk-teltow-flaeming', 'Landkreis Teltow-Fläming', 'district', 'Brandenburg'),
    ('luebeck', 'Lübeck', 'city', 'Schleswig-Holstein'),
    ('konstanz', 'Konstanz', 'city', 'Baden-Württemberg'),
    ('aachen', 'Aachen', 'city', 'Nordrhein-Westfalen'),
    ('zwickau', 'Zwickau', 'city', 'Sachsen'),
    ('erlangen', 'Erlangen', 'city', 'Bayern'),
    ('kiel', 'Kiel', 'city', 'Schleswig-Holstein'),
    ('halle-saale', 'Halle (Saale)', 'city', 'Sachsen-Anhalt'),
    ('lk-goerlitz', 'Landkreis Görlitz', 'district', 'Sachsen'),
    ('lk-marburg-biedenkopf', 'Landkreis Marburg-Biedenkopf', 'district', 'Hessen'),
    ('kreis-lippe', 'Kreis Lippe', 'district', 'Nordrhein-Westfalen'),
    ('lk-osnabrueck', 'Landkreis Osnabrück', 'district', 'Niedersachsen'),
    ('rhein-sieg-kreis', 'Rhein-Sieg-Kreis', 'district', 'Nordrhein-Westfalen');
