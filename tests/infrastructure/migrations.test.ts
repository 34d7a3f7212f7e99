import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { openDatabase, type Database, type SqlSession } from '../../src/infrastructure/db/database';
import {
  MigrationError,
  checksumOf,
  migrate,
  pendingMigrations,
  readMigrations,
} from '../../src/infrastructure/db/migrator';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/testDatabase';

const root = path.resolve(__dirname, '..', '..');
const schemaText = readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8');

interface DmmfField {
  name: string;
  dbName: string | null;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
  uniqueFields: string[][];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
  };
}

// Prisma's DMMF, from the schema engine compiled to WebAssembly (no download needed).
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schemaText]] }))) as Dmmf;

const PG_TYPE: Record<string, string[]> = {
  String: ['text', 'character varying', 'uuid'],
  Int: ['integer'],
  BigInt: ['bigint'],
  Float: ['double precision'],
  Boolean: ['boolean'],
  DateTime: ['timestamp with time zone', 'timestamp without time zone', 'date'],
  Json: ['jsonb'],
  Decimal: ['numeric'],
  Bytes: ['bytea'],
};

async function fresh(): Promise<{ t: TestDatabase; db: Database }> {
  const t = await createTestDatabase({ migrated: false });
  return { t, db: await openDatabase(t.target, t.openOptions) };
}

describe(`migrations on ${usingPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  let t: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    ({ t, db } = await fresh());
    await db.withSession((s) => migrate(s));
  });
  afterAll(async () => {
    await db.close();
    await t.dispose();
  });

  const q = <R>(sql: string, params?: unknown[]) => db.withSession((s: SqlSession) => s.query<R>(sql, params));

  it('records every migration in _prisma_migrations as Prisma does', async () => {
    const rows = await q<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      id: string;
    }>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    const local = readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      const file = readFileSync(path.join(root, 'prisma', 'migrations', row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row.checksum).toBe(local[i]?.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(await db.withSession((s) => pendingMigrations(s))).toEqual([]);
  });

  it('is idempotent: a second run applies nothing', async () => {
    const report = await db.withSession((s) => migrate(s));
    expect(report.applied).toEqual([]);
    expect(report.alreadyApplied).toHaveLength(readMigrations().length);
  });

  it('creates exactly the tables, columns, keys and enums the Prisma schema describes', async () => {
    const tables = await q<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    const expectedTables = dmmf.datamodel.models.map((m) => m.dbName ?? m.name);
    expect(
      tables
        .map((r) => r.table_name)
        .filter((n) => n !== '_prisma_migrations')
        .sort(),
    ).toEqual([...expectedTables].sort());

    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      const cols = await q<{ column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
        'SELECT column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
        [table],
      );
      const scalar = model.fields.filter((f) => f.kind !== 'object');
      expect(cols.map((c) => c.column_name).sort()).toEqual(scalar.map((f) => f.dbName ?? f.name).sort());
      for (const f of scalar) {
        const col = cols.find((c) => c.column_name === (f.dbName ?? f.name));
        const where = `${model.name}.${f.name}`;
        expect({ where, nullable: col?.is_nullable }).toEqual({ where, nullable: f.isRequired ? 'NO' : 'YES' });
        if (f.kind === 'enum') {
          const e = dmmf.datamodel.enums.find((x) => x.name === f.type);
          expect({ where, type: col?.udt_name }).toEqual({ where, type: e?.dbName ?? f.type });
        } else if (f.isList) {
          expect({ where, type: col?.data_type }).toEqual({ where, type: 'ARRAY' });
        } else {
          expect({ where, ok: PG_TYPE[f.type]?.includes(col?.data_type ?? '') }).toEqual({ where, ok: true });
        }
      }
      // Primary key and unique constraints/indexes.
      const keys = await q<{ indexdef: string; indisprimary: boolean; indisunique: boolean; cols: string[] }>(
        `SELECT i.indisprimary, i.indisunique, array_agg(a.attname ORDER BY k.ord)::text[] AS cols, pg_get_indexdef(i.indexrelid) AS indexdef
           FROM pg_index i
           JOIN pg_class c ON c.oid = i.indrelid
           JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
          WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace
          GROUP BY i.indexrelid, i.indisprimary, i.indisunique`,
        [table],
      );
      const dbCol = (name: string) => model.fields.find((f) => f.name === name)?.dbName ?? name;
      const pk = model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name);
      expect({ table, pk: keys.find((k) => k.indisprimary)?.cols }).toEqual({ table, pk: pk.map(dbCol) });
      const uniques = [...model.uniqueFields, ...model.fields.filter((f) => f.isUnique).map((f) => [f.name])];
      for (const u of uniques) {
        const found = keys.some(
          (k) => k.indisunique && !k.indisprimary && JSON.stringify(k.cols) === JSON.stringify(u.map(dbCol)),
        );
        expect({ table, unique: u, found }).toEqual({ table, unique: u, found: true });
      }
    }

    for (const e of dmmf.datamodel.enums) {
      const values = await q<{ enumlabel: string }>(
        'SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder',
        [e.dbName ?? e.name],
      );
      expect(values.map((v) => v.enumlabel)).toEqual(e.values.map((v) => v.dbName ?? v.name));
    }
  });

  it('every model of the generated client can be created, read, updated and deleted', async () => {
    // One sample per model; extended as models are added (the test fails for a model without one).
    const samples: Record<string, () => Promise<void>> = {
      BotStateItem: async () => {
        const created = await db.prisma.botStateItem.create({ data: { key: 'k1', data: { a: 1 }, eTag: 'e1' } });
        expect(created.updatedAt).toBeInstanceOf(Date);
        expect((await db.prisma.botStateItem.findUnique({ where: { key: 'k1' } }))?.data).toEqual({ a: 1 });
        await db.prisma.botStateItem.update({ where: { key: 'k1' }, data: { data: { a: 2 }, eTag: 'e2' } });
        expect((await db.prisma.botStateItem.findUnique({ where: { key: 'k1' } }))?.eTag).toBe('e2');
        await db.prisma.botStateItem.delete({ where: { key: 'k1' } });
        expect(await db.prisma.botStateItem.count({ where: { key: 'k1' } })).toBe(0);
      },
      Municipality: async () => {
        // The migration seeds the onboarding list; the sample works on a row of its own.
        expect(await db.prisma.municipality.findUnique({ where: { id: 'potsdam' } })).toMatchObject({
          name: 'Potsdam',
          kind: 'city',
          state: 'Brandenburg',
        });
        expect(await db.prisma.municipality.findUnique({ where: { id: 'lk-teltow-flaeming' } })).toMatchObject({
          kind: 'district',
        });
        await db.prisma.municipality.create({
          data: { id: 'm-sample', name: 'Musterstadt', kind: 'city', state: 'Hessen' },
        });
        await db.prisma.municipality.update({ where: { id: 'm-sample' }, data: { kind: 'district' } });
        expect((await db.prisma.municipality.findUnique({ where: { id: 'm-sample' } }))?.kind).toBe('district');
        await db.prisma.municipality.delete({ where: { id: 'm-sample' } });
        expect(await db.prisma.municipality.count({ where: { id: 'm-sample' } })).toBe(0);
      },
      Respondent: async () => {
        const r = await db.prisma.respondent.create({
          data: { identityKey: 'aad:t1:o1', municipalityId: 'bochum', role: 'mayor' },
        });
        expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
        await expect(db.prisma.respondent.create({ data: { identityKey: 'aad:t1:o1' } })).rejects.toThrow();
        await db.prisma.respondent.update({ where: { id: r.id }, data: { consentedAt: new Date(), locale: 'en' } });
        expect(
          (await db.prisma.respondent.findUnique({ where: { identityKey: 'aad:t1:o1' } }))?.consentedAt,
        ).toBeInstanceOf(Date);
        await db.prisma.respondent.delete({ where: { id: r.id } });
        expect(await db.prisma.respondent.count({ where: { id: r.id } })).toBe(0);
      },
      Assessment: async () => {
        const a = await db.prisma.assessment.create({
          data: { municipalityId: 'iserlohn', questionnaireVersion: 1, round: 1 },
        });
        expect(a.status).toBe('in_progress');
        await expect(
          db.prisma.assessment.create({ data: { municipalityId: 'iserlohn', questionnaireVersion: 1, round: 1 } }),
        ).rejects.toThrow();
        await db.prisma.assessment.update({
          where: { id: a.id },
          data: { status: 'completed', completedAt: new Date() },
        });
        expect((await db.prisma.assessment.findUnique({ where: { id: a.id } }))?.status).toBe('completed');
        await db.prisma.assessment.delete({ where: { id: a.id } });
        expect(await db.prisma.assessment.count({ where: { id: a.id } })).toBe(0);
      },
      Answer: async () => {
        const a = await db.prisma.assessment.create({
          data: { municipalityId: 'kiel', questionnaireVersion: 1, round: 1 },
        });
        const r = await db.prisma.respondent.create({ data: { identityKey: 'webchat:u-answer' } });
        const key = { assessmentId: a.id, respondentId: r.id, questionId: 'MS-01' };
        await db.prisma.answer.create({
          data: { ...key, value: 'partial', questionnaireVersion: 1, channel: 'webchat' },
        });
        await expect(
          db.prisma.answer.create({ data: { ...key, value: 'full', questionnaireVersion: 1, channel: 'webchat' } }),
        ).rejects.toThrow();
        await db.prisma.answer.update({
          where: { assessmentId_respondentId_questionId: key },
          data: { value: 'skipped', comment: 'unsicher' },
        });
        expect(
          (await db.prisma.answer.findUnique({ where: { assessmentId_respondentId_questionId: key } }))?.value,
        ).toBe('skipped');
        // Deleting the assessment takes its answers with it.
        await db.prisma.assessment.delete({ where: { id: a.id } });
        expect(await db.prisma.answer.count({ where: key })).toBe(0);
        await db.prisma.respondent.delete({ where: { id: r.id } });
      },
      AnswerHistory: async () => {
        const a = await db.prisma.assessment.create({
          data: { municipalityId: 'aachen', questionnaireVersion: 1, round: 1 },
        });
        const r = await db.prisma.respondent.create({ data: { identityKey: 'webchat:u-history' } });
        const answer = await db.prisma.answer.create({
          data: {
            assessmentId: a.id,
            respondentId: r.id,
            questionId: 'IO-01',
            value: 'none',
            questionnaireVersion: 1,
            channel: 'msteams',
          },
        });
        const h = await db.prisma.answerHistory.create({
          data: { answerId: answer.id, value: 'none', channel: 'msteams' },
        });
        await db.prisma.answerHistory.update({ where: { id: h.id }, data: { comment: 'first' } });
        expect((await db.prisma.answerHistory.findUnique({ where: { id: h.id } }))?.comment).toBe('first');
        await db.prisma.answerHistory.delete({ where: { id: h.id } });
        expect(await db.prisma.answerHistory.count({ where: { id: h.id } })).toBe(0);
        await db.prisma.assessment.delete({ where: { id: a.id } });
        await db.prisma.respondent.delete({ where: { id: r.id } });
      },
      RoleGrant: async () => {
        const g = await db.prisma.roleGrant.create({
          data: { identityKey: 'aad:t:lead', role: 'lead', municipalityId: 'kiel', grantedBy: 'aad:t:c' },
        });
        await expect(
          db.prisma.roleGrant.create({
            data: { identityKey: 'aad:t:lead', role: 'lead', municipalityId: 'kiel', grantedBy: 'x' },
          }),
        ).rejects.toThrow();
        // NULLS NOT DISTINCT: a coordinator grant (no municipality) exists once.
        await db.prisma.roleGrant.create({
          data: { identityKey: 'aad:t:c', role: 'coordinator', grantedBy: 'config' },
        });
        await expect(
          db.prisma.roleGrant.create({ data: { identityKey: 'aad:t:c', role: 'coordinator', grantedBy: 'config' } }),
        ).rejects.toThrow();
        await db.prisma.roleGrant.update({ where: { id: g.id }, data: { grantedBy: 'aad:t:other' } });
        expect((await db.prisma.roleGrant.findUnique({ where: { id: g.id } }))?.grantedBy).toBe('aad:t:other');
        await db.prisma.roleGrant.deleteMany({ where: { identityKey: { in: ['aad:t:lead', 'aad:t:c'] } } });
        expect(await db.prisma.roleGrant.count()).toBe(0);
      },
      ChannelSubscription: async () => {
        const reference = { serviceUrl: 'http://x/', conversation: { id: '19:c@thread' } };
        const s = await db.prisma.channelSubscription.create({
          data: {
            conversationId: '19:c@thread',
            scope: 'kiel',
            serviceUrl: 'http://x/',
            reference,
            createdBy: 'aad:t:c',
          },
        });
        expect(s.status).toBe('active');
        await expect(
          db.prisma.channelSubscription.create({
            data: { conversationId: '19:c@thread', scope: 'kiel', serviceUrl: 'http://x/', reference, createdBy: 'y' },
          }),
        ).rejects.toThrow();
        await db.prisma.channelSubscription.update({
          where: { id: s.id },
          data: { status: 'stale', staleReason: '403' },
        });
        expect((await db.prisma.channelSubscription.findUnique({ where: { id: s.id } }))?.status).toBe('stale');
        await db.prisma.channelSubscription.delete({ where: { id: s.id } });
      },
      PersonalConversation: async () => {
        const reference = { serviceUrl: 'http://x/', conversation: { id: 'a:1' } };
        await db.prisma.personalConversation.create({
          data: { identityKey: 'aad:t:p', conversationId: 'a:1', serviceUrl: 'http://x/', reference },
        });
        expect(
          (await db.prisma.personalConversation.findUnique({ where: { identityKey: 'aad:t:p' } }))?.remindersEnabled,
        ).toBe(true);
        await db.prisma.personalConversation.update({
          where: { identityKey: 'aad:t:p' },
          data: { remindersEnabled: false },
        });
        await db.prisma.personalConversation.delete({ where: { identityKey: 'aad:t:p' } });
        expect(await db.prisma.personalConversation.count()).toBe(0);
      },
      OutboxEvent: async () => {
        const e = await db.prisma.outboxEvent.create({
          data: { idempotencyKey: 'k-event', kind: 'field_completed', municipalityId: 'kiel', fieldId: 'MS' },
        });
        await expect(
          db.prisma.outboxEvent.create({
            data: { idempotencyKey: 'k-event', kind: 'reminder', municipalityId: 'kiel' },
          }),
        ).rejects.toThrow();
        await db.prisma.outboxEvent.update({ where: { id: e.id }, data: { fieldId: 'IO' } });
        await db.prisma.outboxEvent.delete({ where: { id: e.id } });
        expect(await db.prisma.outboxEvent.count()).toBe(0);
      },
      OutboxDelivery: async () => {
        const e = await db.prisma.outboxEvent.create({
          data: { idempotencyKey: 'k-d', kind: 'assessment_completed', municipalityId: 'kiel' },
        });
        const d = await db.prisma.outboxDelivery.create({
          data: { eventId: e.id, idempotencyKey: 'k-d|1', conversationId: 'c' },
        });
        expect(d).toMatchObject({ state: 'queued', attempts: 0, log: [] });
        await expect(
          db.prisma.outboxDelivery.create({ data: { eventId: e.id, idempotencyKey: 'k-d|1', conversationId: 'c' } }),
        ).rejects.toThrow();
        await db.prisma.outboxDelivery.update({ where: { id: d.id }, data: { state: 'sent', activityId: 'a1' } });
        // Deleting the event takes its deliveries with it.
        await db.prisma.outboxEvent.delete({ where: { id: e.id } });
        expect(await db.prisma.outboxDelivery.count({ where: { id: d.id } })).toBe(0);
      },
      OutboxThrottle: async () => {
        await db.prisma.outboxThrottle.create({ data: { key: 'global', until: new Date() } });
        await db.prisma.outboxThrottle.update({ where: { key: 'global' }, data: { until: new Date(0) } });
        expect((await db.prisma.outboxThrottle.findUnique({ where: { key: 'global' } }))?.until.getTime()).toBe(0);
        await db.prisma.outboxThrottle.delete({ where: { key: 'global' } });
      },
    };
    expect(Object.keys(samples).sort()).toEqual(dmmf.datamodel.models.map((m) => m.name).sort());
    for (const run of Object.values(samples)) await run();
  });
});

describe('the migration applier', () => {
  const migrated = async () => {
    const t = await createTestDatabase();
    return { t, db: await openDatabase(t.target, t.openOptions) };
  };

  it('refuses to start when an applied migration was changed afterwards', async () => {
    const { t, db } = await migrated();
    try {
      const migrations = readMigrations();
      await db.withSession((s) => migrate(s, migrations));
      const edited = migrations.map((m, i) =>
        i === 0 ? { ...m, script: `${m.script}\n-- edited`, checksum: checksumOf(`${m.script}\n-- edited`) } : m,
      );
      await expect(db.withSession((s) => migrate(s, edited))).rejects.toThrow(MigrationError);
      await expect(db.withSession((s) => migrate(s, edited))).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await db.close();
      await t.dispose();
    }
  });

  it('rolls back a failing migration completely and names it', async () => {
    const { t, db } = await migrated();
    try {
      const broken = [
        ...readMigrations(),
        {
          name: '29991231000000_broken',
          script: 'CREATE TABLE ok_part (id int); SELECT * FROM nowhere;',
          checksum: 'x',
        },
      ];
      await expect(db.withSession((s) => migrate(s, broken))).rejects.toThrow(/29991231000000_broken/);
      const tables = await db.withSession((s) =>
        s.query<{ n: string }>(
          "SELECT count(*)::text AS n FROM information_schema.tables WHERE table_name = 'ok_part'",
        ),
      );
      expect(tables[0]?.n).toBe('0');
      const recorded = await db.withSession((s) =>
        s.query('SELECT 1 FROM "_prisma_migrations" WHERE migration_name = \'29991231000000_broken\''),
      );
      expect(recorded).toHaveLength(0);
    } finally {
      await db.close();
      await t.dispose();
    }
  });

  (usingPostgres ? it : it.skip)(
    'two instances migrating at once apply each migration exactly once (advisory lock)',
    async () => {
      const t = await createTestDatabase({ migrated: false });
      const a = await openDatabase(t.target, t.openOptions);
      const b = await openDatabase(t.target, t.openOptions);
      try {
        const [ra, rb] = await Promise.all([a.withSession((s) => migrate(s)), b.withSession((s) => migrate(s))]);
        expect([...ra.applied, ...rb.applied].sort()).toEqual(readMigrations().map((m) => m.name));
        const rows = await a.withSession((s) => s.query('SELECT migration_name FROM "_prisma_migrations"'));
        expect(rows).toHaveLength(readMigrations().length);
      } finally {
        await a.close();
        await b.close();
        await t.dispose();
      }
    },
  );
});
