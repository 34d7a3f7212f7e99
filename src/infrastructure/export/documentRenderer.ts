/** The export documents behind the ExportRenderer port: pdfkit for PDF, hand-written CSV and JSON. */
import type { ExportLabelsOf, ExportRenderer } from '../../domain/ports';
import { renderBlankQuestionnaire, renderReport } from './pdfReport';
import { answersCsv, answersJson } from './tabular';

/** `labelsOf`: the export catalog, handed in by the composition root. A plain object, so tests can replace one method. */
export function documentExportRenderer(labelsOf: ExportLabelsOf): ExportRenderer {
  return {
    answersCsv: (table, locale) => answersCsv(table, locale, labelsOf(locale)),
    answersJson: (table, locale) => answersJson(table, locale, labelsOf(locale)),
    report: (input) => renderReport(input, labelsOf(input.locale)),
    blankQuestionnaire: (q, fieldId, locale, generatedAt) =>
      renderBlankQuestionnaire(q, fieldId, locale, generatedAt, labelsOf(locale)),
  };
}
