import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { defaultRegistry } from '../../src/domain/selbstcheck';
import type { Database } from '../../src/infrastructure/db/database';
import { BotConnectorGateway } from '../../src/infrastructure/outbox/botConnectorGateway';
import { PrismaOutboxRepository } from '../../src/infrastructure/outbox/prismaOutboxRepository';
import { PrismaMembershipRepository } from '../../src/infrastructure/repositories/prismaMembershipRepository';
import { PrismaAnswerRepository } from '../../src/infrastructure/repositories/prismaAnswerRepository';
import { PrismaAssessmentRepository } from '../../src/infrastructure/repositories/prismaAssessmentRepository';
import { PrismaMunicipalityRepository } from '../../src/infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaReminderRepository } from '../../src/infrastructure/repositories/prismaReminderRepository';
import { PrismaRespondentRepository } from '../../src/infrastructure/repositories/prismaRespondentRepository';
import { PrismaSubscriptionRepository } from '../../src/infrastructure/repositories/prismaSubscriptionRepository';
import { DEFAULT_DELIVERY_OPTIONS, DeliveryService } from '../../src/services/deliveryService';
import { ReminderService } from '../../src/services/reminderService';
import { SelfCheckService } from '../../src/services/selfCheckService';
import { OutboxContentService } from '../../src/services/outboxContent';
import { OutboxMessages } from '../../src/bot/replies/outboxMessages';
import { openMigratedTestDatabase, usingPostgres } from '../support/testDatabase';
import { isServiceUrlAllowed, serviceUrlPolicy } from '../../src/domain/conversation/serviceUrl';
import { FakeConnector } from './fakeConnector';

/** Local mode's policy: the fake connector listens on loopback. */
const LOCAL_POLICY = serviceUrlPolicy([], true);

const DAY = 24 * 3600_000;

describe(`reminders with a controlled clock (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let connector: FakeConnector;
  let selfCheck: SelfCheckService;
  let reminders: PrismaReminderRepository;
  const T0 = new Date('2026-03-02T09:00:00Z').getTime();
  let now = T0;
  const clock = { now: () => new Date(now) };
  let job: ReminderService;

  beforeAll(async () => {
    ({ db, dispose } = await openMigratedTestDatabase());
    connector = await new FakeConnector().start();
    selfCheck = new SelfCheckService({
      municipalities: new PrismaMunicipalityRepository(db.prisma),
      respondents: new PrismaRespondentRepository(db.prisma),
      assessments: new PrismaAssessmentRepository(db.prisma),
      answers: new PrismaAnswerRepository(db.prisma),
      membership: new PrismaMembershipRepository(db.prisma),
      registry: defaultRegistry,
      clock,
    });
    reminders = new PrismaReminderRepository(db.prisma);
    job = new ReminderService({
      reminders,
      outbox: new PrismaOutboxRepository(db.prisma),
      selfCheck,
      clock,
      afterDays: 2,
    });
  });
  afterAll(async () => {
    await connector.stop();
    await dispose();
  });

  /** A consented respondent of Zwickau with one answer given at `at`, and (optionally) a 1:1 conversation. */
  async function respondent(name: string, at: number, withConversation = true) {
    const identityKey = `aad:tenant-1:${name}`;
    const r = await db.prisma.respondent.create({
      data: {
        identityKey,
        municipalityId: 'zwickau',
        membership: 'invitation',
        role: 'integration_staff',
        consentedAt: new Date(at),
        locale: 'de',
      },
    });
    const assessment = await selfCheck.startOrJoinAssessment('zwickau');
    await answerAt(r.id, assessment.id, 'MS-01', at);
    if (withConversation)
      await reminders.rememberConversation(identityKey, {
        serviceUrl: connector.url,
        channelId: 'msteams',
        conversation: { id: `a:${name}` },
        bot: { id: '28:bot' },
      });
    return { id: r.id, identityKey, assessmentId: assessment.id };
  }

  async function answerAt(respondentId: string, assessmentId: string, questionId: string, at: number) {
    await selfCheck.recordAnswer({
      assessment: { id: assessmentId, questionnaireVersion: 1 },
      respondentId,
      questionId,
      value: 'partial',
      channel: 'msteams',
    });
    await db.prisma.answer.updateMany({ where: { respondentId, questionId }, data: { answeredAt: new Date(at) } });
  }

  const reminderRows = (identityKey: string) =>
    db.prisma.outboxDelivery.findMany({ where: { identityKey }, orderBy: { createdAt: 'asc' } });

  it('reminds once per pause after N days, at most once a week, not when turned off, not without a 1:1 chat', async () => {
    const anna = await respondent('anna', T0);
    const ben = await respondent('ben', T0, false);
    now = T0 + 1 * DAY;
    expect(await job.run()).toBe(0);
    now = T0 + 3 * DAY;
    expect(await job.run()).toBe(1);
    expect(await reminderRows(anna.identityKey)).toHaveLength(1);
    expect(await reminderRows(ben.identityKey)).toHaveLength(0);
    // The same pause never gets a second reminder.
    now = T0 + 5 * DAY;
    expect(await job.run()).toBe(0);

    // Anna answers again and pauses again: 2.5 days later, but only 3 days after the last reminder.
    await answerAt(anna.id, anna.assessmentId, 'MS-02', T0 + 3.5 * DAY);
    now = T0 + 6 * DAY;
    expect(await job.run()).toBe(0);
    now = T0 + 10.1 * DAY;
    expect(await job.run()).toBe(1);
    expect(await reminderRows(anna.identityKey)).toHaveLength(2);

    // Turned off: nothing; on again: the next pause is reminded.
    await reminders.setRemindersEnabled(anna.identityKey, false);
    await answerAt(anna.id, anna.assessmentId, 'MS-04', T0 + 11 * DAY);
    now = T0 + 20 * DAY;
    expect(await job.run()).toBe(0);
    await reminders.setRemindersEnabled(anna.identityKey, true);
    expect(await job.run()).toBe(1);
  });

  it('does not remind a respondent who answered everything', async () => {
    now = T0 + 30 * DAY;
    const carla = await respondent('carla', now - 5 * DAY);
    const q = selfCheck.questionnaire(1);
    for (let i = 0; i < 200; i++) {
      const progress = selfCheck.progress(1, await selfCheck.answersOf(carla.assessmentId, carla.id));
      if (progress.next === undefined) break;
      await selfCheck.recordAnswer({
        assessment: { id: carla.assessmentId, questionnaireVersion: q.version },
        respondentId: carla.id,
        questionId: progress.next.id,
        value: 'none',
        channel: 'msteams',
      });
    }
    await db.prisma.answer.updateMany({
      where: { respondentId: carla.id },
      data: { answeredAt: new Date(now - 5 * DAY) },
    });
    await job.run();
    expect(await reminderRows(carla.identityKey)).toHaveLength(0);
    expect((await job.stalled('zwickau')).map((s) => s.identityKey)).not.toContain(carla.identityKey);
  });

  it('delivers the reminder card with a Continue button to the 1:1 chat through the outbox', async () => {
    now = T0 + 40 * DAY;
    const dora = await respondent('dora', now - 3 * DAY);
    expect(await job.run()).toBeGreaterThanOrEqual(1);
    const sender = new DeliveryService({
      outbox: new PrismaOutboxRepository(db.prisma),
      subscriptions: new PrismaSubscriptionRepository(db.prisma),
      reminders,
      gateway: new BotConnectorGateway(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), ''),
      renderer: new OutboxMessages(
        new OutboxContentService({
          selfCheck,
          respondents: new PrismaRespondentRepository(db.prisma),
          channelLocale: 'de',
          reminderAfterDays: 2,
        }),
      ),
      clock: { now: () => new Date(Date.now() + 60_000) },
      options: { ...DEFAULT_DELIVERY_OPTIONS, worker: 'R', perConversationGapMs: 0 },
      serviceUrlAllowed: (url) => isServiceUrlAllowed(url, LOCAL_POLICY),
    });
    await sender.tick();
    const posts = connector.posts('a:dora');
    expect(posts).toHaveLength(1);
    const body = JSON.stringify(posts.at(0)!.body);
    expect(body).toContain('Ihr Selbstcheck wartet auf Sie');
    expect(body).toContain('Zwickau');
    expect(body).toMatch(/"verb":"continue".*"assessmentId":"[^"]+"/);
    expect(body).toContain('erinnerungen aus');
    expect((await reminderRows(dora.identityKey))[0]).toMatchObject({ state: 'sent' });
  });
});
