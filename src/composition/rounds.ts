/**
 * Part of the composition root (src/index.ts): closing rounds and comparing them. One use case closes rounds,
 * whoever asks, and always writes the outbox event and the audit trail; each close freezes a snapshot, and
 * comparisons come from those snapshots only (docs/scoring.md §10).
 */
import type { AuditLog } from '../domain/ports/audit';
import type { Clock } from '../domain/ports/clock';
import type { AssessmentRepository } from '../domain/ports/selfCheck';
import { defaultRegistry } from '../domain/selbstcheck';
import type { Database } from '../infrastructure/db/database';
import type { PrismaOutboxRepository } from '../infrastructure/outbox/prismaOutboxRepository';
import { PrismaAnswerRepository } from '../infrastructure/repositories/prismaAnswerRepository';
import { PrismaComparisonRepository } from '../infrastructure/repositories/prismaComparisonRepository';
import type { AccessService } from '../services/accessService';
import { ComparisonService } from '../services/comparisonService';
import { RoundService } from '../services/roundService';

export function roundParts(deps: {
  readonly db: Database;
  readonly access: AccessService;
  readonly assessments: Pick<AssessmentRepository, 'find' | 'findCurrent'>;
  readonly outbox: PrismaOutboxRepository;
  readonly audit: AuditLog;
  readonly clock: Clock;
}): { comparisons: ComparisonService; rounds: RoundService } {
  const { db, access, assessments, outbox, audit, clock } = deps;
  const comparisons = new ComparisonService({
    comparisons: new PrismaComparisonRepository(db.prisma),
    answers: new PrismaAnswerRepository(db.prisma, db.sql),
    registry: defaultRegistry,
    clock,
  });
  const rounds = new RoundService({ access, assessments, rounds: outbox, comparisons, audit, clock });
  return { comparisons, rounds };
}
