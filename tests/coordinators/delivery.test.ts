import { message, newParticipant, webchat } from '../support/activities';
import { inviteCode } from '../support/membership';
import { TEST_OUTBOUND_TOKEN, startAuthenticatedTestService, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { FakeConnector, waitFor } from './fakeConnector';
import {
  COORDINATOR_OID,
  TEAMS_APP_ID,
  allText,
  channelMember,
  completeFirstField,
  coordinatorEnv,
  inChannel,
} from './support';
import { dashboardLink } from '../../src/services/dashboardLinks';

/** Adaptive card JSON of a recorded post, as text. */
const cardText = (body: Record<string, unknown>) => JSON.stringify(body['attachments'] ?? body['text'] ?? '');

describe(`proactive summary cards through the outbox (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let connector: FakeConnector;
  let svc: TestService;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
    // Channel authentication on: only authenticated turns store references for proactive cards.
    svc = await startAuthenticatedTestService(coordinatorEnv(), [connector.url]);
  });
  afterAll(async () => {
    await svc.stop();
    await connector.stop();
  });
  beforeEach(() => connector.reset());
  const prisma = () => svc.service.db.prisma;

  it('posts exactly one card per subscribed channel when a respondent completes a field', async () => {
    const coordinator = (channel?: string) => channelMember(connector.url, COORDINATOR_OID, channel);
    const potsdamA = coordinator();
    const potsdamB = coordinator();
    const bochum = coordinator();
    const all = coordinator();
    expect(await inChannel(svc, potsdamA, 'abonnieren Potsdam')).toContain('Zusammenfassungen für **Potsdam**');
    expect(await inChannel(svc, potsdamB, 'subscribe potsdam')).toContain('Potsdam');
    expect(await inChannel(svc, bochum, 'abonnieren Bochum')).toContain('Bochum');
    expect(await inChannel(svc, all, 'abonnieren alle')).toContain('alle Kommunen');
    // Subscribing twice changes nothing.
    await inChannel(svc, potsdamA, 'abonnieren potsdam');
    expect(await prisma().channelSubscription.count({ where: { conversationId: potsdamA.conversationId } })).toBe(1);

    await completeFirstField(svc, 'Potsdam');
    const answeredAt = Date.now();
    const subscribed = [potsdamA, potsdamB, all].map((p) => p.conversationId);
    await waitFor(() => subscribed.every((c) => connector.successfulPosts(c).length >= 1));
    const arrivals = subscribed.map((c) => connector.posts(c).at(0)!.at - answeredAt);
    console.log(
      `sender latency after the completing answer turn (poll ${coordinatorEnv()['OUTBOX_POLL_MS']} ms): ${arrivals.join(', ')} ms`,
    );
    // Give a second (wrong) post time to show up before counting.
    await new Promise((r) => setTimeout(r, 500));
    for (const c of subscribed) {
      const posts = connector.posts(c);
      expect(posts).toHaveLength(1);
      expect(cardText(posts.at(0)!.body)).toContain('Potsdam: Handlungsfeld „Management und Steuerung“ abgeschlossen');
      expect(cardText(posts.at(0)!.body)).toMatch(/Stand der Kommune/);
    }
    expect(connector.posts(bochum.conversationId)).toHaveLength(0);
    // The card's button opens Potsdam in the dashboard tab inside Teams.
    const potsdam = await prisma().municipality.findFirstOrThrow({ where: { name: 'Potsdam' } });
    expect(cardText(connector.posts(potsdamA.conversationId).at(0)!.body)).toContain(
      dashboardLink({ publicBaseUrl: svc.url, teamsAppId: TEAMS_APP_ID })(potsdam.id),
    );
    const deliveries = await prisma().outboxDelivery.findMany({ where: { conversationId: { in: subscribed } } });
    expect(deliveries.map((d) => [d.state, d.attempts, d.activityId !== null])).toEqual(
      subscribed.map(() => ['sent', 1, true]),
    );
    // Sent with the bot's credentials (the test factory's token; no login endpoint was asked).
    expect(connector.posts(potsdamA.conversationId).at(0)!.authorization).toBe(`Bearer ${TEST_OUTBOUND_TOKEN}`);

    // The coordinators see the delivery states.
    const states = await inChannel(svc, all, 'zustellungen');
    expect(states).toMatch(/Handlungsfeld abgeschlossen: zugestellt 3/);
  });

  it('posts the card in the language the channel subscribed in', async () => {
    const english = channelMember(connector.url, COORDINATOR_OID);
    expect(await inChannel(svc, english, 'subscribe Zwickau', 'en-GB')).toContain('Zwickau');
    await completeFirstField(svc, 'Zwickau');
    await waitFor(() => connector.successfulPosts(english.conversationId).length >= 1);
    const card = cardText(connector.posts(english.conversationId).at(0)!.body);
    expect(card).toContain('Management and steering');
    expect(card).not.toContain('Handlungsfeld');
  });

  it('posts the assessment-completed card once when all seven fields are done, and measures the completing turn', async () => {
    const channel = channelMember(connector.url, COORDINATOR_OID);
    await inChannel(svc, channel, 'abonnieren Erlangen');
    const p = newParticipant();
    const say = (text: string) => svc.replies(message(webchat, p, text));
    await say('start');
    await say('ja');
    // The lead of Erlangen: the closing summary is the consolidated one.
    await say(await inviteCode(prisma(), 'Erlangen', 'lead'));
    let replies = await say('Verwaltungsspitze');
    const pglite = svc.service.db.pglite;
    const counts: number[] = [];
    for (let i = 0; i < 300 && !allText(replies).includes('Gesamtauswertung Erlangen'); i++) {
      const asked = /"questionId":"[A-Z]{2}-\d{2}"/.test(allText(replies));
      // Count statements of the turn that completes the first field (PGlite only: the driver is wrapped).
      const original = pglite?.query.bind(pglite);
      let n = 0;
      if (pglite && original)
        pglite.query = (async (...args: Parameters<typeof original>) => (
          n++,
          original(...args)
        )) as typeof pglite.query;
      try {
        replies = await say(asked ? '4' : 'weiter');
      } finally {
        if (pglite && original) pglite.query = original;
      }
      if (allText(replies).includes('Auswertung: ')) counts.push(n);
    }
    const answered = Date.now();
    expect(allText(replies)).toContain('Gesamtauswertung Erlangen');
    await waitFor(() => connector.successfulPosts(channel.conversationId).length >= 8);
    const lastPostAt = Math.max(...connector.posts(channel.conversationId).map((c) => c.at));
    if (pglite)
      console.log(
        `statements in turns that complete a field: ${counts.join(', ')}; 8 cards to one channel paced ≥1.1 s apart, last posted ${lastPostAt - answered} ms after the last answer turn returned`,
      );
    await new Promise((r) => setTimeout(r, 500));
    const posts = connector.posts(channel.conversationId);
    expect(posts).toHaveLength(8);
    expect(posts.filter((c) => cardText(c.body).includes('Erlangen: Selbstcheck abgeschlossen'))).toHaveLength(1);
    expect(posts.filter((c) => cardText(c.body).includes('Erlangen: Handlungsfeld'))).toHaveLength(7);
    const events = await prisma().outboxEvent.findMany({ where: { municipalityId: 'erlangen' } });
    expect(events.map((e) => e.kind).sort()).toEqual([
      'assessment_completed',
      ...Array<string>(7).fill('field_completed'),
    ]);
  });

  it('retries a 429 after its Retry-After and records it', async () => {
    const channel = channelMember(connector.url, COORDINATOR_OID);
    await inChannel(svc, channel, 'abonnieren Iserlohn');
    // botbuilder's connector client retries a 429 itself (3 times, honouring Retry-After); the fourth 429
    // reaches the outbox, which reschedules after Retry-After as well.
    const throttled = {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { error: { code: 'Throttled', message: 'slow down' } },
    };
    connector.script(channel.conversationId, throttled, throttled, throttled, throttled);
    const started = Date.now();
    await completeFirstField(svc, 'Iserlohn');
    await waitFor(() => connector.successfulPosts(channel.conversationId).length === 1, 30_000);
    const posts = connector.posts(channel.conversationId);
    expect(posts.map((p) => p.status)).toEqual([429, 429, 429, 429, 201]);
    const gaps = posts.slice(1).map((p, i) => p.at - posts.at(i)!.at);
    console.log(`429 retry gaps (ms): ${gaps.join(', ')}; first post to delivered: ${posts.at(4)!.at - started} ms`);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(950);
    await waitFor(
      async () =>
        (await prisma().outboxDelivery.findFirst({ where: { conversationId: channel.conversationId } }))?.state ===
        'sent',
    );
    const delivery = await prisma().outboxDelivery.findFirstOrThrow({
      where: { conversationId: channel.conversationId },
    });
    expect(delivery).toMatchObject({ state: 'sent', attempts: 2 });
    expect(JSON.stringify(delivery.log)).toContain('"status":429');
  }, 60_000);

  it('marks a subscription stale on 403, tells the coordinators and does not retry', async () => {
    const all = channelMember(connector.url, COORDINATOR_OID);
    const removed = channelMember(connector.url, COORDINATOR_OID);
    await inChannel(svc, all, 'abonnieren alle');
    await inChannel(svc, removed, 'abonnieren Aachen');
    connector.script(removed.conversationId, {
      status: 403,
      body: { error: { code: 'BotNotInConversationRoster', message: 'removed' } },
    });
    await completeFirstField(svc, 'Aachen');
    await waitFor(
      async () =>
        (await prisma().channelSubscription.findFirst({ where: { conversationId: removed.conversationId } }))
          ?.status === 'stale',
    );
    await waitFor(() =>
      connector.posts(all.conversationId).some((p) => JSON.stringify(p.body).includes('können nicht mehr')),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.posts(removed.conversationId)).toHaveLength(1);
    const delivery = await prisma().outboxDelivery.findFirstOrThrow({
      where: { conversationId: removed.conversationId },
    });
    expect(delivery).toMatchObject({ state: 'failed', lastStatus: 403, lastError: 'BotNotInConversationRoster' });
    expect(await inChannel(svc, removed, 'abos')).toMatch(/gestört/);
    expect(await inChannel(svc, all, 'zustellungen')).toMatch(
      /fehlgeschlagen: Handlungsfeld abgeschlossen Aachen .*Teams verweigert die Zustellung/,
    );
    // Subscribing again (after the bot was added back) makes it active.
    await inChannel(svc, removed, 'abonnieren Aachen');
    expect(
      (await prisma().channelSubscription.findFirst({ where: { conversationId: removed.conversationId } }))?.status,
    ).toBe('active');
  });

  it('marks an assessment complete on a lead command and posts the overall card once', async () => {
    const channel = channelMember(connector.url, COORDINATOR_OID);
    await inChannel(svc, channel, 'abonnieren Konstanz');
    await completeFirstField(svc, 'Konstanz');
    await waitFor(() => connector.successfulPosts(channel.conversationId).length === 1);
    expect(await inChannel(svc, channel, 'abschluss Konstanz')).toContain('als abgeschlossen markiert');
    expect(await inChannel(svc, channel, 'abschluss Konstanz')).toContain('keine laufende Runde');
    await waitFor(() => connector.successfulPosts(channel.conversationId).length === 2);
    await new Promise((r) => setTimeout(r, 300));
    const posts = connector.posts(channel.conversationId);
    expect(posts).toHaveLength(2);
    expect(cardText(posts.at(1)!.body)).toContain('Konstanz: Selbstcheck abgeschlossen');
  });
});

(usingPostgres ? describe : describe.skip)('two service instances on one PostgreSQL', () => {
  it('post each card exactly once', async () => {
    const connector = await new FakeConnector().start();
    const first = await startAuthenticatedTestService(coordinatorEnv(), [connector.url]);
    const second = await startAuthenticatedTestService(coordinatorEnv(), [connector.url], first.database);
    try {
      const channels = Array.from({ length: 4 }, () => channelMember(connector.url, COORDINATOR_OID));
      for (const c of channels) await inChannel(first, c, 'abonnieren Kiel');
      // Many events at once: 6 respondents each complete field MS (6 × 4 = 24 deliveries), half through each instance.
      const respondents = await Promise.all(
        Array.from({ length: 6 }, (_, i) => completeFirstField(i % 2 === 0 ? first : second, 'Kiel')),
      );
      expect(respondents).toHaveLength(6);
      await waitFor(() => channels.every((c) => connector.successfulPosts(c.conversationId).length === 6), 60_000);
      await new Promise((r) => setTimeout(r, 1000));
      for (const c of channels) expect(connector.posts(c.conversationId)).toHaveLength(6);
      const rows = await first.service.db.prisma.outboxDelivery.findMany({
        where: { conversationId: { in: channels.map((c) => c.conversationId) } },
      });
      expect(rows).toHaveLength(24);
      expect(rows.every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
      const workers = new Set(rows.map((r) => r.worker));
      console.log(`two instances: ${rows.length} deliveries, workers used: ${workers.size}`);
      expect(new Set(rows.map((r) => r.activityId)).size).toBe(24);
    } finally {
      // second shares first's database: its stop() leaves it alone, but closes its own identity provider.
      await second.stop();
      await first.stop();
      await connector.stop();
    }
  }, 120_000);
});
