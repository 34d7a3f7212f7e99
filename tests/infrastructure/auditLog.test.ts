/**
 * The audit trail's storage: people only as pseudonyms, the same pseudonym every time, and an erasure that
 * deletes the one link to the person while every event stays.
 */
import { PrismaAuditLog } from '../../src/infrastructure/repositories/prismaAuditLog';
import { usingPostgres } from '../support/testDatabase';
import { migratedDatabase } from './migrationsSupport';

describe(`audit log (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const db = migratedDatabase();

  it('records people as stable pseudonyms, lists newest first per municipality, and survives an erasure', async () => {
    const prisma = db().prisma;
    const audit = new PrismaAuditLog(prisma);
    const coordinator = 'aad:tenant-1:coordinator-oid';
    const lead = 'aad:tenant-2:lead-oid';
    await audit.record({
      action: 'role_granted',
      actor: coordinator,
      subject: lead,
      municipalityId: 'kiel',
      detail: { role: 'lead' },
    });
    await audit.record({ action: 'round_closed', actor: lead, municipalityId: 'kiel', detail: { round: 1 } });
    await audit.record({ action: 'tenant_registered', actor: coordinator, municipalityId: 'bochum' });

    const kiel = await audit.list({ municipalityId: 'kiel', limit: 10 });
    expect(kiel.map((e) => e.action)).toEqual(['round_closed', 'role_granted']);
    const leadPseudonym = await audit.pseudonymOf(lead);
    expect(leadPseudonym).toMatch(/^P-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(kiel[0]!.actor).toBe(leadPseudonym);
    expect(kiel[1]!.subject).toBe(leadPseudonym);
    expect(kiel[1]!.detail).toEqual({ role: 'lead' });
    // No identity key anywhere in the events.
    const raw = JSON.stringify(await prisma.auditEvent.findMany(), (_k, v: unknown) =>
      typeof v === 'bigint' ? String(v) : v,
    );
    expect(raw).not.toContain('oid');

    const all = await audit.list({ limit: 2 });
    expect(all.map((e) => e.action)).toEqual(['tenant_registered', 'round_closed']);
    expect((await audit.list({ limit: 10, beforeId: all[1]!.id })).map((e) => e.action)).toEqual(['role_granted']);

    expect(await audit.forget(lead, coordinator)).toBe(leadPseudonym);
    expect(await audit.pseudonymOf(lead)).toBeNull();
    const after = await audit.list({ limit: 10 });
    expect(after.map((e) => e.action)).toEqual(['erasure', 'tenant_registered', 'round_closed', 'role_granted']);
    expect(after[0]).toMatchObject({ subject: leadPseudonym, actor: await audit.pseudonymOf(coordinator) });
    // The trail keeps the pseudonym; nothing maps it back to the person any more.
    expect(await prisma.auditPseudonym.count({ where: { pseudonym: leadPseudonym! } })).toBe(0);
    expect(after[3]!.subject).toBe(leadPseudonym);
    // A new event about the same person starts a new, unrelated pseudonym.
    await audit.record({ action: 'dashboard_signin', actor: lead });
    expect(await audit.pseudonymOf(lead)).not.toBe(leadPseudonym);
    expect(await audit.forget('aad:nobody', coordinator)).toBeNull();
  });
});
