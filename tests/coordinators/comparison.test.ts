import { FIELD_IDS, defaultRegistry, questionsOfField, type StoredAnswer } from '../../src/domain/selbstcheck';
import { startTestService, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { COORDINATOR_OID, TEAMS_APP_ID, channelMember, coordinatorEnv, inChannel } from './support';
import { dashboardLink } from '../../src/services/dashboardLinks';

const q = defaultRegistry.getQuestionnaire(1);
/** One ungated question per field, so each field's score is exactly that answer's points. */
const firstQuestions = FIELD_IDS.map((f) => questionsOfField(q, f).find((x) => x.gate === undefined)!.id);

describe(`comparison card (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(coordinatorEnv());
  });
  afterAll(async () => svc.stop());

  async function round(municipalityId: string, roundNo: number, value: StoredAnswer, completed: boolean) {
    const prisma = svc.service.db.prisma;
    const a = await prisma.assessment.create({
      data: {
        municipalityId,
        questionnaireVersion: 1,
        round: roundNo,
        ...(completed ? { status: 'completed', completedAt: new Date() } : {}),
      },
    });
    const r = await prisma.respondent.create({
      data: {
        identityKey: `webchat:cmp-${municipalityId}-${roundNo}`,
        municipalityId,
        role: 'mayor',
        consentedAt: new Date(),
      },
    });
    for (const questionId of firstQuestions) {
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
    }
  }

  it('compares with released figures from closed rounds only, renewed only when enough rounds closed', async () => {
    const channel = channelMember('http://127.0.0.1:9/', COORDINATOR_OID);
    await round('potsdam', 1, 'none', true);
    await round('potsdam', 2, 'full', false);
    await round('konstanz', 1, 'none', true);
    await round('konstanz', 2, 'full', false);
    await round('bochum', 1, 'none', false);
    await round('kiel', 1, 'planned', false);
    await round('aachen', 1, 'planned', false);
    await round('zwickau', 1, 'partial', false);
    await round('erlangen', 1, 'partial', false);
    // Seven municipalities answering, but only two closed rounds: rounds in progress never count.
    const open = await inChannel(svc, channel, 'vergleich Potsdam');
    expect(open).toContain('Noch keine Vergleichswerte');
    expect(open).toContain('zu wenige Vergleichswerte (mindestens 5 Kommunen mit abgeschlossener Runde nötig)');
    expect(open).not.toContain('| Median');

    // Closed the way coordinators close rounds; each close snapshots the round.
    for (const name of ['Bochum', 'Kiel', 'Aachen']) await inChannel(svc, channel, `abschluss ${name}`);
    // Closed: Potsdam 1 (0), Konstanz 1 (0), Bochum (0), Kiel (25), Aachen (25) → median 0, quartiles 0 and 25.
    const text = await inChannel(svc, channel, 'vergleich potsdam');
    expect(text).toContain('Vergleich: Potsdam');
    expect(text).toMatch(/Vergleichswerte vom \d{2}\.\d{2}\.\d{4}/);
    // Potsdam's own newest round (open, all 'full') placed in them.
    expect(text).toContain('100 | Median 0 (mittlere Hälfte 0–25, 5 Kommunen) – oberes Viertel');
    expect(text).toContain('Veränderung seit Runde 1');
    expect(text).toMatch(/Management und Steuerung: 0 → 100 \(\+100\)/);
    // The button opens Potsdam in the dashboard tab inside Teams (TEAMS_APP_ID is configured).
    expect(text).toContain(dashboardLink({ publicBaseUrl: svc.url, teamsAppId: TEAMS_APP_ID })('potsdam'));

    // Two more closes, both 'partial' (60): whoever knows one could read the other from new figures — kept.
    for (const name of ['Zwickau', 'Erlangen']) await inChannel(svc, channel, `abschluss ${name}`);
    const prisma = svc.service.db.prisma;
    expect(await prisma.roundSnapshot.count()).toBe(7);
    const english = await inChannel(svc, channel, 'compare Bochum');
    expect(english).toContain('0 | Median 0 (mittlere Hälfte 0–25, 5 Kommunen) – über dem Median');
    expect(english).toContain('Noch keine frühere Runde');
    expect(await prisma.comparisonRelease.count()).toBe(1);
  });
});
