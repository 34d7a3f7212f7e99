import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readMigrations } from '../../src/infrastructure/db/migrator';

/** Where globalSetup keeps a migrated PGlite database; the name changes whenever a migration does. */
export function snapshotPath(): string {
  const hash = createHash('sha256');
  for (const m of readMigrations()) hash.update(m.name).update(m.checksum);
  return path.join(tmpdir(), `weltoffen-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}
