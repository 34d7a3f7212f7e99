import { newParticipant, teamsChannel, type Participant } from '../support/activities';
import { startAuthenticatedTestService, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { COORDINATOR_OID, allText, coordinatorEnv, inChannel, inPersonal } from './support';

const DENIED = 'Dafür fehlt Ihnen die Berechtigung.';
type Actor = 'bootstrap' | 'coordinator' | 'lead' | 'respondent' | 'stranger' | 'foreignTenant';
const ACTORS: readonly Actor[] = ['bootstrap', 'coordinator', 'lead', 'respondent', 'stranger', 'foreignTenant'];
const OID: Record<Actor, string> = {
  bootstrap: COORDINATOR_OID,
  coordinator: 'coord-granted-2222',
  lead: 'lead-potsdam-3333',
  respondent: 'resp-potsdam-4444',
  stranger: 'stranger-5555',
  foreignTenant: COORDINATOR_OID,
};

/** Command → the actors allowed to run it (everyone else must get exactly the plain denial). */
const MATRIX: readonly [string, readonly Actor[]][] = [
  ['rollen', ['bootstrap', 'coordinator']],
  ['rolle lead Bochum someone-6666', ['bootstrap', 'coordinator']],
  ['entziehen lead Bochum someone-6666', ['bootstrap', 'coordinator']],
  ['grant coordinator someone-7777', ['bootstrap', 'coordinator']],
  ['abonnieren Potsdam', ['bootstrap', 'coordinator', 'lead']],
  ['abonnieren Bochum', ['bootstrap', 'coordinator']],
  ['abonnieren alle', ['bootstrap', 'coordinator']],
  ['abos', ['bootstrap', 'coordinator', 'lead']],
  ['abbestellen Potsdam', ['bootstrap', 'coordinator', 'lead']],
  ['abbestellen alle', ['bootstrap', 'coordinator']],
  ['zustellungen', ['bootstrap', 'coordinator']],
  ['zustellungen wiederholen', ['bootstrap', 'coordinator']],
  ['vergleich Potsdam', ['bootstrap', 'coordinator', 'lead']],
  ['compare bochum', ['bootstrap', 'coordinator']],
  ['wer fehlt Potsdam', ['bootstrap', 'coordinator', 'lead']],
  ['wer fehlt', ['bootstrap', 'coordinator', 'lead']],
  ['stalled Bochum', ['bootstrap', 'coordinator']],
  ['abschluss Bochum', ['bootstrap', 'coordinator']],
  ['abschluss Potsdam', ['bootstrap', 'coordinator', 'lead']],
  ['export Potsdam csv', ['bootstrap', 'coordinator', 'lead']],
  ['exportieren Bochum pdf', ['bootstrap', 'coordinator']],
];

describe(`roles and access for every coordinator command (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  const channel = `19:roles-${Date.now()}@thread.tacv2`;
  const actor = (a: Actor, conversationId = channel): Participant =>
    newParticipant({ conversationId, aadObjectId: OID[a] });
  const sayRaw = async (a: Actor, text: string) => {
    const p = actor(a);
    const activity = teamsChannel(p, { type: 'message', text });
    if (a === 'foreignTenant')
      Object.assign(activity, {
        conversation: { id: channel, conversationType: 'channel', tenantId: 'tenant-2' },
        channelData: { tenant: { id: 'tenant-2' } },
      });
    return svc.replies(activity);
  };
  const say = async (a: Actor, text: string) => allText(await sayRaw(a, text));
  /** Exactly one plain message with the one denial sentence: nothing about the target leaks. */
  const isPlainDenial = (replies: Awaited<ReturnType<typeof sayRaw>>) =>
    replies.length === 1 && replies[0]?.text === DENIED && (replies[0]?.attachments ?? []).length === 0;

  beforeAll(async () => {
    // Channel authentication on: subscriptions and reminder chats are stored only from authenticated turns.
    svc = await startAuthenticatedTestService(coordinatorEnv());
    expect(await inChannel(svc, actor('bootstrap'), `rolle koordination ${OID.coordinator}`)).toContain(
      'Rolle vergeben: Koordination',
    );
    expect(await inChannel(svc, actor('bootstrap'), `rolle lead Potsdam ${OID.lead}`)).toContain(
      'Rolle vergeben: Leitung Potsdam',
    );
    await svc.service.db.prisma.respondent.create({
      data: {
        identityKey: `aad:tenant-1:${OID.respondent}`,
        municipalityId: 'potsdam',
        role: 'integration_staff',
        consentedAt: new Date(),
      },
    });
  });
  afterAll(async () => svc.stop());

  it.each(MATRIX)('%s', async (command, allowed) => {
    for (const a of ACTORS) {
      const replies = await sayRaw(a, command);
      const outcome = allText(replies).includes(DENIED) ? 'denied' : 'allowed';
      expect({ actor: a, command, outcome }).toEqual({
        actor: a,
        command,
        outcome: allowed.includes(a) ? 'allowed' : 'denied',
      });
      if (outcome === 'denied') expect(isPlainDenial(replies)).toBe(true);
      else expect(replies.length).toBeGreaterThan(0);
    }
  });

  it('refuses a lead alike for other and for unknown municipalities, while coordinators learn it is unknown', async () => {
    expect(isPlainDenial(await sayRaw('lead', 'vergleich Nirgendwo'))).toBe(true);
    expect(isPlainDenial(await sayRaw('lead', 'vergleich Bochum'))).toBe(true);
    expect(await say('bootstrap', 'vergleich Nirgendwo')).toContain('kenne ich nicht');
  });

  it('matches municipality names forgivingly (case, umlauts, slugs, Landkreis)', async () => {
    const ch = `19:match-${Date.now()}@thread.tacv2`;
    const p = actor('bootstrap', ch);
    for (const name of [
      'lübeck',
      'LUEBECK',
      'Luebeck',
      'lk teltow-fläming',
      'Landkreis Teltow-Flaeming',
      'halle (saale)',
      'Görlitz',
    ]) {
      expect(await inChannel(svc, p, `abonnieren ${name}`)).toContain('Zusammenfassungen für **');
    }
    const scopes = (await svc.service.db.prisma.channelSubscription.findMany({ where: { conversationId: ch } }))
      .map((s) => s.scope)
      .sort();
    expect(scopes).toEqual(['halle-saale', 'lk-goerlitz', 'lk-teltow-flaeming', 'luebeck']);
    expect(await inChannel(svc, p, 'abonnieren landkreis')).toContain('passt auf mehrere Kommunen');
    expect(await inChannel(svc, p, 'abbestellen')).toContain('Abbestellt: 4');
  });

  it('grants through an @mention and takes rights away on revoke', async () => {
    const p = actor('bootstrap');
    const activity = teamsChannel(p, {
      type: 'message',
      text: '<at>Weltoffen-Bot</at> rolle lead Bochum <at>Erika Muster</at>',
      entities: [
        {
          type: 'mention',
          text: '<at>Weltoffen-Bot</at>',
          mentioned: { id: '28:weltoffen-bot', name: 'Weltoffen-Bot' },
        },
        {
          type: 'mention',
          text: '<at>Erika Muster</at>',
          mentioned: { id: '29:erika', name: 'Erika Muster', aadObjectId: 'ERIKA-8888' },
        },
      ],
    });
    expect(allText(await svc.replies(activity))).toContain('Rolle vergeben: Leitung Bochum für Erika Muster');
    expect(
      await svc.service.db.prisma.roleGrant.findFirst({
        where: { identityKey: 'aad:tenant-1:erika-8888', municipalityId: 'bochum' },
      }),
    ).not.toBeNull();
    const erika = newParticipant({ conversationId: channel, aadObjectId: 'erika-8888' });
    expect(await inChannel(svc, erika, 'vergleich Bochum')).not.toContain(DENIED);
    expect(await say('bootstrap', 'entziehen lead Bochum aad:tenant-1:erika-8888')).toContain('Rolle entzogen');
    expect(await inChannel(svc, erika, 'vergleich Bochum')).toMatch(/^Dafür fehlt Ihnen die Berechtigung\. \[\]$/);
    // Granting twice stores one grant.
    await say('bootstrap', `rolle lead Potsdam ${OID.lead}`);
    expect(await svc.service.db.prisma.roleGrant.count({ where: { identityKey: `aad:tenant-1:${OID.lead}` } })).toBe(1);
  });

  it('turns reminders off and on only in the personal chat', async () => {
    const p = newParticipant({ aadObjectId: OID.respondent });
    expect(await inPersonal(svc, p, 'erinnerungen aus')).toContain('erinnere Sie nicht mehr');
    expect(
      (
        await svc.service.db.prisma.personalConversation.findUnique({
          where: { identityKey: `aad:tenant-1:${OID.respondent}` },
        })
      )?.remindersEnabled,
    ).toBe(false);
    expect(await inPersonal(svc, p, 'reminders on')).toContain('Erinnerungen sind eingeschaltet');
    expect(
      (
        await svc.service.db.prisma.personalConversation.findUnique({
          where: { identityKey: `aad:tenant-1:${OID.respondent}` },
        })
      )?.remindersEnabled,
    ).toBe(true);
    expect(await say('respondent', 'erinnerungen aus')).toContain('nur im persönlichen Chat');
    // Someone who never joined the self-check gets the answer, but nothing is stored about them.
    expect(await inPersonal(svc, newParticipant({ aadObjectId: OID.stranger }), 'erinnerungen aus')).toContain(
      'erinnere Sie nicht mehr',
    );
    expect(
      await svc.service.db.prisma.personalConversation.count({
        where: { identityKey: `aad:tenant-1:${OID.stranger}` },
      }),
    ).toBe(0);
  });

  it('stores the 1:1 conversation reference for reminders only after consent', async () => {
    const p = newParticipant({ aadObjectId: 'new-resp-1010', serviceUrl: 'http://127.0.0.1:9/teams-a/' });
    const row = () =>
      svc.service.db.prisma.personalConversation.findUnique({ where: { identityKey: 'aad:tenant-1:new-resp-1010' } });
    await inPersonal(svc, p, 'start');
    expect(await row()).toBeNull();
    await inPersonal(svc, p, 'ja');
    await inPersonal(svc, p, 'Kiel');
    expect(await row()).toMatchObject({
      conversationId: p.conversationId,
      serviceUrl: 'http://127.0.0.1:9/teams-a/',
      remindersEnabled: true,
    });
    // Teams moved the conversation: the stored reference follows.
    await inPersonal(svc, { ...p, serviceUrl: 'http://127.0.0.1:9/teams-b/' }, 'Verwaltungsspitze');
    expect((await row())?.serviceUrl).toBe('http://127.0.0.1:9/teams-b/');
  });

  it('leaves ordinary self-check messages to the self-check', async () => {
    const p = newParticipant({ aadObjectId: 'someone-new-9999' });
    expect(await inPersonal(svc, p, 'start')).toContain('Datenschutz');
  });
});
