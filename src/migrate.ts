// `npm run db:migrate`: applies pending migrations to the configured database and exits (the second entry point beside index.ts).
import { loadConfig } from './config';
import { openDatabase } from './infrastructure/db/database';
import { migrate } from './infrastructure/db/migrator';

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
