/**
 * The web chat identity across devices: after consent a staff member gets a personal resume code, and
 * another browser (another web chat user) that types it continues as the same person — same membership,
 * same answers, same question. Teams users are told they need none.
 */
import { message, newParticipant, teamsPersonal, webchat, type Participant } from '../support/activities';
import { inviteCode } from '../support/membership';
import { startTestService, type ReplyActivity, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';

const textOf = (replies: readonly ReplyActivity[]) =>
  replies.map((r) => `${r.text ?? ''} ${JSON.stringify(r.attachments ?? [])}`).join('\n');
const questionIdOf = (replies: readonly ReplyActivity[]): string | undefined =>
  replies
    .flatMap((r) => (r.attachments ?? []).map((a) => a.content as { actions?: { data: Record<string, unknown> }[] }))
    .find((c) => c.actions?.some((a) => a.data['verb'] === 'answer'))?.actions?.[0]?.data['questionId'] as
    string | undefined;

describe(`resume codes in the web chat (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService();
  });
  afterAll(async () => svc.stop());
  const prisma = () => svc.service.db.prisma;
  const say = (p: Participant, text: string) => svc.replies(message(webchat, p, text));

  it('hands out a resume code after consent; another browser continues with it at the same question', async () => {
    const laptop = newParticipant();
    await say(laptop, 'start');
    await say(laptop, 'ja');
    await say(laptop, await inviteCode(prisma(), 'Kiel'));
    const onboarded = textOf(await say(laptop, 'Andere Funktion'));
    const code = /WR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(onboarded)?.[0];
    expect(code).toBeDefined();
    expect(questionIdOf(await say(laptop, '1'))).toBe('MS-02');
    // Only a hash is kept.
    const stored = await prisma().resumeCode.findUniqueOrThrow({ where: { identityKey: `webchat:${laptop.userId}` } });
    expect(stored.codeHash).not.toContain(code!.slice(3));

    const phone = newParticipant();
    const resumed = await say(phone, `code ${code!.toLowerCase()}`);
    expect(textOf(resumed)).toContain('Willkommen zurück');
    expect(questionIdOf(resumed)).toBe('MS-02');
    expect(questionIdOf(await say(phone, '2'))).toBe('MS-03');
    // One person, one respondent: the phone's answer is stored with the laptop's.
    const answers = await prisma().answer.findMany({
      where: { respondent: { identityKey: `webchat:${laptop.userId}` } },
      orderBy: { questionId: 'asc' },
    });
    expect(answers.map((a) => [a.questionId, a.value])).toEqual([
      ['MS-01', 'full'],
      ['MS-02', 'partial'],
    ]);
    expect(await prisma().respondent.count({ where: { identityKey: `webchat:${phone.userId}` } })).toBe(0);
  });

  it('refuses an unknown resume code and tells a Teams user that Teams needs none', async () => {
    const p = newParticipant();
    expect(textOf(await say(p, 'code WR-0000-0000-0000'))).toContain('Dieser Code gilt nicht (mehr)');
    const teams = newParticipant({ aadObjectId: 'resume-teams-1' });
    expect(textOf(await svc.replies(message(teamsPersonal, teams, 'code WR-0000-0000-0000')))).toContain(
      'In Teams brauchen Sie keinen Fortsetzungscode',
    );
  });
});
