/**
 * Downloads of personal files, whichever way they are asked for: an opaque link's token (the /download/ page
 * posts it) or the dashboard's bearer token. Either way access is decided now, with the identity of the person
 * the link was issued to or who is signed in — a role revoked after a link was issued stops the link — and
 * every delivered file is recorded in the audit trail first: when recording fails, nothing is delivered.
 */
import type { Locale } from '../domain/selbstcheck';
import type { AuditLog } from '../domain/ports/audit';
import type { Clock } from '../domain/ports/clock';
import { isDownloadToken, type DownloadLinkStore, type RedeemedLink } from '../domain/ports/downloads';
import type { AccessService } from './accessService';
import { isExportFormat, type ExportFile, type ExportFormat, type ExportService } from './exportService';

export type DownloadResult =
  | { readonly kind: 'ok'; readonly file: ExportFile }
  /** Not a token's shape: refused before any database work. */
  | { readonly kind: 'malformed' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'used' }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'not_found'; readonly what: 'municipality' | 'assessment' };

/** How the file was asked for, as the audit trail records it. */
export type DownloadVia = 'link' | 'dashboard';

/** Builds the file of a redeemed link of another purpose (the privacy work's "my data"); records its own audit. */
export type DownloadProducer = (link: RedeemedLink) => Promise<DownloadResult>;

export interface DownloadServiceDeps {
  readonly links: Pick<DownloadLinkStore, 'redeem'>;
  readonly access: Pick<AccessService, 'check'>;
  readonly exports: Pick<ExportService, 'export'>;
  readonly audit: Pick<AuditLog, 'record'>;
  readonly clock: Clock;
  /** The "my data" download, once it exists; until then such a link is answered like an unknown one. */
  readonly myData?: DownloadProducer;
}

export class DownloadService {
  constructor(private readonly deps: DownloadServiceDeps) {}

  /**
   * Redeems a link's token: counts the use (atomically, before the file is built, so a replay racing the first
   * download is refused), then checks access with the issuer's identity and delivers. A use is spent also when
   * the file then cannot be delivered: a link never works twice.
   */
  async redeem(token: unknown): Promise<DownloadResult> {
    if (!isDownloadToken(token)) return { kind: 'malformed' };
    const redeemed = await this.deps.links.redeem(token, this.deps.clock.now());
    if (redeemed.kind !== 'ok') return redeemed;
    const { link } = redeemed;
    if (link.purpose === 'my_data') return this.deps.myData ? this.deps.myData(link) : { kind: 'unknown' };
    // A row this release did not write (another format, no municipality) opens nothing.
    if (link.municipalityId === null || !isExportFormat(link.format)) return { kind: 'unknown' };
    return this.deliverExport(
      link.issuer,
      link.municipalityId,
      link.format,
      link.locale === 'en' ? 'en' : 'de',
      'link',
    );
  }

  /** The dashboard's download: `identityKey` comes from a verified bearer token. */
  exportWithBearer(
    identityKey: string,
    municipalityId: string,
    format: ExportFormat,
    locale: Locale,
  ): Promise<DownloadResult> {
    return this.deliverExport(identityKey, municipalityId, format, locale, 'dashboard');
  }

  private async deliverExport(
    identityKey: string,
    municipalityId: string,
    format: ExportFormat,
    locale: Locale,
    via: DownloadVia,
  ): Promise<DownloadResult> {
    const decision = await this.deps.access.check(identityKey, 'export', { municipalityId });
    if (!decision.allowed) return { kind: 'forbidden' };
    const result = await this.deps.exports.export(municipalityId, format, locale);
    if (result.kind !== 'ok') return result;
    // Throws when the trail cannot be written; the caller then answers 500 and the file is not sent.
    await this.deps.audit.record({
      action: 'export_downloaded',
      actor: identityKey,
      municipalityId,
      detail: { format, via },
    });
    return { kind: 'ok', file: result.file };
  }
}
