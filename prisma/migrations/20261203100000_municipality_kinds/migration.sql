-- Issue #15: municipalities as data. The kind becomes one of the four kinds of German local authority,
-- set explicitly for every seeded municipality (Iserlohn, Konstanz and Zwickau are kreisangehörig; Aachen
-- belongs to the Städteregion Aachen). A new enum type replaces the old one in one step (the way Prisma
-- itself removes enum values), so no new value is used in the transaction that adds it.

-- CreateEnum
CREATE TYPE "municipality_kind_new" AS ENUM ('gemeinde', 'kreisangehoerige_stadt', 'kreisfreie_stadt', 'landkreis');

-- AlterTable: every row gets its kind by id; a municipality this migration does not know keeps a kind
-- derived from the old one (city = kreisfreie Stadt, district = Landkreis) and can be corrected in chat.
ALTER TABLE "municipality" ALTER COLUMN "kind" TYPE "municipality_kind_new" USING (
    CASE
        WHEN "id" IN ('iserlohn', 'konstanz', 'zwickau', 'aachen') THEN 'kreisangehoerige_stadt'
        WHEN "id" IN ('potsdam', 'bochum', 'luebeck', 'erlangen', 'kiel', 'halle-saale') THEN 'kreisfreie_stadt'
        WHEN "id" IN ('lk-teltow-flaeming', 'lk-goerlitz', 'lk-marburg-biedenkopf', 'kreis-lippe', 'lk-osnabrueck', 'rhein-sieg-kreis') THEN 'landkreis'
        WHEN "kind"::text = 'district' THEN 'landkreis'
        ELSE 'kreisfreie_stadt'
    END
)::"municipality_kind_new";

-- DropEnum
DROP TYPE "municipality_kind";
ALTER TYPE "municipality_kind_new" RENAME TO "municipality_kind";

-- AlterTable
ALTER TABLE "municipality" ADD COLUMN "official_key" TEXT,
ADD COLUMN "archived_at" TIMESTAMPTZ(3),
ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "municipality_official_key_key" ON "municipality"("official_key");

-- Official keys of the seeded municipalities (Destatis Gemeindeverzeichnis: 8-digit AGS, 5-digit Kreisschlüssel).
UPDATE "municipality" AS m SET "official_key" = k.key FROM (VALUES
    ('potsdam', '12054000'),
    ('bochum', '05911000'),
    ('iserlohn', '05962024'),
    ('lk-teltow-flaeming', '12072'),
    ('luebeck', '01003000'),
    ('konstanz', '08335043'),
    ('aachen', '05334002'),
    ('zwickau', '14524330'),
    ('erlangen', '09562000'),
    ('kiel', '01002000'),
    ('halle-saale', '15002000'),
    ('lk-goerlitz', '14626'),
    ('lk-marburg-biedenkopf', '06534'),
    ('kreis-lippe', '05766'),
    ('lk-osnabrueck', '03459'),
    ('rhein-sieg-kreis', '05382')
) AS k(id, key) WHERE m."id" = k.id;

-- The demo municipality: anyone may try the self-check there, each visitor in a private sandbox round.
INSERT INTO "municipality" ("id", "name", "kind", "state", "demo") VALUES
    ('musterstadt-demo', 'Musterstadt (Demo)', 'kreisfreie_stadt', 'Demo', true)
ON CONFLICT ("id") DO NOTHING;
