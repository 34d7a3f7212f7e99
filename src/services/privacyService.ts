/**
 * A person's rights over their own data (issue #17), as use cases: a single-use link to everything stored
 * about them (`meine daten`), what an erasure would do, and the erasure itself. Identity comes from the turn
 * (or, for a download, from the link's issuer, recorded when the person asked in chat); the service never
 * takes a person's identity from anything the person typed. Returns data; the bot words it.
 */
import type { Clock } from '../domain/ports/clock';
import type { DownloadLinkStore, RedeemedLink } from '../domain/ports/downloads';
import type { ErasurePreview, ErasureReport, PersonRef, PersonalDataStore } from '../domain/ports/privacy';
import type { DownloadResult } from './downloadService';
import { EXPIRED_LINK_KEPT_MS, MAX_EXPORT_LINK_TTL_SECONDS } from './exportLinks';

export interface MyDataLink {
  readonly url: string;
  readonly expiresAt: Date;
  readonly ttlMinutes: number;
}

export interface PrivacyServiceDeps {
  readonly store: PersonalDataStore;
  readonly links: Pick<DownloadLinkStore, 'issue'>;
  readonly clock: Clock;
  /** Lifetime of the link (the export links' setting, at most 15 minutes). */
  readonly ttlSeconds: number;
  /** Where people's browsers reach this service (PUBLIC_BASE_URL). */
  readonly publicBaseUrl: string;
}

export class PrivacyService {
  private readonly ttlSeconds: number;

  constructor(private readonly deps: PrivacyServiceDeps) {
    this.ttlSeconds = Math.max(1, Math.min(deps.ttlSeconds, MAX_EXPORT_LINK_TTL_SECONDS));
  }

  /** A link to the person's own data, for them only: the issuer is the turn's identity; single use. */
  async myDataLink(identityKey: string, locale: string): Promise<MyDataLink> {
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + this.ttlSeconds * 1000);
    const { token } = await this.deps.links.issue(
      { purpose: 'my_data', issuer: identityKey, municipalityId: null, format: 'json', locale, expiresAt, maxUses: 1 },
      new Date(now.getTime() - EXPIRED_LINK_KEPT_MS),
    );
    return {
      url: `${this.deps.publicBaseUrl.replace(/\/+$/, '')}/download/#${token}`,
      expiresAt,
      ttlMinutes: Math.max(1, Math.round(this.ttlSeconds / 60)),
    };
  }

  /**
   * The download behind such a link (DownloadService hands over links of purpose `my_data`): the document of
   * the issuer as stored now — after an erasure it says so, since the link itself was erased with the person.
   */
  async myDataFile(link: RedeemedLink): Promise<DownloadResult> {
    if (link.format !== 'json') return { kind: 'unknown' };
    const document = await this.deps.store.collect(
      { identityKey: link.issuer, channelUserIds: [], conversationKeys: [] },
      this.deps.clock.now(),
    );
    const fileName = link.locale === 'en' ? 'my-data.json' : 'meine-daten.json';
    return {
      kind: 'ok',
      file: {
        body: Buffer.from(JSON.stringify(document, null, 2), 'utf8'),
        contentType: 'application/json; charset=utf-8',
        fileName,
      },
    };
  }

  preview(person: PersonRef): Promise<ErasurePreview> {
    return this.deps.store.preview(person);
  }

  erase(person: PersonRef): Promise<ErasureReport> {
    return this.deps.store.erase(person, 'request');
  }

  /** The retention job's way in: a person due for erasure by identity key alone, recorded as the system's act. */
  eraseForRetention(identityKey: string): Promise<ErasureReport> {
    return this.deps.store.erase({ identityKey, channelUserIds: [], conversationKeys: [] }, 'retention');
  }
}
