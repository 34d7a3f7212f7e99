/**
 * The registry of personal data covers every model of prisma/schema.prisma and every table of the migrated
 * database, with columns that exist — so a new model fails here until someone decides how it is kept, erased
 * and exported. Each check is also run on a broken registry to show it can fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SqlSession } from '../../src/infrastructure/db/database';
import { PRIVACY_REGISTRY, registryEntry, type TableEntry } from '../../src/infrastructure/db/privacyRegistry';
import { dmmf, migratedDatabase, root } from '../infrastructure/migrationsSupport';
import { usingPostgres } from '../support/testDatabase';
import {
  classificationProblems,
  databaseProblems,
  documentProblems,
  schemaProblems,
  type SchemaModel,
} from './registryChecks';

// Prisma's own parse of the schema (the same DMMF the migration suite compares the database with).
const models: SchemaModel[] = dmmf.datamodel.models.map((m) => ({
  model: m.name,
  table: m.dbName ?? m.name,
  columns: m.fields.filter((f) => f.kind !== 'object').map((f) => f.dbName ?? f.name),
}));

const MIGRATIONS_TABLE = '_prisma_migrations';
const doc = readFileSync(path.join(root, 'docs', 'privacy.md'), 'utf8');

function entryOf(table: string): TableEntry {
  const e = registryEntry(table);
  if (e === undefined) throw new Error(`no entry for ${table}`);
  return e;
}

function without(table: string): TableEntry[] {
  return PRIVACY_REGISTRY.filter((e) => e.table !== table);
}

function replaced(table: string, change: Partial<TableEntry>): TableEntry[] {
  return PRIVACY_REGISTRY.map((e) => (e.table === table ? { ...e, ...change } : e));
}

describe('registry of personal data against prisma/schema.prisma', () => {
  it('reads the schema: models with their @@map tables and @map columns', () => {
    expect(models.length).toBeGreaterThanOrEqual(20);
    expect(models.find((m) => m.model === 'Respondent')).toMatchObject({ table: 'respondent' });
    expect(models.find((m) => m.model === 'Respondent')?.columns).toEqual(
      expect.arrayContaining(['identity_key', 'municipality_id', 'member_no']),
    );
    // Relation fields are not columns.
    expect(models.find((m) => m.model === 'Respondent')?.columns).not.toContain('answers');
  });

  it('classifies every model exactly once, with the right table and existing columns', () => {
    expect(schemaProblems(PRIVACY_REGISTRY, models)).toEqual([]);
    expect(PRIVACY_REGISTRY).toHaveLength(models.length);
  });

  it('agrees classification and columns: none and aggregate list no personal column, personal at least one', () => {
    expect(classificationProblems(PRIVACY_REGISTRY)).toEqual([]);
  });

  it('finds entries by table name', () => {
    expect(entryOf('respondent').model).toBe('Respondent');
    expect(entryOf('audit_event').classification).toBe('pseudonymous');
    expect(registryEntry('_prisma_migrations')).toBeUndefined();
    expect(registryEntry('no_such_table')).toBeUndefined();
  });

  it('fails for a model without an entry, a wrong table, an unknown column, an unknown model, a duplicate', () => {
    expect(schemaProblems(without('answer_history'), models)).toEqual(['model AnswerHistory has no registry entry']);
    expect(schemaProblems(replaced('respondent', { table: 'respondents' }), models)).toEqual([
      'model Respondent: registry says table respondents, schema respondent',
    ]);
    expect(
      schemaProblems(replaced('respondent', { personalColumns: ['identity_key', 'identityKey'] }), models),
    ).toEqual(['model Respondent: personal column identityKey does not exist']);
    const ghost: TableEntry = { ...entryOf('resume_code'), model: 'WebChatTranscript', table: 'web_chat_transcript' };
    expect(schemaProblems([...PRIVACY_REGISTRY, ghost], models)).toEqual([
      'registry entry for unknown model WebChatTranscript',
    ]);
    expect(schemaProblems([...PRIVACY_REGISTRY, entryOf('invitation')], models)).toEqual([
      'model Invitation has 2 registry entries',
      'table invitation is in the registry 2 times',
    ]);
    // A model added to the schema without a classification.
    const added: SchemaModel = { model: 'Application', table: 'application', columns: ['id', 'identity_key'] };
    expect(schemaProblems(PRIVACY_REGISTRY, [...models, added])).toEqual(['model Application has no registry entry']);
  });

  it('fails for personal columns in a none table and for a personal table without any', () => {
    expect(classificationProblems(replaced('municipality', { personalColumns: ['name'] }))).toEqual([
      "municipality is 'none' but lists personal columns",
    ]);
    expect(classificationProblems(replaced('round_snapshot', { personalColumns: ['answers'] }))).toEqual([
      "round_snapshot is 'aggregate' but lists personal columns",
    ]);
    expect(classificationProblems(replaced('resume_code', { personalColumns: [] }))).toEqual([
      "resume_code is 'personal' but lists no personal column",
    ]);
    expect(classificationProblems(replaced('audit_event', { personalColumns: [] }))).toEqual([
      "audit_event is 'pseudonymous' but lists no personal column",
    ]);
  });
});

describe(`registry of personal data against the migrated database on ${usingPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  const db = migratedDatabase();

  async function liveColumns(): Promise<Map<string, string[]>> {
    const rows = await db().withSession((s: SqlSession) =>
      s.query<{ table_name: string; column_name: string }>(
        'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()',
      ),
    );
    const byTable = new Map<string, string[]>();
    for (const r of rows) byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), r.column_name]);
    return byTable;
  }

  it('covers every table of the public schema but the migrations bookkeeping', async () => {
    const live = await liveColumns();
    expect(live.has(MIGRATIONS_TABLE)).toBe(true);
    expect(live.size - 1).toBe(PRIVACY_REGISTRY.length);
    expect(databaseProblems(PRIVACY_REGISTRY, live, [MIGRATIONS_TABLE])).toEqual([]);
  });

  it('fails for a table the registry misses, a column the table lacks, a table that is gone', async () => {
    const live = await liveColumns();
    expect(databaseProblems(without('download_link'), live, [MIGRATIONS_TABLE])).toEqual([
      'database table download_link is not in the registry',
    ]);
    expect(databaseProblems(PRIVACY_REGISTRY, live, [])).toEqual([
      'database table _prisma_migrations is not in the registry',
    ]);
    expect(
      databaseProblems(replaced('bot_state', { personalColumns: ['key', 'display_name'] }), live, [MIGRATIONS_TABLE]),
    ).toEqual(['database table bot_state has no column display_name']);
    const gone = new Map(live);
    gone.delete('outbox_throttle');
    expect(databaseProblems(PRIVACY_REGISTRY, gone, [MIGRATIONS_TABLE])).toEqual([
      'registry table outbox_throttle is not in the database',
    ]);
  });
});

describe('docs/privacy.md', () => {
  it('lists every table of the registry in its table, with its class', () => {
    expect(documentProblems(PRIVACY_REGISTRY, doc)).toEqual([]);
  });

  it('fails for a registry table the document does not list', () => {
    const extra: TableEntry = { ...entryOf('resume_code'), model: 'Application', table: 'application' };
    expect(documentProblems([...PRIVACY_REGISTRY, extra], doc)).toEqual(['docs/privacy.md does not list application']);
    expect(documentProblems(replaced('answer', { classification: 'pseudonymous' }), doc)).toEqual([
      'docs/privacy.md does not class answer as pseudonymous',
    ]);
    // A mention in prose is not a listing.
    expect(documentProblems(PRIVACY_REGISTRY, doc.replace(/^\|.*`bot_state`.*$/gm, 'see `bot_state`'))).toEqual([
      'docs/privacy.md does not list bot_state',
    ]);
  });
});
