/** Municipality and tenant management in Teams 1:1 chats, through the running service (German and English). */
import { PrismaAccessRepository } from '../../src/infrastructure/repositories/prismaAccessRepository';
import { message, newParticipant, teamsPersonal, webchat, type Participant } from '../support/activities';
import { startTestService, type TestService } from '../support/service';
import { COORDINATOR_OID, allText, channelMember, coordinatorEnv, inChannel, inPersonal } from './support';

const DENIED = 'Dafür fehlt Ihnen die Berechtigung.';
/** A municipality's own Microsoft Entra tenant, neither configured nor registered at first. */
const FOREIGN = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const LEAD_OID = 'lead-5555';

describe('municipality and tenant commands in Teams', () => {
  let svc: TestService;
  const coordinator = newParticipant({ aadObjectId: COORDINATOR_OID });
  const coordinatorEn = newParticipant({ aadObjectId: COORDINATOR_OID, locale: 'en-US' });
  const stranger = newParticipant({ aadObjectId: 'someone-7777' });
  const say = (text: string) => inPersonal(svc, coordinator, text);
  const sayEn = (text: string) => inPersonal(svc, coordinatorEn, text);
  /** A lead of Potsdam writing from the municipality's own tenant. */
  const lead: Participant = newParticipant({ aadObjectId: LEAD_OID });
  const asLead = async (text: string) => {
    const activity = message(teamsPersonal, lead, text);
    Object.assign(activity, {
      conversation: { id: lead.conversationId, conversationType: 'personal', tenantId: FOREIGN },
      channelData: { tenant: { id: FOREIGN } },
    });
    return allText(await svc.replies(activity));
  };
  const row = (id: string) => svc.service.db.prisma.municipality.findUnique({ where: { id } });

  beforeAll(async () => {
    svc = await startTestService(coordinatorEnv());
    await new PrismaAccessRepository(svc.service.db.prisma).grant(
      `aad:${FOREIGN}:${LEAD_OID}`,
      { role: 'lead', municipalityId: 'potsdam' },
      'test',
    );
  }, 120_000);
  afterAll(() => svc?.stop());

  it('a coordinator adds, renames, re-keys, archives and restores a municipality (German)', async () => {
    const list = await say('kommunen');
    expect(list).toContain('Kommunen (17)');
    expect(list).toContain('**Landkreis Görlitz** (Landkreis, Sachsen, Schlüssel 14626) · Kennung `lk-goerlitz`');
    expect(list).toContain('**Musterstadt (Demo)**');

    expect(await say('kommune anlegen Musterdorf; Gemeinde; Freistaat Bayern; 09 999 001')).toContain(
      '**Musterdorf** ist angelegt (Gemeinde, Bayern, Schlüssel 09999001), Kennung `musterdorf`',
    );
    expect(await row('musterdorf')).toMatchObject({ name: 'Musterdorf', kind: 'gemeinde', state: 'Bayern' });

    expect(await say('kommune umbenennen Musterdorf; Musterdorf am See')).toContain(
      'ist geändert: Name „Musterdorf“ → „Musterdorf am See“',
    );
    expect(await row('musterdorf')).toMatchObject({ name: 'Musterdorf am See', officialKey: '09999001' });
    expect(await say('kommune schlüssel Musterdorf am See; 0999')).toContain('genau 8 Ziffern');
    expect(await say('kommune schlüssel Musterdorf am See; 08999001')).toContain('Schlüssel in Bayern beginnen mit 09');
    expect(await say('kommune art Musterdorf am See; kreisangehörig')).toContain(
      'Art Gemeinde → kreisangehörige Stadt',
    );
    expect(await row('musterdorf')).toMatchObject({ kind: 'kreisangehoerige_stadt', officialKey: '09999001' });

    expect(await say('kommune archivieren Musterdorf am See')).toContain('**Musterdorf am See** ist archiviert');
    expect((await row('musterdorf'))?.archivedAt).not.toBeNull();
    expect(await say('kommunen')).toContain('Kennung `musterdorf` · **archiviert**');
    expect(await say('kommune umbenennen Musterdorf am See; Seedorf')).toContain(
      'zuerst mit „kommune wiederherstellen',
    );
    expect(await say('kommune wiederherstellen Musterdorf am See')).toContain('ist wiederhergestellt');
    expect((await row('musterdorf'))?.archivedAt).toBeNull();

    // Parts missing: the form of the command; the demo stays as it is.
    expect(await say('kommune anlegen Seedorf')).toContain('So legen Sie eine Kommune an');
    expect(await say('kommune archivieren Musterstadt')).toContain('Die Demo-Kommune **Musterstadt (Demo)** bleibt');
    expect(await say('kommunen hilfe')).toContain('kommune anlegen');
    // In a channel, after the bot's @mention, as well.
    const inTeam = await inChannel(svc, channelMember('http://127.0.0.1:9/teams/', COORDINATOR_OID), 'kommunen');
    expect(inTeam).toContain('Kommunen (18)');
  });

  it('the same in English', async () => {
    expect(await sayEn('municipality add Sampletown; independent city; Saxony; 14999000')).toContain(
      '**Sampletown** has been added (independent city, Sachsen, key 14999000), id `sampletown`',
    );
    expect(await sayEn('municipality kind Sampletown; district')).toContain('The key must be exactly 5 digits');
    expect(await sayEn('municipality kind Sampletown; district; 14999')).toContain(
      'kind independent city → district, key 14999000 → key 14999',
    );
    expect(await sayEn('municipality archive Sampletown')).toContain('**Sampletown** is archived');
    expect(await sayEn('municipality restore Sampletown')).toContain('has been restored');
    expect(await sayEn('municipalities')).toContain('**Sampletown** (district, Sachsen, key 14999) · id `sampletown`');
    expect(await sayEn('municipality state Atlantis; Bayern')).toContain('I do not know the municipality “Atlantis”');
  });

  it('a non-coordinator is refused with one plain sentence, and nothing changes', async () => {
    const before = await svc.service.db.prisma.municipality.findMany({ orderBy: { id: 'asc' } });
    for (const text of [
      'kommunen',
      'kommune anlegen Hackdorf; Gemeinde; Bayern',
      'kommune archivieren Potsdam',
      'kommune archivieren Atlantis',
      `mandant Potsdam ${FOREIGN}`,
      'mandanten',
    ]) {
      const replies = await svc.replies(message(teamsPersonal, stranger, text));
      expect({ text, replies: replies.map((r) => r.text) }).toEqual({ text, replies: [DENIED] });
    }
    // The web chat has no coordinator features: there "kommunen" is no command, the FAQ answers it.
    const citizen = allText(
      await svc.replies(message(webchat, newParticipant(), 'kommune anlegen Atlantis; Gemeinde; Bayern')),
    );
    expect(citizen).not.toContain(DENIED);
    expect(citizen).not.toContain('Atlantis');
    expect(await svc.service.db.prisma.municipality.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(await svc.service.db.prisma.municipalityTenant.count()).toBe(0);
  });

  it('an unregistered tenant is refused; once registered its lead is allowed, and refused again after removal', async () => {
    expect(await asLead('wer fehlt Potsdam')).toContain(DENIED);

    expect(await say(`mandant Potsdam ${FOREIGN.toUpperCase()}`)).toContain(
      `Mandant \`${FOREIGN}\` ist für **Potsdam** registriert`,
    );
    expect(await svc.service.db.prisma.municipalityTenant.findMany()).toMatchObject([
      { municipalityId: 'potsdam', tenantId: FOREIGN, createdBy: `aad:tenant-1:${COORDINATOR_OID}` },
    ]);
    expect(await asLead('wer fehlt Potsdam')).toContain('In Potsdam pausiert niemand');
    expect(await say('mandanten')).toContain(`- \`${FOREIGN}\` → **Potsdam**`);
    expect(await say('mandanten Bochum')).toContain('Für **Bochum** ist kein Mandant registriert');
    expect(await say('mandant Potsdam 1234')).toContain('Eine Tenant-ID ist eine GUID');

    expect(await say(`mandant entfernen Potsdam ${FOREIGN}`)).toContain('ist für **Potsdam** nicht mehr registriert');
    expect(await asLead('wer fehlt Potsdam')).toContain(DENIED);

    // English: tenant <m> <id>, tenants [<m>], tenant remove <m> <id>.
    expect(await sayEn(`tenant Potsdam ${FOREIGN}`)).toContain(`Tenant \`${FOREIGN}\` is registered for **Potsdam**`);
    expect(await asLead('wer fehlt Potsdam')).toContain('In Potsdam pausiert niemand');
    expect(await sayEn('tenants Potsdam')).toContain('Registered tenants of Potsdam (1)');
    // Archiving the municipality ends its tenant's access too.
    await sayEn('municipality archive Potsdam');
    expect(await asLead('wer fehlt Potsdam')).toContain(DENIED);
    await sayEn('municipality restore Potsdam');
    expect(await sayEn(`tenant remove Potsdam ${FOREIGN}`)).toContain('is no longer registered for **Potsdam**');
    expect(await sayEn(`tenant remove Potsdam ${FOREIGN}`)).toContain('was not registered for **Potsdam**');
    expect(await asLead('wer fehlt Potsdam')).toContain(DENIED);
  });
});
