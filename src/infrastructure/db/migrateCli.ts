// `npm run db:migrate`: applies pending migrations to the configured database and exits.
import { loadConfig } from '../../config';
import { openDatabase } from './database';
import { migrate } from './migrator';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    const report = await db.withSession((s) => migrate(s));
    console.log(JSON.stringify({ database: db.kind, ...report }));
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
