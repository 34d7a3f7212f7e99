/**
 * CSV (RFC 4180, UTF-8 with BOM so Excel detects the encoding, `;` because German Excel expects it) and JSON
 * of all answers. Respondents appear as role + stable pseudonym, never with their identity key.
 */
import { answerLabel, fieldName, findQuestion, roleLabel, type Locale } from '../../domain/selbstcheck';
import type { AnswerTable, ExportDocumentLabels } from '../../domain/ports';

export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

export interface ExportRecord {
  readonly respondent: string;
  readonly role: string | null;
  readonly municipalityId: string;
  readonly municipality: string;
  readonly round: number;
  readonly questionId: string;
  readonly field: string;
  readonly question: string;
  readonly value: string;
  readonly valueLabel: string;
  readonly comment: string | null;
  readonly questionnaireVersion: number;
  readonly channel: string;
  readonly firstAnsweredAt: string;
  readonly answeredAt: string;
  readonly changes: number;
}

/** Pseudonyms numbered in the order of the rows (the source orders respondents by their first answer). */
export function pseudonyms(rows: readonly { respondentId: string }[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const r of rows) if (!map.has(r.respondentId)) map.set(r.respondentId, map.size + 1);
  return map;
}

/** `texts`: the export catalog's texts in `locale` (passed in: infrastructure does not read catalogs). */
export function exportRecords(t: AnswerTable, locale: Locale, texts: ExportDocumentLabels): ExportRecord[] {
  const order = new Map(t.questionnaire.questions.map((q, i) => [q.id, i]));
  const names = pseudonyms(t.rows);
  const rows = [...t.rows].sort(
    (a, b) =>
      (names.get(a.respondentId) ?? 0) - (names.get(b.respondentId) ?? 0) ||
      (order.get(a.questionId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.questionId) ?? Number.MAX_SAFE_INTEGER),
  );
  return rows.map((r) => {
    const q = findQuestion(t.questionnaire, r.questionId);
    return {
      respondent: texts.respondentLabel(names.get(r.respondentId) ?? 0),
      role: r.role === null ? null : roleLabel(r.role, locale),
      municipalityId: t.municipality.id,
      municipality: t.municipality.name,
      round: t.assessment.round,
      questionId: r.questionId,
      field: q ? fieldName(q.field, locale) : '',
      question: q ? q.text[locale] : '',
      value: r.value,
      valueLabel: answerLabel(r.value, locale),
      comment: r.comment,
      questionnaireVersion: r.questionnaireVersion,
      channel: r.channel,
      firstAnsweredAt: r.firstAnsweredAt.toISOString(),
      answeredAt: r.answeredAt.toISOString(),
      changes: r.changes,
    };
  });
}

/**
 * Spreadsheet programs run cells that start with = + - @ (or tab/CR) as formulas; a leading apostrophe
 * keeps them text (OWASP "CSV injection").
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : neutralizeFormula(value);
  return /[";\r\n,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function answersCsv(t: AnswerTable, locale: Locale, texts: ExportDocumentLabels): string {
  const header = texts.csvHeaders;
  const lines = [header.map(csvCell).join(CSV_SEPARATOR)];
  for (const r of exportRecords(t, locale, texts)) {
    lines.push(
      [
        r.respondent,
        r.role,
        r.municipalityId,
        r.municipality,
        r.round,
        r.questionId,
        r.field,
        r.question,
        r.value,
        r.valueLabel,
        r.comment,
        r.questionnaireVersion,
        r.channel,
        r.firstAnsweredAt,
        r.answeredAt,
        r.changes,
      ]
        .map(csvCell)
        .join(CSV_SEPARATOR),
    );
  }
  return BOM + lines.join('\r\n') + '\r\n';
}

export function answersJson(t: AnswerTable, locale: Locale, texts: ExportDocumentLabels): string {
  return JSON.stringify(
    {
      municipality: { id: t.municipality.id, name: t.municipality.name },
      round: t.assessment.round,
      status: t.assessment.status,
      questionnaireVersion: t.assessment.questionnaireVersion,
      locale,
      answers: exportRecords(t, locale, texts),
    },
    null,
    2,
  );
}
