/**
 * Ports of the workshop exports: the documents (PDF report, blank questionnaire, CSV, JSON) are rendered
 * outside the services, and their labels come from the export catalog through the composition root, so
 * neither the service nor the renderers depend on src/i18n.
 */
import type {
  AssessmentScore,
  ConsolidatedResult,
  FieldId,
  Locale,
  Questionnaire,
  Recommendation,
} from '../selbstcheck';
import type { Assessment, Municipality } from '../model';
import type { AnswerExportRow } from './exportSource';

/** The consolidated results of a round as the report shows them (what SelfCheckService.overallSummary returns). */
export interface ReportSummary {
  readonly respondents: number;
  readonly consolidated: ConsolidatedResult;
  readonly score: AssessmentScore;
  readonly recommendations: readonly Recommendation[];
}

/** All answers of a round, for CSV and JSON. */
export interface AnswerTable {
  readonly municipality: Municipality;
  readonly assessment: Assessment;
  readonly questionnaire: Questionnaire;
  readonly rows: readonly AnswerExportRow[];
}

export interface ReportInput extends AnswerTable {
  readonly summary: ReportSummary;
  readonly generatedAt: Date;
  readonly locale: Locale;
}

/** Renders export documents; bytes are returned as they are to be served. */
export interface ExportRenderer {
  answersCsv(table: AnswerTable, locale: Locale): string;
  answersJson(table: AnswerTable, locale: Locale): string;
  report(input: ReportInput): Promise<Uint8Array>;
  blankQuestionnaire(q: Questionnaire, fieldId: FieldId, locale: Locale, generatedAt: Date): Promise<Uint8Array>;
}

/** The texts of the export documents in one language (the export catalog provides them). */
export interface ExportDocumentLabels {
  readonly reportTitle: string;
  readonly questionnaireTitle: string;
  readonly generatedAt: string;
  readonly round: string;
  readonly questionnaireVersion: string;
  readonly respondents: string;
  readonly overall: string;
  readonly method: string;
  readonly methodText: string;
  readonly fields: string;
  readonly score: string;
  readonly level: string;
  readonly completeness: string;
  readonly noScore: string;
  readonly divergences: string;
  readonly noDivergences: string;
  readonly knowledgeGaps: string;
  readonly noKnowledgeGaps: string;
  readonly recommendations: string;
  readonly noRecommendations: string;
  readonly questions: string;
  readonly notAnswered: string;
  readonly respondentLabel: (n: number) => string;
  readonly steps: (n: number) => string;
  readonly questionnaireIntro: string;
  readonly commentLine: string;
  readonly page: (n: number) => string;
  readonly csvHeaders: readonly string[];
}

export type ExportLabelsOf = (locale: Locale) => ExportDocumentLabels;
