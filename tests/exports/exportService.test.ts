import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIELD_IDS, consolidate, defaultRegistry, fieldName, scoreAssessment } from '../../src/domain/selbstcheck';
import type { Database } from '../../src/infrastructure/db/database';
import { PrismaAnswerRepository } from '../../src/infrastructure/repositories/prismaAnswerRepository';
import { csvCell, neutralizeFormula } from '../../src/infrastructure/export/tabular';
import { exportTexts } from '../../src/i18n/exportCatalog';
import { openMigratedTestDatabase } from '../support/testDatabase';
import { MUNICIPALITY, MUNICIPALITY_NAME, RESPONDENT_KEYS, seedMunicipality, services } from './seed';

/** Where the generated files are kept for a look (pdftoppm) after the run. */
export const OUT_DIR = path.join(os.tmpdir(), 'weltoffen-exports');

function pdfText(pdf: Buffer, name: string): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, name);
  writeFileSync(file, pdf);
  // poppler-utils (pdftotext) is a Debian package; .ci/run installs it.
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** Minimal RFC 4180 parser for the test (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string, sep = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe('CSV cells', () => {
  it('neutralises formulas and quotes per RFC 4180', () => {
    for (const f of ['=1+1', '+49 331', '-3', '@SUM(A1)', '\tx'])
      expect(neutralizeFormula(f).startsWith("'")).toBe(true);
    expect(neutralizeFormula('Bürgerbüro')).toBe('Bürgerbüro');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('er sagte "ja"')).toBe('"er sagte ""ja"""');
    expect(csvCell('zwei\nZeilen')).toBe('"zwei\nZeilen"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-3)).toBe('-3'); // numbers we write ourselves are not formulas
  });
});

describe('ExportService on the database', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let assessmentId: string;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedTestDatabase());
    ({ assessmentId } = await seedMunicipality(db));
  }, 60_000);
  afterAll(async () => dispose());

  it('writes one CSV row per respondent and question with the documented columns, BOM and no identity keys', async () => {
    const { exports } = services(db);
    const result = await exports.export(MUNICIPALITY, 'csv', 'de');
    if (result.kind !== 'ok') throw new Error(result.kind);
    const text = result.file.body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(exportTexts('de').csvHeaders);
    const data = rows.slice(1);
    const stored = await db.prisma.answer.count({ where: { assessmentId } });
    expect(data).toHaveLength(stored);
    expect(data.every((r) => r.length === rows.at(0)!.length)).toBe(true);
    expect(new Set(data.map((r) => r[0]))).toEqual(new Set(['Befragte 1', 'Befragte 2', 'Befragte 3']));
    for (const key of RESPONDENT_KEYS) expect(text).not.toContain(key);
    const ids = await db.prisma.respondent.findMany({ select: { id: true } });
    for (const { id } of ids) expect(text).not.toContain(id);
    expect(data.at(0)![3]).toBe(MUNICIPALITY_NAME); // umlaut survives
    const ms01 = data.find((r) => r[0] === 'Befragte 1' && r[5] === 'MS-01')!;
    expect(ms01[1]).toBe('Integrationsbeauftragte*r / Flüchtlingskoordination');
    expect(ms01.at(10)!.startsWith("'=HYPERLINK")).toBe(true);
    const ms02 = data.find((r) => r[0] === 'Befragte 1' && r[5] === 'MS-02')!;
    expect(ms02[8]).toBe('none');
    expect(ms02[15]).toBe('1'); // changed once
    expect(data.find((r) => r[0] === 'Befragte 2')![12]).toBe('webchat');
    expect(new Date(ms02.at(13)!).getTime()).toBeLessThanOrEqual(new Date(ms02.at(14)!).getTime());
  });

  it('JSON carries the same records in English', async () => {
    const { exports } = services(db);
    const result = await exports.export(MUNICIPALITY, 'json', 'en');
    if (result.kind !== 'ok') throw new Error(result.kind);
    const json = JSON.parse(result.file.body.toString('utf8')) as {
      municipality: { name: string };
      answers: { respondent: string; field: string; comment: string | null }[];
    };
    expect(json.municipality.name).toBe(MUNICIPALITY_NAME);
    expect(json.answers).toHaveLength(await db.prisma.answer.count({ where: { assessmentId } }));
    expect(json.answers.at(0)!.respondent).toBe('Respondent 1');
    expect(json.answers.at(0)!.field).toBe(fieldName('MS', 'en'));
  });

  it.each(['de', 'en'] as const)(
    'PDF report (%s) names the municipality, the seven fields and the domain core scores',
    async (locale) => {
      const { exports } = services(db);
      const started = performance.now();
      const result = await exports.export(MUNICIPALITY, 'pdf', locale);
      const ms = performance.now() - started;
      if (result.kind !== 'ok') throw new Error(result.kind);
      expect(result.file.body.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(result.file.body, `report-${locale}.pdf`);
      expect(text).toContain(MUNICIPALITY_NAME);
      for (const f of FIELD_IDS) expect(text).toContain(fieldName(f, locale));
      const q = defaultRegistry.getQuestionnaire(1);
      const sets = await new PrismaAnswerRepository(db.prisma).answersOfAll(assessmentId);
      const score = scoreAssessment(q, consolidate(q, sets).answers);
      const fmt = (n: number) => n.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
      for (const f of score.fields) {
        expect(f.score).not.toBeNull();
        expect(text).toContain(`${fieldName(f.fieldId, locale)} ${exportTexts(locale).score}: ${fmt(f.score!)}`);
      }
      expect(text).toContain(`${exportTexts(locale).overall}: ${fmt(score.overall.score!)}`);
      expect(text).toContain(exportTexts(locale).divergences);
      for (const key of RESPONDENT_KEYS) expect(text).not.toContain(key);
      console.log(`report ${locale}: ${result.file.body.length} bytes in ${ms.toFixed(0)} ms`);
    },
  );

  it('blank questionnaire lists every question of the field and no answers', async () => {
    const { exports } = services(db);
    const file = await exports.blankQuestionnaire('FZ', 'de');
    const text = pdfText(file.body, 'questionnaire-FZ.pdf');
    const q = defaultRegistry.getQuestionnaire(1);
    for (const question of q.questions.filter((x) => x.field === 'FZ')) expect(text).toContain(question.id);
    expect(text).toContain('Vollständig umgesetzt');
    expect(text).not.toContain(MUNICIPALITY_NAME);
  });

  it('answers not_found for an unknown municipality and one without a round', async () => {
    const { exports } = services(db);
    expect(await exports.export('atlantis', 'csv', 'de')).toEqual({ kind: 'not_found', what: 'municipality' });
    expect(await exports.export('bochum', 'csv', 'de')).toEqual({ kind: 'not_found', what: 'assessment' });
  });
});
