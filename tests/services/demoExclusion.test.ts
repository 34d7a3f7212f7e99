/**
 * The demo municipality never appears where real municipalities are looked at: dashboard lists, comparisons
 * and counts, reminders and `wer fehlt`, exports and comparisons' rounds, however many visitors completed
 * their sandboxes. On a migrated database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
 */
import { aadIdentityKey } from '../../src/domain/access';
import type { Assessment, Respondent } from '../../src/domain/model';
import {
  FIELD_IDS,
  NO_RELEASE,
  defaultRegistry,
  questionsOfField,
  type StoredAnswer,
} from '../../src/domain/selbstcheck';
import { documentExportRenderer } from '../../src/infrastructure/export/documentRenderer';
import { PrismaExportSource } from '../../src/infrastructure/export/prismaExportSource';
import { PrismaOutboxRepository } from '../../src/infrastructure/outbox/prismaOutboxRepository';
import { PrismaAccessRepository } from '../../src/infrastructure/repositories/prismaAccessRepository';
import { PrismaAnswerRepository } from '../../src/infrastructure/repositories/prismaAnswerRepository';
import { PrismaAssessmentRepository } from '../../src/infrastructure/repositories/prismaAssessmentRepository';
import { PrismaDashboardRepository } from '../../src/infrastructure/repositories/prismaDashboardRepository';
import { PrismaMembershipRepository } from '../../src/infrastructure/repositories/prismaMembershipRepository';
import { PrismaMunicipalityRepository } from '../../src/infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaReminderRepository } from '../../src/infrastructure/repositories/prismaReminderRepository';
import { PrismaRespondentRepository } from '../../src/infrastructure/repositories/prismaRespondentRepository';
import { PrismaResultsRepository } from '../../src/infrastructure/repositories/prismaResultsRepository';
import { exportTexts } from '../../src/i18n/exportCatalog';
import { AccessService } from '../../src/services/accessService';
import { ComparisonService } from '../../src/services/comparisonService';
import { DashboardService } from '../../src/services/dashboardService';
import { PrismaComparisonRepository } from '../../src/infrastructure/repositories/prismaComparisonRepository';
import { ExportService } from '../../src/services/exportService';
import { ExportCommands } from '../../src/services/exportLinks';
import { PrismaDownloadLinkStore } from '../../src/infrastructure/repositories/prismaDownloadLinkStore';
import { PrismaAuditLog } from '../../src/infrastructure/repositories/prismaAuditLog';
import { ReminderService } from '../../src/services/reminderService';
import { SelfCheckService } from '../../src/services/selfCheckService';
import { migratedDatabase } from '../infrastructure/migrationsSupport';
import { usingPostgres } from '../support/testDatabase';

const DEMO = 'musterstadt-demo';
const TENANT = '11111111-2222-4333-8444-555555555555';
const COORDINATOR = aadIdentityKey(TENANT, 'c0000000-0000-4000-8000-00000000c00d');
const DAY = 24 * 3600_000;
const q = defaultRegistry.currentQuestionnaire();
/** One ungated question per field, so every field gets a score from one answer. */
const firstQuestions = FIELD_IDS.map((f) => questionsOfField(q, f).find((x) => x.gate === undefined)?.id ?? '');
/** Potsdam is compared with five real municipalities; the demo's visitors all answer the best value. */
const OTHERS: readonly [string, StoredAnswer][] = [
  ['bochum', 'none'],
  ['kiel', 'planned'],
  ['aachen', 'planned'],
  ['zwickau', 'partial'],
  ['erlangen', 'partial'],
];
const DEMO_VISITORS = 8;

describe(`the demo is never compared, listed, reminded or exported (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const db = migratedDatabase();
  let selfCheck: SelfCheckService;
  let access: AccessService;
  let n = 0;
  const demoRounds: Assessment[] = [];
  const demoVisitors: Respondent[] = [];
  let staleReal: Respondent;

  /** A respondent of the municipality (a demo visitor in the demo) answering every field once. */
  async function answering(municipalityId: string, value: StoredAnswer) {
    n += 1;
    const created = await selfCheck.registerRespondent(aadIdentityKey(TENANT, `r-${n}`), 'de');
    await selfCheck.updateRespondent(created.id, { role: 'mayor', consentedAt: new Date() });
    const respondent = await selfCheck.joinMunicipality(
      created.id,
      municipalityId,
      municipalityId === DEMO ? 'demo' : 'invitation',
    );
    const round = await selfCheck.startOrJoinAssessment(municipalityId, respondent);
    for (const questionId of firstQuestions) {
      const result = await selfCheck.recordAnswer({
        assessment: round,
        respondentId: respondent.id,
        questionId,
        value,
        channel: 'msteams',
      });
      expect(result.kind).toBe('stored');
    }
    return { respondent, round };
  }

  /** Pauses a respondent's round for ten days and gives them a personal chat (what reminders need). */
  async function pause(respondent: Respondent, round: Assessment): Promise<void> {
    const prisma = db().prisma;
    await prisma.answer.updateMany({
      where: { assessmentId: round.id, respondentId: respondent.id },
      data: { answeredAt: new Date(Date.now() - 10 * DAY) },
    });
    await prisma.personalConversation.create({
      data: {
        identityKey: respondent.identityKey,
        conversationId: `a:${respondent.id}`,
        serviceUrl: 'http://127.0.0.1:9/',
        reference: { serviceUrl: 'http://127.0.0.1:9/', conversation: { id: `a:${respondent.id}` } },
      },
    });
  }

  beforeAll(async () => {
    const prisma = db().prisma;
    const respondents = new PrismaRespondentRepository(prisma);
    selfCheck = new SelfCheckService({
      municipalities: new PrismaMunicipalityRepository(prisma),
      respondents,
      assessments: new PrismaAssessmentRepository(prisma),
      answers: new PrismaAnswerRepository(prisma),
      membership: new PrismaMembershipRepository(prisma),
      registry: defaultRegistry,
      clock: { now: () => new Date() },
    });
    access = new AccessService({
      access: new PrismaAccessRepository(prisma),
      respondents,
      bootstrap: { objectIds: ['c0000000-0000-4000-8000-00000000c00d'], tenantIds: [TENANT] },
    });
    await answering('potsdam', 'full');
    for (const [id, value] of OTHERS) await answering(id, value);
    // Kiel's second respondent paused long ago: reminded and listed in `wer fehlt`.
    const kiel = await answering('kiel', 'partial');
    await prisma.answer.deleteMany({
      where: { respondentId: kiel.respondent.id, questionId: { not: firstQuestions[0] } },
    });
    await pause(kiel.respondent, kiel.round);
    staleReal = kiel.respondent;
    // Many visitors tried the demo: most completed their sandbox, the rest paused half-way ten days ago.
    for (let i = 0; i < DEMO_VISITORS; i++) {
      const { respondent, round } = await answering(DEMO, 'full');
      demoVisitors.push(respondent);
      demoRounds.push(round);
      if (i % 2 === 0) await new PrismaOutboxRepository(prisma).completeAssessment(round.id, new Date());
      else {
        await prisma.answer.deleteMany({ where: { assessmentId: round.id, questionId: { not: firstQuestions[0] } } });
        await pause(respondent, round);
      }
    }
    expect(new Set(demoRounds.map((r) => r.id)).size).toBe(DEMO_VISITORS);
  });

  function comparisons(): ComparisonService {
    const prisma = db().prisma;
    return new ComparisonService({
      comparisons: new PrismaComparisonRepository(prisma),
      answers: new PrismaAnswerRepository(prisma),
      registry: defaultRegistry,
      clock: { now: () => new Date() },
    });
  }

  function dashboard(): DashboardService {
    const prisma = db().prisma;
    return new DashboardService({
      municipalities: new PrismaMunicipalityRepository(prisma),
      respondents: new PrismaRespondentRepository(prisma),
      dashboard: new PrismaDashboardRepository(prisma),
      registry: defaultRegistry,
      access,
      comparisons: comparisons(),
      stalledDays: 7,
      clock: { now: () => new Date() },
    });
  }

  it('leaves the demo out of the dashboard: overview, counts, detail, comparison and quartiles', async () => {
    const prisma = db().prisma;
    const service = dashboard();
    const overview = await service.overview(COORDINATOR);
    const ids = overview.municipalities.map((r) => r.municipality.id);
    expect(ids).not.toContain(DEMO);
    expect(ids).toContain('potsdam');
    expect(ids).toHaveLength(await prisma.municipality.count({ where: { demo: false, archivedAt: null } }));
    expect(await service.municipality(COORDINATOR, DEMO)).toEqual({ status: 'not_found' });

    const rounds = await new PrismaDashboardRepository(prisma).rounds();
    expect(rounds.filter((r) => r.assessment.municipalityId === DEMO || r.assessment.sandboxOf !== null)).toEqual([]);
    expect(await new PrismaDashboardRepository(prisma).rounds([DEMO])).toEqual([]);

    // Comparisons: the demo's completed sandboxes are never frozen for them; real rounds are, once closed.
    expect(await comparisons().released()).toEqual(NO_RELEASE);
    expect(await prisma.roundSnapshot.count()).toBe(0);
    const bochum = await prisma.assessment.findFirstOrThrow({ where: { municipalityId: 'bochum' } });
    await new PrismaOutboxRepository(prisma).completeAssessment(bochum.id, new Date());
    await comparisons().released();
    expect((await prisma.roundSnapshot.findMany()).map((r) => r.municipalityId)).toEqual(['bochum']);
    const potsdam = await service.municipality(COORDINATOR, 'potsdam');
    if (potsdam.status !== 'ok') throw new Error(`potsdam: ${potsdam.status}`);
    expect(potsdam.value.comparison).toBeNull();
  });

  it('shows a demo visitor no own results on the dashboard (their sandbox stays private)', async () => {
    const me = await dashboard().me(demoVisitors[0]!.identityKey);
    expect(me.own).toBeNull();
    expect(me.coordinator).toBe(false);
  });

  it('never lists or reminds demo visitors, however long they paused', async () => {
    const prisma = db().prisma;
    const outbox = new PrismaOutboxRepository(prisma);
    const reminders = new ReminderService({
      reminders: new PrismaReminderRepository(prisma),
      outbox,
      selfCheck,
      clock: { now: () => new Date() },
      afterDays: 7,
    });
    const stalled = await reminders.stalled();
    expect(stalled.map((s) => s.respondentId)).toEqual([staleReal.id]);
    expect(await reminders.stalled(DEMO)).toEqual([]);
    expect(await reminders.run()).toBe(1);
    const reminded = await prisma.outboxEvent.findMany({ where: { kind: 'reminder' }, select: { respondentId: true } });
    expect(reminded.map((e) => e.respondentId)).toEqual([staleReal.id]);
    expect(await prisma.outboxEvent.count({ where: { municipalityId: DEMO } })).toBe(0);
  });

  it('refuses to export the demo like an unknown municipality and never compares its rounds', async () => {
    const prisma = db().prisma;
    const exports = new ExportService({
      selfCheck,
      source: new PrismaExportSource(prisma),
      municipalities: new PrismaMunicipalityRepository(prisma),
      registry: defaultRegistry,
      clock: { now: () => new Date() },
      renderer: documentExportRenderer(exportTexts),
    });
    for (const format of ['pdf', 'csv', 'json'] as const)
      expect(await exports.export(DEMO, format, 'de')).toEqual({ kind: 'not_found', what: 'municipality' });
    expect((await exports.export('potsdam', 'csv', 'de')).kind).toBe('ok');
    expect(await new PrismaExportSource(prisma).latestAssessment(DEMO)).toBeUndefined();

    const commands = new ExportCommands({
      access,
      municipalities: new PrismaMunicipalityRepository(prisma),
      links: new PrismaDownloadLinkStore(prisma),
      audit: new PrismaAuditLog(prisma),
      dashboardLink: (id) => `http://127.0.0.1:3978/dashboard/?municipality=${id}`,
      clock: { now: () => new Date() },
      ttlSeconds: 900,
      publicBaseUrl: 'http://127.0.0.1:3978',
    });
    const personal = { locale: 'de', place: 'personal' } as const;
    expect(await commands.exportLink(COORDINATOR, DEMO, 'pdf', personal)).toEqual({ kind: 'unknown_municipality' });
    expect(await commands.exportLink(COORDINATOR, DEMO, 'pdf', { ...personal, place: 'channel' })).toEqual({
      kind: 'unknown_municipality',
    });
    expect(await prisma.downloadLink.count({ where: { municipalityId: DEMO } })).toBe(0);
    expect((await commands.exportLink(COORDINATOR, 'potsdam', 'pdf', personal)).kind).toBe('link');

    const compared = await new PrismaResultsRepository(prisma).roundsWithAnswers();
    expect(compared.map((r) => r.municipalityId)).not.toContain(DEMO);
    expect(compared.filter((r) => r.sandboxOf !== null)).toEqual([]);
  });
});
