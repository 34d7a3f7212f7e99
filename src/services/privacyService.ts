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
import { MAX_EXPORT_LINK_TTL_SECONDS, issueOpaqueLink, type OpaqueLink } from './exportLinks';
import type { RateBucket, RateLimits } from '../domain/ports/rateLimits';

export type MyDataLink = OpaqueLink;

export interface RateLimited {
  readonly kind: 'rateLimited';
  readonly retryAfterMs: number;
}

/** `meine daten` links and erasure questions per identity: plenty for a person, little for a script. */
export const PRIVACY_REQUEST_BUCKET = {
  name: 'privacy.requests.identity',
  limit: 10,
  windowMs: 60 * 60_000,
} as const satisfies RateBucket;

export interface PrivacyServiceDeps {
  readonly store: PersonalDataStore;
  readonly links: Pick<DownloadLinkStore, 'issue'>;
  readonly limits: RateLimits;
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

  /**
   * A link to the person's own data, for them only: the issuer is the turn's identity; single use. Counted per
   * identity like the erasure's question: each one writes a row and reads every table.
   */
  async myDataLink(identityKey: string, locale: string): Promise<MyDataLink | RateLimited> {
    const limited = await this.limited(identityKey);
    if (limited !== undefined) return limited;
    return issueOpaqueLink(this.deps, this.ttlSeconds, {
      purpose: 'my_data',
      issuer: identityKey,
      municipalityId: null,
      format: 'json',
      locale,
    });
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

  /** What an erasure would do (asked before it): a scan of the person's traces, so counted like the link. */
  async preview(person: PersonRef): Promise<ErasurePreview | RateLimited> {
    return (await this.limited(person.identityKey)) ?? this.deps.store.preview(person);
  }

  private async limited(identityKey: string): Promise<RateLimited | undefined> {
    const decision = await this.deps.limits.hit(PRIVACY_REQUEST_BUCKET, identityKey, this.deps.clock.now().getTime());
    return decision.ok ? undefined : { kind: 'rateLimited', retryAfterMs: decision.retryAfterMs };
  }

  erase(person: PersonRef): Promise<ErasureReport> {
    return this.deps.store.erase(person, 'request');
  }

  /** The retention job's way in: a person due for erasure by identity key alone, recorded as the system's act. */
  eraseForRetention(identityKey: string): Promise<ErasureReport> {
    return this.deps.store.erase({ identityKey, channelUserIds: [], conversationKeys: [] }, 'retention');
  }
}
