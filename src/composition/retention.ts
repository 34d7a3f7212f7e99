/**
 * Part of the composition root (src/index.ts): the retention job (issue #17, docs/retention.md). The caller
 * starts it with `start(options.checkMinutes * 60_000)` and stops it before the database closes.
 */
import type { RetentionOptions } from '../config/options';
import type { Clock } from '../domain/ports/clock';
import type { PersonEraser } from '../domain/ports/privacy';
import type { Database } from '../infrastructure/db/database';
import { PrismaDownloadLinkStore } from '../infrastructure/repositories/prismaDownloadLinkStore';
import { PrismaRetentionRepository } from '../infrastructure/repositories/prismaRetentionRepository';
import { RetentionService, type RetentionDeps } from '../services/retentionService';

export function retentionParts(deps: {
  readonly db: Database;
  readonly clock: Clock;
  readonly options: RetentionOptions;
  readonly eraser: PersonEraser;
  readonly log?: RetentionDeps['log'];
}): RetentionService {
  const { db, clock, options, eraser, log } = deps;
  return new RetentionService({
    store: new PrismaRetentionRepository(db.prisma),
    eraser,
    links: new PrismaDownloadLinkStore(db.prisma),
    clock,
    periods: options,
    ...(log !== undefined ? { log } : {}),
  });
}
