/**
 * Invitation codes and members through the running service: a coordinator invites in the Teams 1:1 chat
 * (code, ready-to-forward text, web chat link), never in a channel; a lead invites members but not leads;
 * someone without a role is denied. Codes never reach the database in plain text.
 */
import { message, newParticipant, teamsPersonal, webchat, type Participant } from '../support/activities';
import { startAuthenticatedTestService, type ReplyActivity, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { COORDINATOR_OID, coordinatorEnv, inChannel, inPersonal } from './support';

const DENIED = 'Dafür fehlt Ihnen die Berechtigung.';
const CODE = /WK-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/g;
const BASE = 'https://weltoffen.example.org';

describe(`invitation codes and members in Teams and the web chat (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  const coordinator = newParticipant({ aadObjectId: COORDINATOR_OID });
  const lead = newParticipant({ aadObjectId: 'lead-potsdam-3333' });
  const respondent = newParticipant({ aadObjectId: 'resp-potsdam-4444' });
  const texts = async (p: Participant, text: string): Promise<string[]> =>
    (await svc.replies(message(teamsPersonal, p, text))).map((r) => r.text ?? '');
  const invitationCount = () => svc.service.db.prisma.invitation.count();

  beforeAll(async () => {
    svc = await startAuthenticatedTestService(coordinatorEnv({ PUBLIC_BASE_URL: `${BASE}/` }));
    await svc.service.db.prisma.respondent.create({
      // As the membership migration left someone who answered before: a legacy member, number 1.
      data: {
        identityKey: 'aad:tenant-1:resp-potsdam-4444',
        municipalityId: 'potsdam',
        role: 'integration_staff',
        membership: 'legacy',
        memberNo: 1,
      },
    });
  });
  afterAll(() => svc.stop());

  it('gives a coordinator in the 1:1 chat a code, a ready-to-forward invitation and a #code web chat link', async () => {
    const [note, invitation, ...rest] = await texts(coordinator, 'einladen Potsdam');
    expect(rest).toEqual([]);
    const code = note?.match(CODE)?.[0] ?? '';
    expect(code).not.toBe('');
    expect(note).toContain('Einladungscode für **Potsdam**');
    expect(note).toContain('beliebig oft nutzbar');
    expect(invitation).toContain('Der Selbstcheck ist');
    expect(invitation).toContain(`Ihr Einladungscode: **${code}**`);
    expect(invitation).toContain(`\`code ${code}\``);
    expect(invitation).toContain(`${BASE}/#code=${code}`);
    expect(invitation).toContain('Microsoft Teams');
    expect(invitation).toMatch(/Der Code gilt bis \d{1,2}\. \S+ \d{4}/);
    expect(invitation?.match(CODE)?.every((c) => c === code)).toBe(true);

    // The code is stored as a hash only: not in any table, bot state included.
    const tables = await svc.service.db.prisma.$queryRawUnsafe<{ tablename: string }[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
    );
    for (const { tablename } of tables) {
      const [dump] = await svc.service.db.prisma.$queryRawUnsafe<{ text: string | null }[]>(
        `SELECT string_agg(row_to_json(t)::text, ' ') AS text FROM "${tablename}" t`,
      );
      expect([tablename, (dump?.text ?? '').toUpperCase().includes(code.slice(3))]).toEqual([tablename, false]);
    }
  });

  it('refuses the same command in a channel without making a code', async () => {
    const before = await invitationCount();
    const channel = newParticipant({ aadObjectId: COORDINATOR_OID, conversationId: '19:inv@thread.tacv2' });
    for (const command of ['einladen Potsdam', 'einladen Potsdam leitung', 'invite Potsdam']) {
      const reply = await inChannel(svc, channel, command);
      expect(reply).toContain('nur im persönlichen Chat');
      expect(reply).not.toMatch(CODE);
    }
    expect(await invitationCount()).toBe(before);
  });

  it('lets a lead (granted with `rolle lead`) invite members of their municipality, but not leads or elsewhere', async () => {
    expect(await inPersonal(svc, coordinator, `rolle lead Potsdam ${lead.aadObjectId ?? ''}`)).toContain(
      'Rolle vergeben: Leitung Potsdam',
    );
    const [note] = await texts(lead, 'einladen Potsdam 10');
    expect(note).toMatch(CODE);
    expect(note).toContain('höchstens 10-mal nutzbar');
    const before = await invitationCount();
    expect(await texts(lead, 'einladen Potsdam leitung')).toEqual([DENIED]);
    expect(await texts(lead, 'einladen Bochum')).toEqual([DENIED]);
    expect(await texts(lead, 'einladen Atlantis')).toEqual([DENIED]);
    expect(await invitationCount()).toBe(before);
    const [leadNote, leadText] = await texts(coordinator, 'einladen Potsdam leitung');
    expect(leadNote).toContain('nur einmal nutzbar');
    expect(leadText).toContain('als kommunale Leitung');
  });

  it('denies a respondent without grants, in Teams and in the web chat, with one plain answer', async () => {
    const before = await invitationCount();
    for (const command of [
      'einladen Potsdam',
      'einladen Atlantis',
      'einladungen Potsdam',
      'mitglieder Potsdam',
      'mitglied entfernen Potsdam 1',
      'einladung widerrufen 7M3Q',
    ])
      expect(await texts(respondent, command)).toEqual([DENIED]);
    const visitor = newParticipant();
    const replies: ReplyActivity[] = await svc.replies(message(webchat, visitor, 'einladen Potsdam'));
    expect(replies.map((r) => r.text)).toEqual([DENIED]);
    expect(await invitationCount()).toBe(before);
  });

  it('lists, revokes and shows members in English, by pseudonymous labels only', async () => {
    const english = newParticipant({ aadObjectId: COORDINATOR_OID, locale: 'en-US' });
    const [note, invitation] = await texts(english, 'invite Potsdam 3');
    expect(note).toContain('usable at most 3 times');
    expect(invitation).toContain('The self-check is');
    const code = note?.match(CODE)?.[0] ?? '';
    const start = code.slice(3, 7);
    const [list] = await texts(english, 'invitations Potsdam');
    expect(list).toContain(`\`WK-${start}-…\` · members · 0 of 3 used`);
    expect(list).toContain('**valid**');
    expect(list).not.toContain(code);
    expect(await texts(english, `revoke invitation ${start.toLowerCase()}`)).toEqual([
      '1 invitation code(s) revoked. People who already joined stay members.',
    ]);
    expect((await texts(english, 'invitations Potsdam'))[0]).toMatch(new RegExp(`WK-${start}-….*\\*\\*revoked\\*\\*`));
    const [members] = await texts(english, 'members Potsdam');
    expect(members).toContain(
      'Respondent 1 · Staff member of the integration unit – joined before verification – please review',
    );
    expect(members).not.toContain('resp-potsdam-4444');
    expect(await texts(english, 'remove member Potsdam 7')).toEqual([
      'Potsdam has no member with number 7. `members Potsdam` shows the numbers.',
    ]);
  });
});
