/**
 * Each accountable action, done through the real commands of the running service, leaves its event in the
 * audit trail: roles granted and revoked, tenants registered and removed, invitation codes issued, used and
 * revoked, resume codes issued and used, members removed. People only as pseudonyms; no identity key, object id,
 * web chat user id or code in any event row.
 */
import { aadIdentityKey } from '../../src/domain/access';
import { message, newParticipant, webchat, type Participant } from '../support/activities';
import { startTestService, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { COORDINATOR_OID, TENANT, coordinatorEnv, inPersonal } from '../coordinators/support';
import { PSEUDONYM, allText, expectNoIdentities, pseudonymOf, trail } from './support';

const LEAD_OID = 'lead-audit-2222';
const OTHER_OID = 'coord-audit-3333';
/** A municipality's Microsoft Entra tenant (an organisation, not a person). */
const GUID = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const CODE = /WK-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;
const RESUME = /WR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;

describe(`audit events through the commands (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  const coordinator = newParticipant({ aadObjectId: COORDINATOR_OID });
  const coordinatorKey = aadIdentityKey(TENANT, COORDINATOR_OID);
  const leadKey = aadIdentityKey(TENANT, LEAD_OID);
  const prisma = () => svc.service.db.prisma;
  const say = (text: string) => inPersonal(svc, coordinator, text);
  const web = async (p: Participant, text: string) => allText(await svc.replies(message(webchat, p, text)));
  /** Everything that must never be in an event row. */
  const secrets: string[] = [COORDINATOR_OID, LEAD_OID, OTHER_OID];

  beforeAll(async () => {
    svc = await startTestService(coordinatorEnv());
  }, 120_000);
  afterAll(() => svc?.stop());

  it('records a role granted once, and its revoke (which still deletes the grant)', async () => {
    expect(await say(`rolle lead Potsdam ${LEAD_OID}`)).toContain('Rolle vergeben');
    // Granting what is held already changes nothing and records nothing.
    await say(`rolle lead Potsdam ${LEAD_OID}`);
    const coordinatorP = await pseudonymOf(prisma(), coordinatorKey);
    const leadP = await pseudonymOf(prisma(), leadKey);
    expect(coordinatorP).toMatch(PSEUDONYM);
    expect(leadP).toMatch(PSEUDONYM);
    expect(await trail(prisma(), 'role_granted')).toMatchObject([
      { actor: coordinatorP, subject: leadP, municipalityId: 'potsdam', detail: { role: 'lead' } },
    ]);

    expect(await say(`entziehen lead Potsdam ${LEAD_OID}`)).toContain('Rolle entzogen');
    expect(await prisma().roleGrant.count({ where: { identityKey: leadKey } })).toBe(0);
    // Nothing left to revoke: no event.
    await say(`entziehen lead Potsdam ${LEAD_OID}`);
    expect(await trail(prisma(), 'role_revoked')).toMatchObject([
      { actor: coordinatorP, subject: leadP, municipalityId: 'potsdam', detail: { role: 'lead' } },
    ]);

    await say(`rolle koordination ${OTHER_OID}`);
    const otherP = await pseudonymOf(prisma(), aadIdentityKey(TENANT, OTHER_OID));
    expect((await trail(prisma(), 'role_granted')).at(-1)).toMatchObject({
      actor: coordinatorP,
      subject: otherP,
      municipalityId: null,
      detail: { role: 'coordinator' },
    });
    expect(otherP).not.toBe(leadP);
  });

  it('records tenants registered and removed, once each', async () => {
    expect(await say(`mandant Potsdam ${GUID}`)).toContain('registriert');
    await say(`mandant Potsdam ${GUID}`);
    expect(await say(`mandant entfernen Potsdam ${GUID}`)).toContain('nicht mehr registriert');
    await say(`mandant entfernen Potsdam ${GUID}`);
    const by = await pseudonymOf(prisma(), coordinatorKey);
    expect(await trail(prisma(), 'tenant_registered')).toEqual([
      expect.objectContaining({ actor: by, subject: null, municipalityId: 'potsdam', detail: { tenant: GUID } }),
    ]);
    expect(await trail(prisma(), 'tenant_removed')).toEqual([
      expect.objectContaining({ actor: by, municipalityId: 'potsdam', detail: { tenant: GUID } }),
    ]);
  });

  it('records codes issued, used (with the lead role they give) and revoked, a resume code, and a member removed', async () => {
    const memberCode = CODE.exec(await say('einladen Kiel 3'))?.[0] ?? '';
    const leadCode = CODE.exec(await say('einladen Kiel leitung'))?.[0] ?? '';
    expect(memberCode).not.toBe('');
    expect(leadCode).not.toBe('');
    secrets.push(memberCode.slice(3), leadCode.slice(3), memberCode.slice(8), leadCode.slice(8));
    const by = await pseudonymOf(prisma(), coordinatorKey);
    expect(await trail(prisma(), 'code_issued')).toMatchObject([
      { actor: by, municipalityId: 'kiel', detail: { role: 'member', codeStart: memberCode.slice(3, 7), maxUses: 3 } },
      { actor: by, municipalityId: 'kiel', detail: { role: 'lead', codeStart: leadCode.slice(3, 7), maxUses: 1 } },
    ]);

    // A web chat staff member joins with the lead code; after consent they get a resume code.
    const laptop = newParticipant();
    const personKey = `webchat:${laptop.userId}`;
    secrets.push(laptop.userId);
    await web(laptop, 'start');
    await web(laptop, 'ja');
    await web(laptop, leadCode);
    const onboarded = await web(laptop, 'Andere Funktion');
    const resumeCode = RESUME.exec(onboarded)?.[0] ?? '';
    expect(resumeCode).not.toBe('');
    secrets.push(resumeCode.slice(3), resumeCode.slice(8));
    const person = await pseudonymOf(prisma(), personKey);
    expect(person).toMatch(PSEUDONYM);
    expect(await trail(prisma(), 'code_used')).toMatchObject([
      {
        actor: person,
        subject: null,
        municipalityId: 'kiel',
        detail: { codeStart: leadCode.slice(3, 7), role: 'lead' },
      },
    ]);
    expect((await trail(prisma(), 'role_granted')).at(-1)).toMatchObject({
      actor: null,
      subject: person,
      municipalityId: 'kiel',
      detail: { role: 'lead', via: 'code', codeStart: leadCode.slice(3, 7) },
    });
    expect((await trail(prisma(), 'code_issued')).at(-1)).toMatchObject({
      actor: person,
      subject: person,
      municipalityId: null,
      detail: { kind: 'resume' },
    });

    // Another browser continues with the resume code.
    const phone = newParticipant();
    secrets.push(phone.userId);
    expect(await web(phone, `code ${resumeCode}`)).toContain('Willkommen zurück');
    expect((await trail(prisma(), 'code_used')).at(-1)).toMatchObject({
      actor: person,
      subject: person,
      detail: { kind: 'resume' },
    });

    expect(await say(`einladung widerrufen ${memberCode.slice(3, 7)}`)).toContain('1 Einladungscode(s) widerrufen');
    expect(await trail(prisma(), 'code_revoked')).toMatchObject([
      { actor: by, municipalityId: 'kiel', detail: { role: 'member', codeStart: memberCode.slice(3, 7) } },
    ]);

    // The coordinator removes the member (a lead there): the removal and the end of the lead role.
    const memberNo = (await prisma().respondent.findUniqueOrThrow({ where: { identityKey: personKey } })).memberNo;
    expect(await say(`mitglied entfernen Kiel ${memberNo}`)).toContain(`Befragte ${memberNo}`);
    expect(await trail(prisma(), 'member_removed')).toMatchObject([
      { actor: by, subject: person, municipalityId: 'kiel', detail: { answersRemoved: 0 } },
    ]);
    expect((await trail(prisma(), 'role_revoked')).at(-1)).toMatchObject({
      actor: by,
      subject: person,
      municipalityId: 'kiel',
      detail: { role: 'lead', via: 'member_removed' },
    });
  });

  it('keeps every identity out of the event rows; only the pseudonym table knows who is who', async () => {
    expect((await trail(prisma())).length).toBeGreaterThanOrEqual(12);
    await expectNoIdentities(prisma(), secrets);
    // The mapping exists, and only there.
    const mapped = await prisma().auditPseudonym.findMany();
    expect(mapped.map((m) => m.identityKey)).toEqual(expect.arrayContaining([coordinatorKey, leadKey]));
  });
});
