#!/usr/bin/env node
// Generates the Prisma client offline. The Prisma CLI downloads a schema-engine binary
// at start unless PRISMA_SCHEMA_ENGINE_BINARY names an existing executable; `generate`
// never uses that engine, so any executable will do (see docs/database.md).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const cli = path.join(__dirname, '..', 'node_modules', 'prisma', 'build', 'index.js');
const schema = path.join(__dirname, '..', 'prisma', 'schema.prisma');
if (!require('node:fs').existsSync(cli) || !require('node:fs').existsSync(schema)) {
  // A production install ships the client already compiled in dist/ and no schema.
  console.log('prisma CLI or schema not present; skipping client generation');
  process.exit(0);
}
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schema], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
