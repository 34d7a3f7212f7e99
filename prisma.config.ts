// Used by the Prisma CLI on a connected host (`prisma migrate deploy`); the service itself
// reads its database settings from src/config.ts.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/weltoffen' },
});
