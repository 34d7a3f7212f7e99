import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../../src/infrastructure/db/database';
import { migrate } from '../../src/infrastructure/db/migrator';
import { snapshotPath } from './snapshot';

/** Migrates one in-memory PGlite database and saves it, so each test opens a copy in ~0.4 s. */
export default async function globalSetup(): Promise<void> {
  const file = snapshotPath();
  if (existsSync(file)) return;
  const db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  try {
    await db.withSession((s) => migrate(s));
    const dump = await db.withSession(async () => dumpOf(db));
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
  } finally {
    await db.close();
  }
}

async function dumpOf(db: Awaited<ReturnType<typeof openDatabase>>): Promise<Blob> {
  if (!db.pglite) throw new Error('expected a PGlite database');
  return db.pglite.dumpDataDir('none');
}
