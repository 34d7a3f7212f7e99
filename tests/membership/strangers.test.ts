/**
 * Membership in the web chat, tried as a stranger, an invited colleague and a visitor of the demo would:
 * nobody answers for, sees or closes a real municipality's round without proof, and a code works wherever
 * it is typed or pasted.
 */
import { message, newParticipant, webchat, type Participant } from '../support/activities';
import { inviteCode } from '../support/membership';
import { startTestService, type ReplyActivity, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';

const allText = (replies: readonly ReplyActivity[]) =>
  replies.map((r) => `${r.text ?? ''} ${JSON.stringify(r.attachments ?? [])}`).join('\n');
const questionIdOf = (replies: readonly ReplyActivity[]): string | undefined => {
  const cards = replies.flatMap((r) =>
    (r.attachments ?? []).map((a) => a.content as { actions?: { data: Record<string, unknown> }[] }),
  );
  const q = cards.find((c) => c.actions?.some((a) => a.data['verb'] === 'answer'));
  return q?.actions?.[0]?.data['questionId'] as string | undefined;
};

describe(`membership in the web chat (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService();
  });
  afterAll(async () => svc.stop());
  const prisma = () => svc.service.db.prisma;
  const say = async (p: Participant, text: string) => allText(await svc.replies(message(webchat, p, text)));
  const sayRaw = (p: Participant, text: string) => svc.replies(message(webchat, p, text));
  const respondentOf = (p: Participant) =>
    prisma().respondent.findUnique({ where: { identityKey: `webchat:${p.userId}` } });

  it('a stranger who names a real municipality and a function reaches none of its questions, results or rounds', async () => {
    const p = newParticipant();
    await say(p, 'start');
    const prompt = await say(p, 'ja');
    expect(prompt).toContain('Für welche Kommune antworten Sie?');
    expect(prompt).toContain('Einladungscode');
    // Only the demo is offered to someone without proof.
    expect(prompt).toContain('1. Musterstadt (Demo)');
    expect(prompt).not.toContain('Potsdam');
    const named = await say(p, 'Potsdam');
    expect(named).toContain('Um für **Potsdam** zu antworten, brauchen Sie einen Einladungscode');
    expect(await say(p, 'Verwaltungsspitze')).toContain('Einladungscode (WK-…)');
    for (const attempt of ['ergebnis', 'abschließen', 'result'])
      expect(questionIdOf(await sayRaw(p, attempt))).toBe(undefined);
    const potsdam = await prisma().assessment.findMany({ where: { municipalityId: 'potsdam' } });
    expect(potsdam).toEqual([]);
    expect(await respondentOf(p)).toMatchObject({ municipalityId: null, membership: null, role: null });
    expect(await prisma().answer.count({ where: { respondent: { identityKey: `webchat:${p.userId}` } } })).toBe(0);
  });

  it('refuses a wrong, an expired, a revoked and a malformed code with a plain answer and stores nothing', async () => {
    const p = newParticipant();
    await say(p, 'start');
    await say(p, 'ja');
    const expired = await inviteCode(prisma(), 'Bochum', 'member', { expiresAt: new Date(Date.now() - 1000) });
    const revoked = await inviteCode(prisma(), 'Bochum');
    await prisma().invitation.updateMany({ where: { municipalityId: 'bochum' }, data: { revokedAt: new Date() } });
    for (const code of ['WK-0000-0000-0000', expired, `code ${revoked.toLowerCase()}`]) {
      const reply = await say(p, code);
      expect(reply).toContain('Dieser Code gilt nicht (mehr)');
      expect(reply).not.toContain('Bochum');
    }
    expect(await say(p, 'code WK-12')).toContain('Das sieht nicht wie ein vollständiger Code aus');
    expect(await respondentOf(p)).toMatchObject({ municipalityId: null, membership: null });
    expect(await prisma().invitation.findMany({ where: { municipalityId: 'bochum' }, select: { uses: true } })).toEqual(
      [{ uses: 0 }, { uses: 0 }],
    );
  });

  it('limits wrong code attempts per conversation', async () => {
    const p = newParticipant();
    const replies: string[] = [];
    for (let i = 0; i < 7; i++) replies.push(await say(p, `WK-0000-0000-000${i}`));
    expect(replies.slice(0, 5).every((r) => r.includes('Dieser Code gilt nicht'))).toBe(true);
    expect(replies[6]).toContain('Zu viele ungültige Codes');
    // Even a valid code waits now: otherwise the limit would not stop guessing.
    expect(await say(p, await inviteCode(prisma(), 'Kiel'))).toContain('Zu viele ungültige Codes');
  });

  it('keeps a code pasted before consent in the conversation and binds it at consent (lead code: the lead role)', async () => {
    const p = newParticipant();
    const code = await inviteCode(prisma(), 'Lübeck', 'lead');
    const first = await say(p, code.replace(/-/g, ' ').toLowerCase().replace(/0/g, 'o'));
    expect(first).toContain('Code erkannt: Sie sind zu **Lübeck** eingeladen');
    expect(first).toContain('Datenschutz');
    // Nothing is stored about the person before consent.
    expect(await respondentOf(p)).toBeNull();
    const consented = await say(p, 'ja');
    expect(consented).toContain('Sie sind jetzt **Kommunalleitung** von **Lübeck**');
    expect(consented).toContain('Welche Funktion haben Sie?');
    const started = await sayRaw(p, 'Andere Funktion');
    expect(questionIdOf(started)).toBe('MS-01');
    expect(await respondentOf(p)).toMatchObject({ municipalityId: 'luebeck', membership: 'invitation', memberNo: 1 });
    expect(
      await prisma().roleGrant.findMany({
        where: { identityKey: `webchat:${p.userId}` },
        select: { role: true, municipalityId: true },
      }),
    ).toEqual([{ role: 'lead', municipalityId: 'luebeck' }]);
    // The lead code was single-use: a second person gets nothing from it.
    const other = newParticipant();
    expect(await say(other, code)).toContain('Dieser Code gilt nicht (mehr)');
  });

  it('takes a code pasted in the middle of a question: another municipality’s code moves the person there', async () => {
    const p = newParticipant();
    await say(p, 'start');
    await say(p, 'ja');
    await say(p, await inviteCode(prisma(), 'Iserlohn'));
    expect(questionIdOf(await sayRaw(p, 'Mitglied Integrationsbeirat'))).toBe('MS-01');
    expect(questionIdOf(await sayRaw(p, '1'))).toBe('MS-02');
    // The same municipality's code again: nothing changes, the question is shown again.
    const again = await sayRaw(p, await inviteCode(prisma(), 'Iserlohn'));
    expect(allText(again)).toContain('Sie antworten bereits für **Iserlohn**');
    expect(questionIdOf(again)).toBe('MS-02');
    const moved = await sayRaw(p, `code ${await inviteCode(prisma(), 'Konstanz')}`);
    expect(allText(moved)).toContain('Code angenommen: Sie antworten jetzt für **Konstanz**');
    expect(questionIdOf(moved)).toBe('MS-01');
    expect(await respondentOf(p)).toMatchObject({ municipalityId: 'konstanz', membership: 'invitation' });
    // The code was never taken for an answer.
    const iserlohn = await prisma().answer.findMany({ where: { respondent: { identityKey: `webchat:${p.userId}` } } });
    expect(iserlohn.map((a) => [a.questionId, a.value])).toEqual([['MS-01', 'full']]);
  });

  it('gives a respondent their own assessment only and refuses them closing the round; the lead sees and closes it', async () => {
    const staff = newParticipant();
    const lead = newParticipant();
    for (const [p, role] of [
      [staff, 'Verwaltungsspitze'],
      [lead, 'Andere Funktion'],
    ] as const) {
      await say(p, 'start');
      await say(p, 'ja');
      await say(p, await inviteCode(prisma(), 'Zwickau', p === lead ? 'lead' : 'member'));
      await say(p, role);
      await say(p, '1');
    }
    const own = await say(staff, 'ergebnis');
    expect(own).toContain('Ihre eigene Einschätzung – Zwickau');
    expect(own).not.toContain('Antwortende: ');
    expect(await say(staff, 'abschließen')).toContain('Die Runde schließt die Kommunalleitung ab');
    const round = await prisma().assessment.findFirstOrThrow({ where: { municipalityId: 'zwickau' } });
    expect(round.status).toBe('in_progress');
    expect(await say(lead, 'ergebnis')).toContain('Antwortende: 2');
    expect(await say(lead, 'abschließen')).toContain('Die Runde 1 des Selbstchecks ist abgeschlossen');
    expect((await prisma().assessment.findUniqueOrThrow({ where: { id: round.id } })).status).toBe('completed');
    // The one use case wrote the outbox event, so subscribed channels hear of it.
    expect(await prisma().outboxEvent.count({ where: { assessmentId: round.id, kind: 'assessment_completed' } })).toBe(
      1,
    );
  });

  it('lets anyone try the demo in a private sandbox round that nobody else sees', async () => {
    const a = newParticipant();
    const b = newParticipant();
    const rounds: string[] = [];
    for (const p of [a, b]) {
      await say(p, 'start');
      await say(p, 'ja');
      const joined = await say(p, 'Musterstadt (Demo)');
      expect(joined).toContain('Welche Funktion');
      const started = await sayRaw(p, 'Verwaltungsspitze');
      expect(allText(started)).toContain('Das ist die **Demo**');
      const card = started
        .flatMap((r) => r.attachments ?? [])
        .map((x) => x.content as { actions?: { data: Record<string, unknown> }[] });
      rounds.push(String(card.find((c) => c.actions?.[0]?.data['assessmentId'])?.actions?.[0]?.data['assessmentId']));
      await say(p, p === a ? '1' : '4');
    }
    expect(rounds[0]).not.toBe(rounds[1]);
    // Each visitor's result is their own sandbox: one respondent, and only their answer.
    const resultA = await say(a, 'ergebnis');
    expect(resultA).toContain('Gesamtauswertung Musterstadt (Demo)');
    expect(resultA).toContain('Antwortende: 1');
    expect(await respondentOf(a)).toMatchObject({ municipalityId: 'musterstadt-demo', membership: 'demo' });
    const sandboxes = await prisma().assessment.findMany({ where: { municipalityId: 'musterstadt-demo' } });
    expect(sandboxes.every((s) => s.sandboxOf !== null)).toBe(true);
  });
});
