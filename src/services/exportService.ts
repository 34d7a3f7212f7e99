/**
 * Workshop exports (PDF report, CSV/JSON of all answers, blank questionnaire). Data comes from the domain core
 * via SelfCheckService and the ports; the documents are rendered behind the ExportRenderer port
 * (src/infrastructure/export). Who may download, through which link, is decided in exportLinks.ts and
 * downloadService.ts; this file only builds the files.
 */
import { createHash } from 'node:crypto';
import { FIELD_IDS, type FieldId, type Locale, type QuestionnaireRegistry } from '../domain/selbstcheck';
import type {
  Assessment,
  Clock,
  ExportRenderer,
  ExportSource,
  Municipality,
  MunicipalityRepository,
} from '../domain/ports';
import type { OverallSummary, SelfCheckService } from './selfCheckService';

export const EXPORT_FORMATS = ['pdf', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FILES: Readonly<Record<ExportFormat, { file: string; contentType: string }>> = {
  pdf: { file: 'report.pdf', contentType: 'application/pdf' },
  csv: { file: 'answers.csv', contentType: 'text/csv; charset=utf-8' },
  json: { file: 'answers.json', contentType: 'application/json; charset=utf-8' },
};

export interface ExportFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly fileName: string;
}

/** A public file that is the same for everyone: cacheable, with a strong ETag (hash of the body). */
export interface PublicExportFile extends ExportFile {
  readonly etag: string;
}

export interface ExportServiceDeps {
  readonly selfCheck: Pick<SelfCheckService, 'overallSummary'>;
  readonly source: ExportSource;
  readonly municipalities: Pick<MunicipalityRepository, 'find'>;
  readonly registry: QuestionnaireRegistry;
  readonly clock: Clock;
  readonly renderer: ExportRenderer;
}

/** The blank questionnaire's PDF dates: fixed, so every instance renders the same bytes and the same ETag. */
const BLANK_QUESTIONNAIRE_DATE = new Date('2026-01-01T00:00:00Z');
/** 7 fields × 2 languages × a few questionnaire versions; the registry is fixed per release, so this is a safety bound. */
const MAX_BLANK_QUESTIONNAIRES = FIELD_IDS.length * 2 * 4;

export type ExportResult =
  | { readonly kind: 'ok'; readonly file: ExportFile }
  | { readonly kind: 'not_found'; readonly what: 'municipality' | 'assessment' };

export class ExportService {
  /** Rendered blank questionnaires by version, field and language; the promise, so concurrent first requests render once. */
  private readonly blanks = new Map<string, Promise<PublicExportFile>>();
  constructor(private readonly deps: ExportServiceDeps) {}

  /** Everything an export of a municipality's newest round needs, or why there is nothing. */
  async load(municipalityId: string): Promise<
    | {
        kind: 'ok';
        municipality: Municipality;
        assessment: Assessment;
        summary: OverallSummary;
        rows: Awaited<ReturnType<ExportSource['answerRows']>>;
      }
    | { kind: 'not_found'; what: 'municipality' | 'assessment' }
  > {
    const municipality = await this.deps.municipalities.find(municipalityId);
    // The demo is never exported: refused exactly like a municipality that does not exist.
    if (municipality === undefined || municipality.demo) return { kind: 'not_found', what: 'municipality' };
    const assessment = await this.deps.source.latestAssessment(municipalityId);
    if (assessment === undefined) return { kind: 'not_found', what: 'assessment' };
    const [summary, rows] = await Promise.all([
      this.deps.selfCheck.overallSummary(assessment),
      this.deps.source.answerRows(assessment.id),
    ]);
    return { kind: 'ok', municipality, assessment, summary, rows };
  }

  async export(municipalityId: string, format: ExportFormat, locale: Locale): Promise<ExportResult> {
    const data = await this.load(municipalityId);
    if (data.kind !== 'ok') return data;
    const questionnaire = this.deps.registry.getQuestionnaire(data.assessment.questionnaireVersion);
    const table = { municipality: data.municipality, assessment: data.assessment, questionnaire, rows: data.rows };
    const base = `${data.municipality.id}-runde-${data.assessment.round}`;
    const { contentType } = EXPORT_FILES[format];
    const { renderer } = this.deps;
    if (format === 'csv')
      return ok(Buffer.from(renderer.answersCsv(table, locale), 'utf8'), contentType, `${base}-antworten.csv`);
    if (format === 'json')
      return ok(Buffer.from(renderer.answersJson(table, locale), 'utf8'), contentType, `${base}-antworten.json`);
    const body = await renderer.report({ ...table, summary: data.summary, generatedAt: this.deps.clock.now(), locale });
    return ok(asBuffer(body), contentType, `${base}-bericht.pdf`);
  }

  /**
   * Public: contains no answers. Rendering costs 40–90 ms of CPU, so each (version, field, language) is
   * rendered once per process and then served from memory.
   */
  blankQuestionnaire(fieldId: FieldId, locale: Locale): Promise<PublicExportFile> {
    const versions = this.deps.registry.questionnaireVersions();
    const version = versions[versions.length - 1] ?? 1;
    const key = `${version}:${fieldId}:${locale}`;
    const cached = this.blanks.get(key);
    if (cached) return cached;
    if (this.blanks.size >= MAX_BLANK_QUESTIONNAIRES) this.blanks.clear();
    const rendered = this.deps.renderer.blankQuestionnaire(
      this.deps.registry.getQuestionnaire(version),
      fieldId,
      locale,
      BLANK_QUESTIONNAIRE_DATE,
    );
    const file = rendered.then(asBuffer).then((body) => ({
      body,
      contentType: 'application/pdf',
      fileName: `fragebogen-${fieldId}.pdf`,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    }));
    this.blanks.set(key, file);
    // A failed render is not kept: the next request tries again.
    file.catch(() => this.blanks.delete(key));
    return file;
  }
}

/** The renderer port speaks Uint8Array; the HTTP layer sends Buffers. No copy: a view of the same bytes. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function ok(body: Buffer, contentType: string, fileName: string): ExportResult {
  return { kind: 'ok', file: { body, contentType, fileName } };
}

export function isFieldId(value: string): value is FieldId {
  return (FIELD_IDS as readonly string[]).includes(value);
}

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}
