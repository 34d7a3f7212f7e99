/**
 * What the migration suites share: the Prisma schema as Prisma's own DMMF (the reference the migrated database is
 * compared with), and a database that has not been migrated yet.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { openDatabase, type Database } from '../../src/infrastructure/db/database';
import { migrate } from '../../src/infrastructure/db/migrator';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

export const root = path.resolve(__dirname, '..', '..');
const schemaText = readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8');

export interface DmmfField {
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
export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
  uniqueFields: string[][];
}
export interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
  };
}

// Prisma's DMMF, from the schema engine compiled to WebAssembly (no download needed).
export const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schemaText]] }))) as Dmmf;

/** An empty database: the suites run the migrations themselves. */
export async function fresh(): Promise<{ t: TestDatabase; db: Database }> {
  const t = await createTestDatabase({ migrated: false });
  return { t, db: await openDatabase(t.target, t.openOptions) };
}

/** A fresh database migrated before the suite and disposed after it; call inside `describe`. */
export function migratedDatabase(): () => Database {
  let t: TestDatabase | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    ({ t, db } = await fresh());
    await db.withSession((s) => migrate(s));
  });
  afterAll(async () => {
    await db?.close();
    await t?.dispose();
  });
  return () => {
    if (db === undefined) throw new Error('the database is not migrated yet');
    return db;
  };
}
