/**
 * The checks of the personal-data registry as pure functions returning what is wrong, so the suite can show
 * each of them failing on a broken registry as well as passing on the real one.
 */
import type { TableEntry } from '../../src/infrastructure/db/privacyRegistry';

/** A model as the schema describes it: its SQL table and its SQL column names (scalar fields, @map applied). */
export interface SchemaModel {
  readonly model: string;
  readonly table: string;
  readonly columns: readonly string[];
}

/** What is wrong between the registry and the Prisma schema; empty when they agree. */
export function schemaProblems(registry: readonly TableEntry[], models: readonly SchemaModel[]): string[] {
  const problems: string[] = [];
  for (const m of models) {
    const entries = registry.filter((e) => e.model === m.model);
    if (entries.length === 0) problems.push(`model ${m.model} has no registry entry`);
    else if (entries.length > 1) problems.push(`model ${m.model} has ${entries.length} registry entries`);
    for (const e of entries) {
      if (e.table !== m.table) problems.push(`model ${m.model}: registry says table ${e.table}, schema ${m.table}`);
      for (const c of e.personalColumns) {
        if (!m.columns.includes(c)) problems.push(`model ${m.model}: personal column ${c} does not exist`);
      }
    }
  }
  const tables = new Map<string, number>();
  for (const e of registry) {
    if (!models.some((m) => m.model === e.model)) problems.push(`registry entry for unknown model ${e.model}`);
    tables.set(e.table, (tables.get(e.table) ?? 0) + 1);
  }
  for (const [table, n] of tables) if (n > 1) problems.push(`table ${table} is in the registry ${n} times`);
  return problems;
}

/** Classification and columns must agree: nothing personal in 'none' or 'aggregate' tables, something in the others. */
export function classificationProblems(registry: readonly TableEntry[]): string[] {
  const problems: string[] = [];
  for (const e of registry) {
    const n = e.personalColumns.length;
    if ((e.classification === 'none' || e.classification === 'aggregate') && n > 0)
      problems.push(`${e.table} is '${e.classification}' but lists personal columns`);
    if ((e.classification === 'personal' || e.classification === 'pseudonymous') && n === 0)
      problems.push(`${e.table} is '${e.classification}' but lists no personal column`);
    if (new Set(e.personalColumns).size !== n) problems.push(`${e.table} lists a personal column twice`);
    for (const text of [e.purpose, e.retention, e.erasure]) {
      if (text.trim().length === 0 || text.includes('\n')) problems.push(`${e.table}: texts must be one line`);
    }
  }
  return problems;
}

/** Tables of the live database (column lists by table) that the registry does not cover, or columns it invents. */
export function databaseProblems(
  registry: readonly TableEntry[],
  live: ReadonlyMap<string, readonly string[]>,
  ignored: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const [table, columns] of live) {
    if (ignored.includes(table)) continue;
    const entry = registry.find((e) => e.table === table);
    if (entry === undefined) {
      problems.push(`database table ${table} is not in the registry`);
      continue;
    }
    for (const c of entry.personalColumns) {
      if (!columns.includes(c)) problems.push(`database table ${table} has no column ${c}`);
    }
  }
  for (const e of registry) if (!live.has(e.table)) problems.push(`registry table ${e.table} is not in the database`);
  return problems;
}

/** Registry tables that docs/privacy.md does not list (as `table` in a Markdown table row), or lists with another class. */
export function documentProblems(registry: readonly TableEntry[], doc: string): string[] {
  const rows = doc.split('\n').filter((line) => line.trimStart().startsWith('|'));
  const problems: string[] = [];
  for (const e of registry) {
    const listed = rows.filter((row) => row.includes(`\`${e.table}\``));
    if (listed.length === 0) problems.push(`docs/privacy.md does not list ${e.table}`);
    else if (!listed.some((row) => row.startsWith(`| \`${e.table}\` | ${e.classification} |`)))
      problems.push(`docs/privacy.md does not class ${e.table} as ${e.classification}`);
  }
  return problems;
}
