/**
 * Workshop exports (PDF report, CSV/JSON of all answers, blank questionnaire) and the short-lived signed
 * download links the bot hands out. Data comes from the domain core via SelfCheckService and the ports;
 * the documents are rendered behind the ExportRenderer port (src/infrastructure/export), and the bot's reply
 * to the export command is built in the bot layer (src/bot/replies/exportReplies.ts) from the data returned here.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { FIELD_IDS, type FieldId, type Locale, type QuestionnaireRegistry } from '../domain/selbstcheck';
import type {
  Assessment,
  Clock,
  ExportRenderer,
  ExportSource,
  Municipality,
  MunicipalityRepository,
} from '../domain/ports';
import type { AccessService } from './accessService';
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

// ---------------------------------------------------------------------------------------------------------
// Signed download links

export interface LinkClaims {
  readonly municipalityId: string;
  readonly format: ExportFormat;
  /** Unix seconds. */
  readonly expiresAt: number;
  /** Identity key of the person the link was issued to; access is checked again on download. */
  readonly issuer: string;
}

export class ExportLinkSigner {
  constructor(
    private readonly secret: string,
    readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    if (secret.length < 32) throw new Error('export link secret must be at least 32 characters');
  }

  private mac(c: LinkClaims): Buffer {
    // Length-prefixed fields so no two claim sets share a MAC input.
    const parts = [c.municipalityId, c.format, String(c.expiresAt), c.issuer].map((p) => `${p.length}:${p}`).join('|');
    return createHmac('sha256', this.secret).update(`export-link-v1|${parts}`).digest();
  }

  issue(municipalityId: string, format: ExportFormat, issuer: string): { claims: LinkClaims; query: string } {
    const claims: LinkClaims = {
      municipalityId,
      format,
      issuer,
      expiresAt: Math.floor(this.clock.now().getTime() / 1000) + this.ttlSeconds,
    };
    const params = new URLSearchParams({
      exp: String(claims.expiresAt),
      iss: Buffer.from(issuer, 'utf8').toString('base64url'),
      sig: this.mac(claims).toString('base64url'),
    });
    return { claims, query: params.toString() };
  }

  /** 'invalid' for missing/tampered parameters (401), 'expired' for an honest but old link (403). */
  verify(
    municipalityId: string,
    format: ExportFormat,
    query: Record<string, unknown>,
  ): { kind: 'ok'; claims: LinkClaims } | { kind: 'invalid' } | { kind: 'expired' } {
    const { exp, iss, sig } = query;
    if (typeof exp !== 'string' || typeof iss !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(exp))
      return { kind: 'invalid' };
    const claims: LinkClaims = {
      municipalityId,
      format,
      expiresAt: Number(exp),
      issuer: Buffer.from(iss, 'base64url').toString('utf8'),
    };
    const expected = this.mac(claims);
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: 'invalid' };
    if (claims.expiresAt * 1000 <= this.clock.now().getTime()) return { kind: 'expired' };
    return { kind: 'ok', claims };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Bot command: `export <Kommune> pdf|csv|json` / `exportieren …` (called by the coordinator command router)

export type ExportLinkResult =
  | {
      readonly kind: 'link';
      readonly url: string;
      readonly municipality: Municipality;
      readonly format: ExportFormat;
      readonly expiresAt: Date;
      readonly ttlMinutes: number;
    }
  | { readonly kind: 'denied' }
  | { readonly kind: 'unknown_municipality' };

export class ExportCommands {
  constructor(
    private readonly deps: {
      readonly access: Pick<AccessService, 'check'>;
      readonly municipalities: Pick<MunicipalityRepository, 'find'>;
      readonly signer: ExportLinkSigner;
    },
  ) {}

  async exportLink(
    identityKey: string,
    municipalityId: string,
    format: ExportFormat,
    baseUrl: string,
    locale: Locale = 'de',
  ): Promise<ExportLinkResult> {
    const decision = await this.deps.access.check(identityKey, 'export', { municipalityId });
    // Denied before looking the municipality up, so a denial reveals nothing about which ones exist.
    if (!decision.allowed) return { kind: 'denied' };
    const municipality = await this.deps.municipalities.find(municipalityId);
    if (municipality === undefined || municipality.demo) return { kind: 'unknown_municipality' };
    const { claims, query } = this.deps.signer.issue(municipality.id, format, identityKey);
    const base = baseUrl.replace(/\/+$/, '');
    const url = `${base}/api/exports/${encodeURIComponent(municipality.id)}/${EXPORT_FILES[format].file}?${query}${locale === 'en' ? '&lang=en' : ''}`;
    return {
      kind: 'link',
      url,
      municipality,
      format,
      expiresAt: new Date(claims.expiresAt * 1000),
      ttlMinutes: Math.round(this.deps.signer.ttlSeconds / 60),
    };
  }
}
