/**
 * The rest of the trail through the running service: a round closed, an export link issued and the file
 * downloaded appear in `protokoll` under the coordinator's pseudonym — and after the coordinator's erasure
 * the same entries are still listed under the same pseudonym, which no longer leads to anyone.
 */
import { aadIdentityKey } from '../../src/domain/access';
import { PrismaAuditLog } from '../../src/infrastructure/repositories/prismaAuditLog';
import { newParticipant } from '../support/activities';
import { startTestService, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { COORDINATOR_OID, TENANT, completeFirstField, coordinatorEnv, inPersonal } from '../coordinators/support';
import { expectNoIdentities } from './support';

const LINK = /https:\/\/bot\.example\.org\/download\/#([A-Za-z0-9_-]+)/;
const P = 'P-[0-9A-HJKMNP-TV-Z]{8}';

describe(`closing and exporting in the audit trail (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  const coordinator = newParticipant({ aadObjectId: COORDINATOR_OID, serviceUrl: 'http://127.0.0.1:9' });
  const coordinatorKey = aadIdentityKey(TENANT, COORDINATOR_OID);
  beforeAll(async () => {
    svc = await startTestService(coordinatorEnv({ PUBLIC_BASE_URL: 'https://bot.example.org/' }));
    await completeFirstField(svc, 'Potsdam');
  });
  afterAll(async () => svc.stop());

  it('records the close, the link and the download with pseudonyms, and keeps them through an erasure', async () => {
    const link = LINK.exec(await inPersonal(svc, coordinator, 'export Potsdam pdf'));
    expect(link).not.toBeNull();
    const download = await fetch(`${svc.url}/api/downloads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link![1] }),
    });
    expect(download.status).toBe(200);
    await download.arrayBuffer();
    expect(await inPersonal(svc, coordinator, 'abschluss Potsdam')).not.toContain('nicht');

    const audit = new PrismaAuditLog(svc.service.db.prisma);
    const by = await audit.pseudonymOf(coordinatorKey);
    expect(by).toMatch(new RegExp(`^${P}$`));
    const listed = await inPersonal(svc, coordinator, 'protokoll Potsdam');
    for (const line of [
      `\\*\\*Runde abgeschlossen\\*\\* · von ${by} · Potsdam · Runde 1`,
      `\\*\\*Export heruntergeladen\\*\\* · von ${by} · Potsdam · per Download-Link, Format PDF`,
      `\\*\\*Export ausgestellt\\*\\* · von ${by} · Potsdam · per Download-Link, Format PDF`,
    ])
      expect(listed).toMatch(new RegExp(line));
    await expectNoIdentities(svc.service.db.prisma, [COORDINATOR_OID, link![1]!]);

    // Erasure: the mapping goes, every entry stays with the pseudonym it had.
    const before = await svc.service.db.prisma.auditEvent.count();
    expect(await audit.forget(coordinatorKey)).toBe(by);
    expect(await svc.service.db.prisma.auditPseudonym.count({ where: { pseudonym: by! } })).toBe(0);
    expect(await svc.service.db.prisma.auditEvent.count()).toBe(before + 1);
    const after = await inPersonal(svc, coordinator, 'protokoll Potsdam');
    expect(after).toMatch(new RegExp(`\\*\\*Runde abgeschlossen\\*\\* · von ${by} · Potsdam`));
    // Asking again gave the coordinator a new pseudonym, unrelated to the erased one.
    expect(await audit.pseudonymOf(coordinatorKey)).not.toBe(by);
  });
});
