/**
 * Members as the lead sees them, and a removal that holds: the removed person's answers of the round in
 * progress are gone, and an answer sent afterwards from the same conversation stores nothing.
 */
import { message, newParticipant, webchat, type Participant } from '../support/activities';
import { inviteCode } from '../support/membership';
import { startTestService, type ReplyActivity, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';

const textOf = (replies: readonly ReplyActivity[]) =>
  replies.map((r) => `${r.text ?? ''} ${JSON.stringify(r.attachments ?? [])}`).join('\n');

describe(`removing a member (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService();
  });
  afterAll(async () => svc.stop());
  const prisma = () => svc.service.db.prisma;
  const say = async (p: Participant, text: string) => textOf(await svc.replies(message(webchat, p, text)));
  const answersOf = (p: Participant) =>
    prisma().answer.count({ where: { respondent: { identityKey: `webchat:${p.userId}` } } });

  it('lists members pseudonymously and stops a removed member mid-walk', async () => {
    const lead = newParticipant();
    const member = newParticipant();
    for (const [p, role, kind] of [
      [lead, 'Andere Funktion', 'lead'],
      [member, 'Integrationsbeauftragte*r / Flüchtlingskoordination', 'member'],
    ] as const) {
      await say(p, 'start');
      await say(p, 'ja');
      await say(p, await inviteCode(prisma(), 'Aachen', kind));
      await say(p, role);
      await say(p, '1');
    }
    const list = await say(lead, 'mitglieder Aachen');
    expect(list).toContain('Befragte 1');
    expect(list).toContain('Befragte 2 · Integrationsbeauftragte*r');
    expect(list).not.toContain(member.userId);
    expect(await answersOf(member)).toBe(1);

    expect(await say(lead, 'mitglied entfernen Aachen 2')).toContain('Befragte 2');
    expect(await answersOf(member)).toBe(0);
    // The removed person's conversation still shows a question: the answer is refused, nothing stored.
    await say(member, '2');
    expect(await answersOf(member)).toBe(0);
    // Starting again leads to onboarding, where a code is needed.
    expect(await say(member, 'start')).toContain('Einladungscode');
    expect(await prisma().respondent.findUnique({ where: { identityKey: `webchat:${member.userId}` } })).toMatchObject({
      municipalityId: null,
      membership: null,
      memberNo: null,
    });
  });
});
