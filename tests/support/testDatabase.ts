import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/config';
import { openDatabase, type Database, type OpenOptions } from '../../src/infrastructure/db/database';
import { snapshotPath } from './snapshot';

/** PostgreSQL when TEST_DATABASE_URL is set (CI runs the suite both ways), else in-memory PGlite. */
export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

export interface TestDatabase {
  target: DatabaseTarget;
  openOptions: OpenOptions;
  /** Drops the per-test PostgreSQL database; nothing to do for PGlite. A property, so it can be destructured. */
  dispose: () => Promise<void>;
}

/**
 * A fresh, isolated database. PGlite starts from the migrated snapshot written by globalSetup
 * (0.4 s instead of ~2 s); PostgreSQL gets a new database that the service migrates on start.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const file = snapshotPath();
    const openOptions: OpenOptions =
      migrated && existsSync(file) ? { pgliteSnapshot: new Blob([readFileSync(file)]) } : {};
    return { target: { kind: 'pglite', dataDir: undefined }, openOptions, dispose: () => Promise.resolve() };
  }
  const name = `wb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: dbUrl.toString() },
    openOptions: { poolSize: 5 },
    dispose: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Opens a fresh database and applies the migrations (tests that use the database without the service). */
export async function openMigratedTestDatabase(): Promise<{ db: Database; dispose: () => Promise<void> }> {
  const { migrate } = await import('../../src/infrastructure/db/migrator');
  const t = await createTestDatabase();
  const db = await openDatabase(t.target, t.openOptions);
  await db.withSession((s) => migrate(s));
  return {
    db,
    dispose: async () => {
      await db.close();
      await t.dispose();
    },
  };
}
