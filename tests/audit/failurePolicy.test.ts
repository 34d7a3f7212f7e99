/**
 * What happens when the trail cannot be written. Giving access (a code, a tenant, a role) fails with it and
 * leaves nothing behind; taking access away goes through and the command still reports the failure; a person's
 * own step (redeeming a code, a resume code) goes through quietly and the failure is logged without identities.
 */
import { aadIdentityKey } from '../../src/domain/access';
import { isCode, readCode, type Code } from '../../src/domain/membership/codes';
import type { AuditLog } from '../../src/domain/ports/audit';
import { InMemoryRateLimits } from '../../src/infrastructure/directline/rateLimiter';
import { newCode } from '../../src/infrastructure/repositories/codeHash';
import { PrismaAccessRepository } from '../../src/infrastructure/repositories/prismaAccessRepository';
import { PrismaAuditLog } from '../../src/infrastructure/repositories/prismaAuditLog';
import { PrismaMunicipalityRepository } from '../../src/infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaRespondentRepository } from '../../src/infrastructure/repositories/prismaRespondentRepository';
import { PrismaResumeCodeRepository } from '../../src/infrastructure/repositories/prismaResumeCodeRepository';
import { PrismaTenantRegistry } from '../../src/infrastructure/repositories/prismaTenantRegistry';
import { AccessService } from '../../src/services/accessService';
import { MunicipalityAdminService } from '../../src/services/municipalityAdminService';
import { ResumeCodeService } from '../../src/services/resumeCodeService';
import { usingPostgres } from '../support/testDatabase';
import { migratedDatabase } from '../infrastructure/migrationsSupport';
import { COORDINATOR, TENANT, TestClock, codeOf, invitationService, personal } from '../services/invitationSupport';

const GUID = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';

/** A trail that cannot be written (the database refuses, say), and what it was asked to record. */
function brokenTrail(): Pick<AuditLog, 'record'> & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    record: (entry) => {
      asked.push(entry.action);
      return Promise.reject(new Error('audit store unavailable'));
    },
  };
}

function warnings() {
  const lines: { obj: object; msg: string }[] = [];
  return { lines, warn: (obj: object, msg: string) => void lines.push({ obj, msg }) };
}

const typed = (text: string): Code => {
  const c = readCode(text);
  if (!isCode(c)) throw new Error(`not a code: ${text}`);
  return c;
};

describe(`audit failures (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const db = migratedDatabase();

  it('an invitation code is neither made nor shown when its issue cannot be recorded', async () => {
    const broken = brokenTrail();
    const { service, prisma } = invitationService(db(), new TestClock(), { audit: broken });
    const before = await prisma.invitation.count();
    await expect(service.create(personal(COORDINATOR), 'Potsdam', 'lead')).rejects.toThrow('audit store unavailable');
    expect(broken.asked).toEqual(['code_issued']);
    expect(await prisma.invitation.count()).toBe(before);
  });

  it('redeeming a code goes through when its use cannot be recorded; the warning names no one', async () => {
    const working = invitationService(db(), new TestClock());
    const code = codeOf(await working.service.create(personal(COORDINATOR), 'Aachen', 'lead'));
    const broken = brokenTrail();
    const log = warnings();
    const { service, respondents, grants } = invitationService(db(), new TestClock(), { audit: broken, log });
    const carol = await respondents.findOrCreate(aadIdentityKey(TENANT, 'carol-oid'), 'de');
    const check = await service.checkCode(typed(code), { identityKey: carol.identityKey, conversationId: 'c' });
    if (check.kind !== 'valid') throw new Error('expected a valid code');
    expect(await service.redeem(check.invitation.id, carol)).toMatchObject({ kind: 'joined', lead: true });
    expect(await grants.grantsOf(carol.identityKey)).toEqual([{ role: 'lead', municipalityId: 'aachen' }]);
    expect(broken.asked).toEqual(['code_used', 'role_granted']);
    expect(log.lines.map((l) => l.obj)).toEqual([
      { action: 'code_used', error: 'Error', code: undefined },
      { action: 'role_granted', error: 'Error', code: undefined },
    ]);
    expect(JSON.stringify(log.lines)).not.toContain('carol');
  });

  it('a tenant is not registered when its registration cannot be recorded; a removal goes through', async () => {
    const prisma = db().prisma;
    const tenants = new PrismaTenantRegistry(prisma);
    const access = new AccessService({
      access: new PrismaAccessRepository(prisma),
      respondents: new PrismaRespondentRepository(prisma),
      bootstrap: { objectIds: ['coord-oid'], tenantIds: [TENANT] },
      tenants,
    });
    const admin = (audit: Pick<AuditLog, 'record'>) =>
      new MunicipalityAdminService({
        access,
        municipalities: new PrismaMunicipalityRepository(prisma),
        tenants,
        clock: new TestClock(),
        audit,
      });
    const broken = brokenTrail();
    await expect(admin(broken).registerTenant(COORDINATOR, { id: 'kiel' }, GUID)).rejects.toThrow();
    expect(await tenants.list('kiel')).toEqual([]);

    expect(await admin(new PrismaAuditLog(prisma)).registerTenant(COORDINATOR, { id: 'kiel' }, GUID)).toMatchObject({
      kind: 'tenantRegistered',
      added: true,
    });
    await expect(admin(broken).removeTenant(COORDINATOR, { id: 'kiel' }, GUID)).rejects.toThrow();
    // Ending access never waits for the trail.
    expect(await tenants.list('kiel')).toEqual([]);
    expect(broken.asked).toEqual(['tenant_registered', 'tenant_removed']);
  });

  it('a resume code is handed out even when the trail cannot be written', async () => {
    const broken = brokenTrail();
    const log = warnings();
    const service = new ResumeCodeService({
      codes: new PrismaResumeCodeRepository(db().prisma),
      limits: new InMemoryRateLimits(),
      clock: new TestClock(),
      generate: newCode,
      audit: broken,
      log,
    });
    expect(await service.issue('webchat:dora')).toMatch(/^WR-/);
    expect(broken.asked).toEqual(['code_issued']);
    expect(log.lines).toHaveLength(1);
  });
});
