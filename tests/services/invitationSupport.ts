/** InvitationService on a real (migrated) database with the Prisma repositories, a controlled clock and roles. */
import { aadIdentityKey } from '../../src/domain/access';
import type { Clock } from '../../src/domain/ports/clock';
import type { Database } from '../../src/infrastructure/db/database';
import { InMemoryRateLimits } from '../../src/infrastructure/directline/rateLimiter';
import { newCode } from '../../src/infrastructure/repositories/codeHash';
import { PrismaAccessRepository } from '../../src/infrastructure/repositories/prismaAccessRepository';
import { PrismaAuditLog } from '../../src/infrastructure/repositories/prismaAuditLog';
import { PrismaInvitationRepository } from '../../src/infrastructure/repositories/prismaInvitationRepository';
import { PrismaMembershipRepository } from '../../src/infrastructure/repositories/prismaMembershipRepository';
import { PrismaMunicipalityRepository } from '../../src/infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaRespondentRepository } from '../../src/infrastructure/repositories/prismaRespondentRepository';
import { AccessService } from '../../src/services/accessService';
import {
  InvitationService,
  type InvitationRequest,
  type InvitationServiceDeps,
} from '../../src/services/invitationService';

export const TENANT = 'tenant-1';
export const COORDINATOR = aadIdentityKey(TENANT, 'coord-oid');
/** A coordinator grant from a tenant the coordinator features are not open to. */
export const FOREIGN_COORDINATOR = aadIdentityKey('tenant-x', 'coord-foreign');
export const NOBODY = aadIdentityKey(TENANT, 'nobody-oid');

export class TestClock implements Clock {
  constructor(public t = new Date()) {}
  now(): Date {
    return this.t;
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export const personal = (identityKey: string): InvitationRequest => ({ identityKey, conversation: 'personal' });

export function invitationService(db: Database, clock: Clock, extra: Partial<InvitationServiceDeps> = {}) {
  const prisma = db.prisma;
  const grants = new PrismaAccessRepository(prisma);
  const respondents = new PrismaRespondentRepository(prisma);
  const access = new AccessService({
    access: grants,
    respondents,
    bootstrap: { objectIds: ['coord-oid'], tenantIds: [TENANT] },
  });
  const service = new InvitationService({
    access,
    grants,
    invitations: new PrismaInvitationRepository(prisma),
    membership: new PrismaMembershipRepository(prisma),
    municipalities: new PrismaMunicipalityRepository(prisma),
    respondents,
    rateLimits: new InMemoryRateLimits(),
    clock,
    newCode: () => newCode('invitation'),
    ttlDays: 14,
    publicBaseUrl: 'https://bot.example.org',
    audit: new PrismaAuditLog(prisma),
    ...extra,
  });
  return { service, grants, respondents, access, prisma };
}

/** A lead of `municipalityId`, granted directly in the database. */
export async function leadOf(db: Database, municipalityId: string, oid: string): Promise<string> {
  const key = aadIdentityKey(TENANT, oid);
  await new PrismaAccessRepository(db.prisma).grant(key, { role: 'lead', municipalityId }, 'test');
  return key;
}

/** The code of a `created` result (fails the test otherwise). */
export function codeOf(result: { kind: string; code?: string }): string {
  if (result.kind !== 'created' || result.code === undefined)
    throw new Error(`expected a new code, got ${result.kind}`);
  return result.code;
}
