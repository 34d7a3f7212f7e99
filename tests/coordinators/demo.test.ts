/**
 * Coordinators' and leads' commands and the demo municipality: naming the demo gets one answer (it is never
 * compared, subscribed, closed, exported, reminded or led), and real comparisons never count the demo, however
 * many visitors completed a sandbox there. Through the real service with verified Teams tokens.
 */
import { FIELD_IDS, defaultRegistry, questionsOfField, type StoredAnswer } from '../../src/domain/selbstcheck';
import { newParticipant } from '../support/activities';
import { startAuthenticatedTestService, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { COORDINATOR_OID, TENANT, coordinatorEnv, inChannel } from './support';

const DEMO = 'musterstadt-demo';
const DEMO_ANSWER = 'ist die Demo-Kommune zum Ausprobieren';
const LEAD_OID = 'lead-potsdam-demo-1';
const q = defaultRegistry.getQuestionnaire(1);
const firstQuestions = FIELD_IDS.map((f) => questionsOfField(q, f).find((x) => x.gate === undefined)?.id ?? '');

describe(`coordinator commands and the demo municipality (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  const channel = `19:demo-${Date.now()}@thread.tacv2`;
  const coordinator = () => newParticipant({ conversationId: channel, aadObjectId: COORDINATOR_OID });
  const lead = () => newParticipant({ conversationId: channel, aadObjectId: LEAD_OID });
  let n = 0;

  /** A round with one respondent answering one question per field; a sandbox of that respondent in the demo. */
  async function round(municipalityId: string, value: StoredAnswer, completed: boolean): Promise<string> {
    const prisma = svc.service.db.prisma;
    n += 1;
    const demo = municipalityId === DEMO;
    const r = await prisma.respondent.create({
      data: {
        identityKey: `webchat:demo-cmd-${n}`,
        municipalityId,
        role: 'mayor',
        consentedAt: new Date(),
        membership: demo ? 'demo' : 'invitation',
        memberNo: n,
      },
    });
    const a = await prisma.assessment.create({
      data: {
        municipalityId,
        questionnaireVersion: 1,
        round: n,
        sandboxOf: demo ? r.id : null,
        ...(completed ? { status: 'completed', completedAt: new Date() } : {}),
      },
    });
    for (const questionId of firstQuestions)
      await prisma.answer.create({
        data: {
          assessmentId: a.id,
          respondentId: r.id,
          questionId,
          value,
          questionnaireVersion: 1,
          channel: 'webchat',
        },
      });
    return a.id;
  }

  beforeAll(async () => {
    svc = await startAuthenticatedTestService(coordinatorEnv());
    await round('potsdam', 'full', false);
    for (const [id, value] of [
      ['bochum', 'none'],
      ['kiel', 'planned'],
      ['aachen', 'planned'],
      ['zwickau', 'partial'],
      ['erlangen', 'partial'],
    ] as const)
      await round(id, value, false);
    // Many visitors completed their sandbox with the best answers; one is still at it.
    for (let i = 0; i < 6; i++) await round(DEMO, 'full', true);
    await round(DEMO, 'full', false);
    await svc.service.db.prisma.roleGrant.create({
      data: {
        identityKey: `aad:${TENANT}:${LEAD_OID}`,
        role: 'lead',
        municipalityId: 'potsdam',
        grantedBy: 'test',
      },
    });
  });
  afterAll(async () => svc.stop());

  it('compares a real municipality with the five real others only', async () => {
    const text = await inChannel(svc, coordinator(), 'vergleich Potsdam');
    expect(text).toContain('Vergleich: Potsdam');
    expect(text).toContain('5 Kommunen');
    expect(text).not.toContain('6 Kommunen');
    expect(text).not.toContain('Musterstadt');
  });

  it('answers every command naming the demo with the same explanation, and stores nothing', async () => {
    const prisma = svc.service.db.prisma;
    const open = await prisma.assessment.count({ where: { municipalityId: DEMO, status: 'in_progress' } });
    for (const command of [
      'vergleich Musterstadt',
      'abonnieren Musterstadt (Demo)',
      'abbestellen Musterstadt',
      'abschluss Musterstadt',
      'export Musterstadt pdf',
      'wer fehlt Musterstadt',
      'rolle lead Musterstadt someone-6666',
    ]) {
      const text = await inChannel(svc, coordinator(), command);
      expect([command, text]).toEqual([command, expect.stringContaining(`Musterstadt (Demo) ${DEMO_ANSWER}`)]);
    }
    expect(await prisma.channelSubscription.count({ where: { scope: DEMO } })).toBe(0);
    expect(await prisma.roleGrant.count({ where: { municipalityId: DEMO } })).toBe(0);
    expect(await prisma.assessment.count({ where: { municipalityId: DEMO, status: 'in_progress' } })).toBe(open);
    expect(await inChannel(svc, coordinator(), 'compare Musterstadt', 'en-US')).toContain(
      'Musterstadt (Demo) is the demo municipality for trying the self-check out',
    );
    // The same command for a real municipality does store the subscription (the refusal above is the demo's).
    expect(await inChannel(svc, coordinator(), 'abonnieren Potsdam')).toContain('Zusammenfassungen für **Potsdam**');
    expect(await prisma.channelSubscription.count({ where: { scope: 'potsdam' } })).toBe(1);
  });

  it('tells a lead the same about the demo, and still refuses other municipalities plainly', async () => {
    expect(await inChannel(svc, lead(), 'vergleich Musterstadt')).toContain(DEMO_ANSWER);
    expect((await inChannel(svc, lead(), 'vergleich Bochum')).trim()).toBe('Dafür fehlt Ihnen die Berechtigung. []');
  });

  it('leaves the demo out of the list of municipalities and out of `wer fehlt`', async () => {
    const unknown = await inChannel(svc, coordinator(), 'vergleich Atlantis');
    expect(unknown).toContain('Die Kommune „Atlantis“ kenne ich nicht');
    expect(unknown).toContain('Potsdam');
    expect(unknown).not.toContain('Musterstadt');
    // Backdated so every paused respondent would show; none of the demo's visitors does.
    await svc.service.db.prisma.answer.updateMany({ data: { answeredAt: new Date(Date.now() - 30 * 24 * 3600_000) } });
    const stalled = await inChannel(svc, coordinator(), 'wer fehlt');
    expect(stalled).toContain('Potsdam');
    expect(stalled).not.toContain('Musterstadt');
  });
});
