/**
 * Part of the composition root (src/index.ts): a person's own data (issue #17) — the `meine daten` link and its
 * download, and the erasure, over the one store that knows every table's traces of a person.
 */
import type { AppConfig } from '../config';
import type { Database } from '../infrastructure/db/database';
import type { RateLimits } from '../domain/ports/rateLimits';
import { systemClock } from '../infrastructure/clock';
import { PrismaDownloadLinkStore } from '../infrastructure/repositories/prismaDownloadLinkStore';
import { PrismaPersonalDataStore } from '../infrastructure/repositories/prismaPersonalDataStore';
import { PrivacyService } from '../services/privacyService';

export function privacyParts(config: AppConfig, db: Database, limits: RateLimits): PrivacyService {
  return new PrivacyService({
    store: new PrismaPersonalDataStore(db.prisma),
    links: new PrismaDownloadLinkStore(db.prisma),
    // The process's one set of limits (shared with the web chat and the code attempts).
    limits,
    // Like the export links: expiry is wall-clock time, also when tests control the service's clock.
    clock: systemClock,
    ttlSeconds: config.exports.linkTtlSeconds,
    publicBaseUrl: config.http.publicBaseUrl,
  });
}
