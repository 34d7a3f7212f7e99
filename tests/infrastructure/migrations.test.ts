/** The migrated database matches the Prisma schema; the applier refuses edited migrations and rolls back failing ones. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type SqlSession } from '../../src/infrastructure/db/database';
import {
  MigrationError,
  checksumOf,
  migrate,
  pendingMigrations,
  readMigrations,
} from '../../src/infrastructure/db/migrator';
import { createTestDatabase, usingPostgres } from '../support/testDatabase';
import { dmmf, migratedDatabase, root } from './migrationsSupport';

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

describe(`migrations on ${usingPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  const db = migratedDatabase();

  const q = <R>(sql: string, params?: unknown[]) => db().withSession((s: SqlSession) => s.query<R>(sql, params));

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
    expect(await db().withSession((s) => pendingMigrations(s))).toEqual([]);
  });

  it('is idempotent: a second run applies nothing', async () => {
    const report = await db().withSession((s) => migrate(s));
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
