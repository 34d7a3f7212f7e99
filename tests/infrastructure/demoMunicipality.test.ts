/**
 * The demo municipality on a migrated database: every visitor answers in a private sandbox round, sandboxes are
 * reset after a day, and the demo never reaches the dashboard, reminders, comparisons, exports or the outbox.
 */
import type { Assessment, Respondent } from '../../src/domain/model';
import {
  FIELD_IDS,
  defaultRegistry,
  gateState,
  isFieldComplete,
  questionsOfField,
  type AnswerMap,
  type FieldId,
  type StoredAnswer,
} from '../../src/domain/selbstcheck';
import { TurnWrites, withTurnWrites } from '../../src/infrastructure/db/turnWrites';
import { PrismaExportSource } from '../../src/infrastructure/export/prismaExportSource';
import { PrismaOutboxRepository } from '../../src/infrastructure/outbox/prismaOutboxRepository';
import { PrismaAnswerRepository } from '../../src/infrastructure/repositories/prismaAnswerRepository';
import { PrismaAssessmentRepository } from '../../src/infrastructure/repositories/prismaAssessmentRepository';
import { PrismaDemoSandboxRepository } from '../../src/infrastructure/repositories/prismaDemoSandboxRepository';
import { PrismaMembershipRepository } from '../../src/infrastructure/repositories/prismaMembershipRepository';
import { PrismaMunicipalityRepository } from '../../src/infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaRespondentRepository } from '../../src/infrastructure/repositories/prismaRespondentRepository';
import { PrismaStorage } from '../../src/infrastructure/state/prismaStorage';
import { DemoResetService } from '../../src/services/demoResetService';
import { SelfCheckService } from '../../src/services/selfCheckService';
import { usingPostgres } from '../support/testDatabase';
import { migratedDatabase } from './migrationsSupport';

const DEMO = 'musterstadt-demo';
const HOUR = 3600_000;
const q = defaultRegistry.currentQuestionnaire();
const FIELD: FieldId = FIELD_IDS[0] ?? 'MS';

describe(`the demo municipality: private sandboxes, reset after a day (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const db = migratedDatabase();
  let selfCheck: SelfCheckService;
  let n = 0;

  beforeAll(() => {
    selfCheck = new SelfCheckService({
      municipalities: new PrismaMunicipalityRepository(db().prisma),
      respondents: new PrismaRespondentRepository(db().prisma),
      assessments: new PrismaAssessmentRepository(db().prisma),
      answers: new PrismaAnswerRepository(db().prisma, db().sql),
      membership: new PrismaMembershipRepository(db().prisma),
      registry: defaultRegistry,
      clock: { now: () => new Date() },
    });
  });

  /** A consenting web chat visitor who joined the demo, and the round they answer in. */
  async function visitor(): Promise<{ respondent: Respondent; round: Assessment }> {
    n += 1;
    const created = await selfCheck.registerRespondent(`webchat:demo-visitor-${n}`, 'de');
    await selfCheck.updateRespondent(created.id, { role: 'integration_officer', consentedAt: new Date() });
    const respondent = await selfCheck.joinMunicipality(created.id, DEMO, 'demo');
    return { respondent, round: await selfCheck.startOrJoinAssessment(DEMO, respondent) };
  }

  /** Answers every open question of the first field with `value` (gates answered `full` open their follow-ups). */
  async function answerField(round: Assessment, respondentId: string, value: StoredAnswer, comment?: string) {
    let answers: AnswerMap = {};
    for (const question of questionsOfField(q, FIELD)) {
      if (gateState(question, answers) !== 'open') continue;
      const result = await selfCheck.recordAnswer({
        assessment: round,
        respondentId,
        questionId: question.id,
        value,
        comment: comment ?? null,
        channel: 'webchat',
        answers,
      });
      expect(result.kind).toBe('stored');
      answers = { ...answers, [question.id]: value };
    }
    expect(isFieldComplete(q, FIELD, answers)).toBe(true);
  }

  it('gives two visitors two sandboxes in which neither sees the other’s answers or comments', async () => {
    const a = await visitor();
    const b = await visitor();
    expect(a.round.sandboxOf).toBe(a.respondent.id);
    expect(b.round.sandboxOf).toBe(b.respondent.id);
    expect(a.round.id).not.toBe(b.round.id);
    // Coming back joins one's own sandbox again.
    expect((await selfCheck.startOrJoinAssessment(DEMO, a.respondent)).id).toBe(a.round.id);

    await answerField(a.round, a.respondent.id, 'full', 'Kommentar von A');
    await answerField(b.round, b.respondent.id, 'none', 'Kommentar von B');

    const summaryA = await selfCheck.overallSummary(a.round);
    const summaryB = await selfCheck.overallSummary(b.round);
    expect(summaryA.respondents).toBe(1);
    expect(summaryB.respondents).toBe(1);
    expect(new Set(Object.values(summaryA.consolidated.answers))).toEqual(new Set(['full']));
    expect(new Set(Object.values(summaryB.consolidated.answers))).toEqual(new Set(['none']));
    expect(await selfCheck.colleaguesProgress(a.round, a.respondent.id)).toEqual([]);
    expect(await selfCheck.colleaguesProgress(b.round, b.respondent.id)).toEqual([]);
    // Comments travel with the answer rows of the round (what exports read): only one's own.
    const rowsA = await new PrismaExportSource(db().prisma).answerRows(a.round.id);
    expect(rowsA.length).toBeGreaterThan(0);
    expect(new Set(rowsA.map((r) => r.comment))).toEqual(new Set(['Kommentar von A']));
    // The shared round of the demo is never found as "current" for anyone.
    expect(await new PrismaAssessmentRepository(db().prisma).findCurrent(DEMO)).toBeUndefined();
  });

  it('removes sandboxes that started more than a day ago with their answers, keeps newer ones and real rounds', async () => {
    const now = new Date();
    const old = await visitor();
    const recent = await visitor();
    await answerField(old.round, old.respondent.id, 'partial');
    await answerField(recent.round, recent.respondent.id, 'partial');
    const prisma = db().prisma;
    await prisma.assessment.update({ where: { id: old.round.id }, data: { startedAt: new Date(+now - 25 * HOUR) } });
    await prisma.assessment.update({ where: { id: recent.round.id }, data: { startedAt: new Date(+now - 23 * HOUR) } });
    // A real municipality's old round is never touched.
    const real = await prisma.assessment.create({
      data: {
        municipalityId: 'kiel',
        questionnaireVersion: q.version,
        round: 1,
        startedAt: new Date(+now - 900 * HOUR),
      },
    });
    const oldAnswerIds = (await prisma.answer.findMany({ where: { assessmentId: old.round.id } })).map((a) => a.id);
    expect(oldAnswerIds.length).toBeGreaterThan(0);
    expect(await prisma.answerHistory.count({ where: { answerId: { in: oldAnswerIds } } })).toBeGreaterThan(0);

    const info: object[] = [];
    const reset = new DemoResetService({
      sandboxes: new PrismaDemoSandboxRepository(prisma),
      clock: { now: () => now },
      resetHours: 24,
      log: { info: (obj) => info.push(obj), warn: () => undefined },
    });
    // The first test's sandboxes are fresh: only the backdated one goes.
    expect(await reset.run()).toBe(1);
    expect(info).toEqual([{ removed: 1 }]);
    expect(await prisma.assessment.findUnique({ where: { id: old.round.id } })).toBeNull();
    expect(await prisma.answer.count({ where: { assessmentId: old.round.id } })).toBe(0);
    expect(await prisma.answerHistory.count({ where: { answerId: { in: oldAnswerIds } } })).toBe(0);
    expect(await prisma.assessment.findUnique({ where: { id: recent.round.id } })).not.toBeNull();
    expect(await prisma.answer.count({ where: { assessmentId: recent.round.id } })).toBeGreaterThan(0);
    expect(await prisma.assessment.findUnique({ where: { id: real.id } })).not.toBeNull();
    // The visitor stays a member and simply gets a fresh, empty sandbox next time.
    expect(await prisma.respondent.findUnique({ where: { id: old.respondent.id } })).not.toBeNull();
    const fresh = await selfCheck.startOrJoinAssessment(DEMO, old.respondent);
    expect(fresh.id).not.toBe(old.round.id);
    expect(fresh.sandboxOf).toBe(old.respondent.id);
    expect(await selfCheck.answersOf(fresh.id, old.respondent.id)).toEqual({});
    // A second run finds nothing more; a shorter reset time takes the 23-hour-old sandbox as well.
    expect(await reset.run()).toBe(0);
    const hourly = new DemoResetService({
      sandboxes: new PrismaDemoSandboxRepository(prisma),
      clock: { now: () => now },
      resetHours: 12,
    });
    expect(await hourly.run()).toBe(1);
    expect(await prisma.assessment.findUnique({ where: { id: recent.round.id } })).toBeNull();
    await prisma.assessment.delete({ where: { id: real.id } });
  });

  it('runs once at start and then on its timer, and stops cleanly', async () => {
    let runs = 0;
    const reset = new DemoResetService({
      sandboxes: {
        removeStartedBefore: () => {
          runs += 1;
          return Promise.resolve(0);
        },
      },
      clock: { now: () => new Date() },
      resetHours: 24,
    });
    reset.start(20);
    expect(runs).toBe(1);
    await new Promise((r) => setTimeout(r, 90));
    await reset.stop();
    const after = runs;
    expect(after).toBeGreaterThan(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(runs).toBe(after);
  });

  describe('outbox: the demo’s completions reach no channel, not even a ‘*’ subscription', () => {
    const reference = (id: string) => ({ serviceUrl: 'http://127.0.0.1:9/', conversation: { id } });
    const eventsOf = (assessmentId: string) => db().prisma.outboxEvent.count({ where: { assessmentId } });
    const deliveriesOf = (assessmentId: string) =>
      db().prisma.outboxDelivery.count({ where: { event: { assessmentId } } });

    beforeAll(async () => {
      // Written straight to the table: the bot refuses a subscription to the demo (tests/coordinators/demo.test.ts).
      for (const scope of ['*', DEMO, 'kiel'])
        await db().prisma.channelSubscription.create({
          data: {
            conversationId: `19:demo-${scope}@thread.tacv2`,
            scope,
            serviceUrl: 'http://127.0.0.1:9/',
            reference: reference(`19:demo-${scope}@thread.tacv2`),
            createdBy: 'aad:t:coordinator',
          },
        });
    });

    it('writes no field event for a sandbox, answered directly or within a bot turn', async () => {
      const direct = await visitor();
      await answerField(direct.round, direct.respondent.id, 'full');
      expect(await eventsOf(direct.round.id)).toBe(0);

      // In a bot turn the completing answer travels in the same statement as the state update.
      const inTurn = await visitor();
      const storage = new PrismaStorage(db().sql);
      const key = `demo/turn/${inTurn.respondent.id}`;
      await storage.write({ [key]: { step: 0 } });
      let eTag = ((await storage.read([key]))[key] as { eTag: string }).eTag;
      let answers: AnswerMap = {};
      for (const question of questionsOfField(q, FIELD)) {
        if (gateState(question, answers) !== 'open') continue;
        await withTurnWrites(new TurnWrites(true), async () => {
          const result = await selfCheck.recordAnswer({
            assessment: inTurn.round,
            respondentId: inTurn.respondent.id,
            questionId: question.id,
            value: 'full',
            channel: 'webchat',
            answers,
          });
          expect(result).toEqual({ kind: 'stored', outcome: 'deferred' });
          await storage.writeSerialized(key, JSON.stringify({ step: question.id }), eTag);
        });
        eTag = ((await storage.read([key]))[key] as { eTag: string }).eTag;
        answers = { ...answers, [question.id]: 'full' };
      }
      expect(Object.keys(await selfCheck.answersOf(inTurn.round.id, inTurn.respondent.id))).toEqual(
        Object.keys(answers),
      );
      expect(await eventsOf(inTurn.round.id)).toBe(0);
      expect(await deliveriesOf(inTurn.round.id)).toBe(0);
    });

    it('writes none for a round of the demo municipality that is no sandbox either', async () => {
      const shared = await db().prisma.assessment.create({
        data: { municipalityId: DEMO, questionnaireVersion: q.version, round: 900 },
      });
      const { respondent } = await visitor();
      await answerField({ ...shared, sandboxOf: null }, respondent.id, 'full');
      expect(await eventsOf(shared.id)).toBe(0);
      await db().prisma.assessment.delete({ where: { id: shared.id } });
    });

    it('closes a sandbox without an event, and the sweep never completes one', async () => {
      const outbox = new PrismaOutboxRepository(db().prisma);
      const closed = await visitor();
      expect(await outbox.completeAssessment(closed.round.id, new Date())).toBe(true);
      expect((await db().prisma.assessment.findUnique({ where: { id: closed.round.id } }))?.status).toBe('completed');
      expect(await eventsOf(closed.round.id)).toBe(0);

      // Events that should not exist (written before this release): the sweep still adds nothing for them.
      const swept = await visitor();
      for (const fieldId of FIELD_IDS)
        await db().prisma.outboxEvent.create({
          data: {
            idempotencyKey: `field_completed:${swept.round.id}:${swept.respondent.id}:${fieldId}`,
            kind: 'field_completed',
            municipalityId: DEMO,
            assessmentId: swept.round.id,
            respondentId: swept.respondent.id,
            fieldId,
          },
        });
      expect(await outbox.sweepCompletions(FIELD_IDS.length)).toBe(0);
      expect(await db().prisma.outboxEvent.count({ where: { assessmentId: swept.round.id } })).toBe(FIELD_IDS.length);
      expect(await deliveriesOf(swept.round.id)).toBe(0);
    });

    it('still fans out a real municipality’s completion to its own and to ‘*’ subscriptions', async () => {
      const outbox = new PrismaOutboxRepository(db().prisma);
      const created = await selfCheck.registerRespondent('webchat:demo-test-kiel', 'de');
      await selfCheck.updateRespondent(created.id, { role: 'mayor', consentedAt: new Date() });
      const respondent = await selfCheck.joinMunicipality(created.id, 'kiel', 'invitation');
      const round = await selfCheck.startOrJoinAssessment('kiel', respondent);
      expect(round.sandboxOf).toBeNull();
      await answerField(round, respondent.id, 'full');
      expect(await eventsOf(round.id)).toBe(1);
      const targets = await db().prisma.outboxDelivery.findMany({
        where: { event: { assessmentId: round.id } },
        select: { subscription: { select: { scope: true } } },
      });
      expect(targets.map((t) => t.subscription?.scope).sort()).toEqual(['*', 'kiel']);
      expect(await outbox.completeAssessment(round.id, new Date())).toBe(true);
      expect(
        await db().prisma.outboxEvent.count({ where: { assessmentId: round.id, kind: 'assessment_completed' } }),
      ).toBe(1);
    });
  });
});
