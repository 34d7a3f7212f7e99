/**
 * The bot command `export <Kommune> pdf|csv|json` / `exportieren …`: in a personal chat an opaque download link
 * (`<PUBLIC_BASE_URL>/download/#<token>`: nothing personal in it, the token after '#' so it never reaches a
 * server log, a proxy or a Referer header), in a channel or group chat no link at all but the municipality in
 * the dashboard — a bearer link posted there would let everyone in the conversation download the answers.
 * Returns data; the bot layer words it (src/bot/replies/exportReplies.ts).
 */
import type { Locale } from '../domain/selbstcheck';
import type { AuditLog } from '../domain/ports/audit';
import type { Clock } from '../domain/ports/clock';
import type { DownloadLinkGrant, DownloadLinkStore } from '../domain/ports/downloads';
import type { Municipality, MunicipalityRepository } from '../domain/ports';
import type { AccessService } from './accessService';
import type { DashboardLink } from './dashboardLinks';
import type { ExportFormat } from './exportService';

/** Issue #16: a link may live at most 15 minutes; the configuration refuses more, and this bound holds anyway. */
export const MAX_EXPORT_LINK_TTL_SECONDS = 15 * 60;

/**
 * How long an expired link's row is kept: within this time its holder hears "expired, ask for a new link"
 * rather than "not valid"; afterwards the row (with the issuer's identity key) is gone.
 */
export const EXPIRED_LINK_KEPT_MS = 60 * 60_000;

/** Where the command was typed: a 1:1 chat, a conversation several people share, or another channel (web chat). */
export type CommandPlace = 'personal' | 'channel' | 'other';

export type ExportLinkResult =
  | {
      readonly kind: 'link';
      readonly url: string;
      readonly municipality: Municipality;
      readonly format: ExportFormat;
      readonly expiresAt: Date;
      readonly ttlMinutes: number;
    }
  | {
      /** Shared conversation: the dashboard view of the municipality, where each person downloads as themselves. */
      readonly kind: 'dashboard';
      readonly url: string;
      readonly municipality: Municipality;
      readonly format: ExportFormat;
    }
  | { readonly kind: 'denied' }
  | { readonly kind: 'unknown_municipality' };

export interface ExportCommandsDeps {
  readonly access: Pick<AccessService, 'check'>;
  readonly municipalities: Pick<MunicipalityRepository, 'find'>;
  readonly links: Pick<DownloadLinkStore, 'issue'>;
  readonly audit: Pick<AuditLog, 'record'>;
  readonly dashboardLink: DashboardLink;
  readonly clock: Clock;
  readonly ttlSeconds: number;
  /** Where people's browsers reach this service (PUBLIC_BASE_URL). */
  readonly publicBaseUrl: string;
}

/** A link as handed out: the URL (token after '#'), when it expires, its lifetime in whole minutes. */
export interface OpaqueLink {
  readonly url: string;
  readonly expiresAt: Date;
  readonly ttlMinutes: number;
}

/**
 * Issues a single-use link of the link store (exports, `meine daten`): lifetime from now, expired rows older than
 * EXPIRED_LINK_KEPT_MS swept on the way, the URL on the public address with the token after '#'.
 */
export async function issueOpaqueLink(
  deps: {
    readonly links: Pick<DownloadLinkStore, 'issue'>;
    readonly clock: Clock;
    readonly publicBaseUrl: string;
  },
  ttlSeconds: number,
  grant: Omit<DownloadLinkGrant, 'expiresAt' | 'maxUses'>,
): Promise<OpaqueLink> {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  const { token } = await deps.links.issue(
    { ...grant, expiresAt, maxUses: 1 },
    new Date(now.getTime() - EXPIRED_LINK_KEPT_MS),
  );
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  return { url: `${base}/download/#${token}`, expiresAt, ttlMinutes: Math.max(1, Math.round(ttlSeconds / 60)) };
}

export class ExportCommands {
  private readonly ttlSeconds: number;

  constructor(private readonly deps: ExportCommandsDeps) {
    this.ttlSeconds = Math.max(1, Math.min(deps.ttlSeconds, MAX_EXPORT_LINK_TTL_SECONDS));
  }

  async exportLink(
    identityKey: string,
    municipalityId: string,
    format: ExportFormat,
    options: { readonly locale: Locale; readonly place: CommandPlace },
  ): Promise<ExportLinkResult> {
    const decision = await this.deps.access.check(identityKey, 'export', { municipalityId });
    // Denied before looking the municipality up, so a denial reveals nothing about which ones exist.
    if (!decision.allowed) return { kind: 'denied' };
    const municipality = await this.deps.municipalities.find(municipalityId);
    if (municipality === undefined || municipality.demo) return { kind: 'unknown_municipality' };

    const via = options.place === 'channel' ? 'dashboard' : 'link';
    // Recorded before the link exists: should the link then fail, the trail says one issue too many, never one too few.
    await this.deps.audit.record({
      action: 'export_issued',
      actor: identityKey,
      municipalityId: municipality.id,
      detail: { format, via },
    });
    if (via === 'dashboard')
      return { kind: 'dashboard', url: this.deps.dashboardLink(municipality.id), municipality, format };

    const link = await issueOpaqueLink(this.deps, this.ttlSeconds, {
      purpose: 'export',
      issuer: identityKey,
      municipalityId: municipality.id,
      format,
      locale: options.locale,
    });
    return { kind: 'link', ...link, municipality, format };
  }
}
