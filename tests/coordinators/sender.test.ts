import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Database } from '../../src/infrastructure/db/database';
import { BotConnectorGateway, parseRetryAfter } from '../../src/infrastructure/outbox/botConnectorGateway';
import { PrismaOutboxRepository } from '../../src/infrastructure/outbox/prismaOutboxRepository';
import { PrismaReminderRepository } from '../../src/infrastructure/repositories/prismaReminderRepository';
import { PrismaSubscriptionRepository } from '../../src/infrastructure/repositories/prismaSubscriptionRepository';
import {
  DEFAULT_DELIVERY_OPTIONS,
  DeliveryService,
  SERVICE_URL_REFUSED,
  classifyFailure,
  retryDelayMs,
} from '../../src/services/deliveryService';
import type { ConversationGateway, OutboxMessageRenderer } from '../../src/domain/ports';
import { openMigratedTestDatabase, usingPostgres } from '../support/testDatabase';
import { isServiceUrlAllowed, serviceUrlPolicy } from '../../src/domain/conversation/serviceUrl';
import { FakeConnector } from './fakeConnector';

/** Local mode's policy: the fake connector listens on loopback. */
const LOCAL_POLICY = serviceUrlPolicy([], true);

const renderer: OutboxMessageRenderer = {
  render: (d) => Promise.resolve({ text: `${d.kind} ${d.municipalityId} ${d.fieldId ?? ''}` }),
  staleAlert: (s, reason) => ({ text: `stale ${s.scope} ${reason}` }),
};

describe(`the outbox sender (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let connector: FakeConnector;
  let gateway: BotConnectorGateway;
  let now = Date.now();
  const clock = { now: () => new Date(now) };
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedTestDatabase());
    connector = await new FakeConnector().start();
    // Local mode: no app id, so no credentials are requested for outgoing calls.
    gateway = new BotConnectorGateway(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), '');
  });
  afterAll(async () => {
    await connector.stop();
    await dispose();
  });
  beforeEach(() => connector.reset());

  const sender = (worker: string, g: ConversationGateway = gateway) =>
    new DeliveryService({
      outbox: new PrismaOutboxRepository(db.prisma),
      subscriptions: new PrismaSubscriptionRepository(db.prisma),
      reminders: new PrismaReminderRepository(db.prisma),
      gateway: g,
      renderer,
      clock,
      options: { ...DEFAULT_DELIVERY_OPTIONS, worker, perConversationGapMs: 0 },
      serviceUrlAllowed: (url) => isServiceUrlAllowed(url, LOCAL_POLICY),
    });

  async function subscription(conversationId: string, scope: string) {
    return new PrismaSubscriptionRepository(db.prisma).subscribe({
      scope,
      reference: {
        serviceUrl: connector.url,
        channelId: 'msteams',
        conversation: { id: conversationId },
        bot: { id: '28:bot' },
      },
      tenantId: 't',
      teamId: null,
      channelId: conversationId,
      createdBy: 'test',
      locale: 'de',
    });
  }

  async function event(key: string, municipalityId: string, subscriptionId: string, conversationId: string) {
    const e = await db.prisma.outboxEvent.create({
      data: { idempotencyKey: key, kind: 'field_completed', municipalityId, fieldId: 'MS' },
    });
    return db.prisma.outboxDelivery.create({
      data: { eventId: e.id, idempotencyKey: `${key}|${subscriptionId}`, subscriptionId, conversationId },
    });
  }

  it('settles a crash between post and record by updating the posted card, never posting again', async () => {
    now = Date.now() + 5000; // ahead of the rows' CURRENT_TIMESTAMP, so they are due
    const conv = '19:crash@thread';
    const sub = await subscription(conv, 'bochum');
    const d1 = await event('crash-1', 'bochum', sub.id, conv);
    expect((await sender('A').tick()).sent).toBe(1);
    const first = await db.prisma.outboxDelivery.findUniqueOrThrow({ where: { id: d1.id } });
    expect(first.activityId).toMatch(/^activity-/);

    const d2 = await event('crash-2', 'bochum', sub.id, conv);
    // Worker B posts, then dies before it can record the activity id.
    const crashing: ConversationGateway = {
      post: async (ref, msg) => {
        await gateway.post(ref, msg);
        throw new Error('process killed after the post');
      },
      update: (ref, id, msg) => gateway.update(ref, id, msg),
    };
    await expect(sender('B', crashing).tick()).rejects.toThrow('process killed');
    expect((await db.prisma.outboxDelivery.findUniqueOrThrow({ where: { id: d2.id } })).state).toBe('claimed');
    // Worker C, before the lease ends, leaves the row alone.
    expect(await sender('C').tick()).toMatchObject({ sent: 0, settled: 0 });
    // After the lease: uncertain, then settled by an update of the channel's card.
    now += DEFAULT_DELIVERY_OPTIONS.leaseMs + 1000;
    const c = sender('C');
    await c.tick();
    expect((await db.prisma.outboxDelivery.findUniqueOrThrow({ where: { id: d2.id } })).state).toBe('uncertain');
    expect((await c.tick()).settled).toBe(1);
    const settled = await db.prisma.outboxDelivery.findUniqueOrThrow({ where: { id: d2.id } });
    expect(settled).toMatchObject({ state: 'sent', activityId: first.activityId, worker: 'C' });
    expect(JSON.stringify(settled.log)).toContain('settled by updating the posted card');
    expect(connector.posts(conv)).toHaveLength(2);
    expect(connector.updates(conv).map((u) => u.url)).toEqual([
      `/v3/conversations/${encodeURIComponent(conv)}/activities/${first.activityId}`,
    ]);
    expect(await sender('D').tick()).toMatchObject({ sent: 0, settled: 0 });
  });

  it('never resends an uncertain reminder', async () => {
    now = Date.now() + 5000; // ahead of the rows' CURRENT_TIMESTAMP, so they are due
    await new PrismaReminderRepository(db.prisma).rememberConversation('aad:t:r1', {
      serviceUrl: connector.url,
      channelId: 'msteams',
      conversation: { id: 'a:r1' },
    });
    const e = await db.prisma.outboxEvent.create({
      data: { idempotencyKey: 'rem-1', kind: 'reminder', municipalityId: 'kiel' },
    });
    const d = await db.prisma.outboxDelivery.create({
      data: { eventId: e.id, idempotencyKey: 'rem-1|x', identityKey: 'aad:t:r1', conversationId: 'a:r1' },
    });
    const crashing: ConversationGateway = {
      post: async (ref, msg) => {
        await gateway.post(ref, msg);
        throw new Error('crash');
      },
      update: gateway.update.bind(gateway),
    };
    await expect(sender('B', crashing).tick()).rejects.toThrow('crash');
    now += DEFAULT_DELIVERY_OPTIONS.leaseMs + 1000;
    const c = sender('C');
    await c.tick();
    await c.tick();
    const row = await db.prisma.outboxDelivery.findUniqueOrThrow({ where: { id: d.id } });
    expect(row.state).toBe('skipped');
    expect(row.lastError).toContain('reminder not resent');
    expect(connector.posts('a:r1')).toHaveLength(1);
    expect(connector.updates('a:r1')).toHaveLength(0);
  });

  it('retries a 5xx with backoff and fails other 4xx at once without touching the subscription', async () => {
    now = Date.now() + 5000; // ahead of the rows' CURRENT_TIMESTAMP, so they are due
    const conv = '19:errors@thread';
    const sub = await subscription(conv, 'kiel');
    // The connector client itself retries 5xx three times; the fifth 500 reaches the outbox.
    const e500 = { status: 500 };
    connector.script(conv, e500, e500, e500, e500);
    const d = await event('errors-1', 'kiel', sub.id, conv);
    const s = sender('E');
    expect((await s.tick()).retried).toBe(1);
    let row = await db.prisma.outboxDelivery.findUniqueOrThrow({ where: { id: d.id } });
    expect(row).toMatchObject({ state: 'retry_wait', lastStatus: 500, attempts: 1 });
    // Full jitter: at most 1 s for the first retry.
    expect(row.nextAttemptAt.getTime() - now).toBeLessThanOrEqual(1000);
    now += 1000;
    expect((await s.tick()).sent).toBe(1);
    row = await db.prisma.outboxDelivery.findUniqueOrThrow({ where: { id: d.id } });
    expect(row).toMatchObject({ state: 'sent', attempts: 2 });

    connector.script(conv, { status: 400 });
    const bad = await event('errors-2', 'kiel', sub.id, conv);
    now = Date.now() + 5000;
    expect((await s.tick()).failed).toBe(1);
    expect((await db.prisma.outboxDelivery.findUniqueOrThrow({ where: { id: bad.id } })).state).toBe('failed');
    expect((await db.prisma.channelSubscription.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe('active');
  }, 30_000);

  it('adds a missed assessment-completed event when all seven fields were completed by different respondents at once', async () => {
    now = Date.now() + 5000;
    const conv = '19:sweep@thread';
    const sub = await subscription(conv, 'lk-osnabrueck');
    const assessment = await db.prisma.assessment.create({
      data: { municipalityId: 'lk-osnabrueck', questionnaireVersion: 1, round: 1 },
    });
    for (const [i, fieldId] of ['MS', 'IO', 'FZ', 'AW', 'EB', 'ZB', 'KK'].entries()) {
      await db.prisma.outboxEvent.create({
        data: {
          idempotencyKey: `field_completed:${assessment.id}:r${i}:${fieldId}`,
          kind: 'field_completed',
          municipalityId: 'lk-osnabrueck',
          assessmentId: assessment.id,
          respondentId: `r${i}`,
          fieldId,
        },
      });
    }
    const outbox = new PrismaOutboxRepository(db.prisma);
    expect(await outbox.sweepCompletions(7)).toBe(1);
    expect(await outbox.sweepCompletions(7)).toBe(0);
    const completion = await db.prisma.outboxEvent.findUniqueOrThrow({
      where: { idempotencyKey: `assessment_completed:${assessment.id}` },
      include: { deliveries: true },
    });
    expect(completion.deliveries.map((d) => d.subscriptionId)).toEqual([sub.id]);
    // The sender's first tick runs the sweep too (nothing left to add here).
    expect(await sender('S').tick()).toMatchObject({ sent: 1 });
  });

  it('never calls a stored reference whose serviceUrl the policy refuses (stored before the policy existed)', async () => {
    now = Date.now() + 5000;
    // Authenticated mode's policy: the Bot Framework hosts only, no loopback. The references below point at
    // the fake connector, so any request that got through would be recorded there.
    const strict = (worker: string) =>
      new DeliveryService({
        outbox: new PrismaOutboxRepository(db.prisma),
        subscriptions: new PrismaSubscriptionRepository(db.prisma),
        reminders: new PrismaReminderRepository(db.prisma),
        gateway,
        renderer,
        clock,
        options: { ...DEFAULT_DELIVERY_OPTIONS, worker, perConversationGapMs: 0 },
        serviceUrlAllowed: (url) => isServiceUrlAllowed(url, serviceUrlPolicy([], false)),
      });
    const conv = '19:forged@thread';
    const sub = await subscription(conv, 'bochum');
    const d = await event('forged-1', 'bochum', sub.id, conv);
    await new PrismaReminderRepository(db.prisma).rememberConversation('aad:t:forged', {
      serviceUrl: connector.url,
      channelId: 'msteams',
      conversation: { id: 'a:forged' },
    });
    const e = await db.prisma.outboxEvent.create({
      data: { idempotencyKey: 'rem-forged', kind: 'reminder', municipalityId: 'kiel' },
    });
    const r = await db.prisma.outboxDelivery.create({
      data: { eventId: e.id, idempotencyKey: 'rem-forged|x', identityKey: 'aad:t:forged', conversationId: 'a:forged' },
    });
    expect(await strict('X').tick()).toMatchObject({ sent: 0, failed: 2 });
    for (const id of [d.id, r.id]) {
      expect(await db.prisma.outboxDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({
        state: 'failed',
        lastError: SERVICE_URL_REFUSED,
      });
    }
    expect(await db.prisma.channelSubscription.findUniqueOrThrow({ where: { id: sub.id } })).toMatchObject({
      status: 'stale',
      staleReason: 'serviceUrl not allowed',
    });
    expect(connector.calls).toHaveLength(0);
    // The same sender with the local policy would have posted: the refusal above is the policy's doing.
    const again = await event('forged-2', 'bochum', sub.id, conv);
    await db.prisma.channelSubscription.update({
      where: { id: sub.id },
      data: { status: 'active', staleReason: null },
    });
    expect(await sender('Y').tick()).toMatchObject({ sent: 1 });
    expect((await db.prisma.outboxDelivery.findUniqueOrThrow({ where: { id: again.id } })).state).toBe('sent');
  });

  it('classifies failures and computes delays as documented', () => {
    expect([403, 404].map(classifyFailure)).toEqual(['gone', 'gone']);
    expect([429, 412, 500, 502, 503, 504, null].map(classifyFailure)).toEqual(Array(7).fill('retry'));
    expect([400, 401, 413].map(classifyFailure)).toEqual(['fatal', 'fatal', 'fatal']);
    expect(retryDelayMs(1, 2000)).toBe(2000);
    expect(retryDelayMs(1, null, () => 0.999)).toBeLessThanOrEqual(1000);
    expect(retryDelayMs(3, null, () => 1)).toBe(4000);
    expect([4, 5, 6, 7, 12].map((a) => retryDelayMs(a, null) / 60_000)).toEqual([1, 5, 15, 60, 60]);
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
