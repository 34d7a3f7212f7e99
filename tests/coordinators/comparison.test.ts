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

  it('compares with at least five others (median, quartiles) and shows the change since the previous round', async () => {
    const channel = channelMember('http://127.0.0.1:9/', COORDINATOR_OID);
    await round('potsdam', 1, 'none', true);
    await round('potsdam', 2, 'full', false);
    await round('bochum', 1, 'none', false);
    await round('kiel', 1, 'planned', false);
    await round('aachen', 1, 'planned', false);
    await round('zwickau', 1, 'partial', false);
    // Four others: too few to show a distribution.
    const few = await inChannel(svc, channel, 'vergleich Potsdam');
    expect(few).toContain('zu wenige Vergleichswerte (mindestens 5 andere Kommunen nötig)');
    expect(few).not.toContain('| Median');

    await round('erlangen', 1, 'partial', false);
    // An older round of another municipality does not count; only its newest does.
    await round('konstanz', 1, 'none', true);
    await round('konstanz', 2, 'full', false);
    const text = await inChannel(svc, channel, 'vergleich potsdam');
    expect(text).toContain('Vergleich: Potsdam');
    // Others: 0, 25, 25, 60, 60, 100 → median 42.5, quartiles 25 and 60; own 100 is in the highest quarter.
    expect(text).toContain('100 | Median 42,5 (mittlere Hälfte 25–60, 6 Kommunen) – oberes Viertel');
    expect(text).toContain('Veränderung seit Runde 1');
    expect(text).toMatch(/Management und Steuerung: 0 → 100 \(\+100\)/);
    // The button opens Potsdam in the dashboard tab inside Teams (TEAMS_APP_ID is configured).
    expect(text).toContain(dashboardLink({ publicBaseUrl: svc.url, teamsAppId: TEAMS_APP_ID })('potsdam'));

    // Bochum's others: 25, 25, 60, 60, 100, 100 (Potsdam and Konstanz with their newest round).
    const english = await inChannel(svc, channel, 'compare Bochum');
    expect(english).toContain('0 | Median 60 (mittlere Hälfte 33,8–90, 6 Kommunen) – unteres Viertel');
    expect(english).toContain('Noch keine frühere Runde');
  });
});
