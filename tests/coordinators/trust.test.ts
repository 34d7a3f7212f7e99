/**
 * a conversation reference is stored for proactive use only from a turn with a verified channel
 * token, and the bot never calls a serviceUrl outside the policy.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  ConnectorFactory,
  ConnectorClient,
  MicrosoftAppCredentials,
} from 'botframework-connector';
import { message, newParticipant, teamsChannel, teamsPersonal } from '../support/activities';
import {
  TEST_APP_ID,
  TestCredentialsFactory,
  startAuthenticatedTestService,
  startTestService,
  type TestService,
} from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { WeltoffenCloudAdapter } from '../../src/infrastructure/bot/weltoffenCloudAdapter';
import { isChannelAuthenticated } from '../../src/infrastructure/bot/channelAuthentication';
import { inProcessTurns } from '../../src/infrastructure/directline/inProcessTurn';
import { FakeConnector } from './fakeConnector';
import { COORDINATOR_OID, channelMember, coordinatorEnv, inChannel, inPersonal } from './support';

const NEEDS_AUTH_DE = 'Abonnements brauchen die Teams-App mit Anmeldung';
const NEEDS_AUTH_EN = 'Subscriptions need the Teams app with authentication';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe(`local mode stores nothing for proactive use (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(coordinatorEnv());
  });
  afterAll(async () => svc.stop());
  const prisma = () => svc.service.db.prisma;

  it('answers abonnieren that subscriptions need the Teams app with authentication, in German and English, and stores nothing', async () => {
    const channel = channelMember('http://127.0.0.1:9/', COORDINATOR_OID);
    expect(await inChannel(svc, channel, 'abonnieren Potsdam')).toContain(NEEDS_AUTH_DE);
    expect(await inChannel(svc, channel, 'subscribe all', 'en-GB')).toContain(NEEDS_AUTH_EN);
    expect(await prisma().channelSubscription.count({ where: { conversationId: channel.conversationId } })).toBe(0);
    // Someone without the role still gets only the plain denial.
    const stranger = channelMember('http://127.0.0.1:9/', 'stranger-5555', channel.conversationId);
    expect(await inChannel(svc, stranger, 'abonnieren Potsdam')).toMatch(/^Dafür fehlt Ihnen die Berechtigung\. \[\]$/);
  });

  it('does not refresh a stored channel reference from an unauthenticated turn', async () => {
    const channel = channelMember('http://127.0.0.1:9/original/', COORDINATOR_OID);
    const reference = {
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      channelId: 'msteams',
      conversation: { id: channel.conversationId },
    };
    await prisma().channelSubscription.create({
      data: {
        conversationId: channel.conversationId,
        scope: 'potsdam',
        serviceUrl: reference.serviceUrl,
        reference,
        createdBy: 'aad:tenant-1:x',
      },
    });
    await inChannel(svc, { ...channel, serviceUrl: 'http://127.0.0.1:9/forged/' }, 'abos');
    const row = await prisma().channelSubscription.findFirstOrThrow({
      where: { conversationId: channel.conversationId },
    });
    expect(row.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
  });

  it('stores no 1:1 reference for reminders, also not after consent, and says so on "erinnerungen an"', async () => {
    const p = newParticipant({ aadObjectId: 'local-resp-1212' });
    await inPersonal(svc, p, 'start');
    await inPersonal(svc, p, 'ja');
    await inPersonal(svc, p, 'Kiel');
    expect(
      await prisma().respondent.count({
        where: { identityKey: 'aad:tenant-1:local-resp-1212', consentedAt: { not: null } },
      }),
    ).toBe(1);
    expect(await inPersonal(svc, p, 'erinnerungen an')).toContain('Erinnerungen brauchen die Teams-App mit Anmeldung');
    expect(await prisma().personalConversation.count({ where: { identityKey: 'aad:tenant-1:local-resp-1212' } })).toBe(
      0,
    );
  });

  it('answers 400 for a serviceUrl that is not loopback, before the turn runs', async () => {
    const p = newParticipant({ aadObjectId: COORDINATOR_OID, serviceUrl: 'https://attacker.example/' });
    const res = await svc.post(teamsChannel(p, { type: 'message', text: 'abonnieren alle' }));
    expect(res).toEqual({
      status: 400,
      body: { code: 'ServiceUrlNotAllowed', message: expect.any(String) as unknown },
    });
    expect(await prisma().channelSubscription.count({ where: { conversationId: p.conversationId } })).toBe(0);
  });
});

describe(`channel authentication on: forged serviceUrls (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let connector: FakeConnector;
  let svc: TestService;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
    svc = await startAuthenticatedTestService(coordinatorEnv(), [connector.url]);
  });
  afterAll(async () => {
    await svc.stop();
    await connector.stop();
  });
  beforeEach(() => connector.reset());

  it('refuses an activity naming a serviceUrl outside the list with 400, even with a valid token, and calls nothing', async () => {
    const port = await closedPort();
    for (const serviceUrl of [
      `http://127.0.0.1:${port}/`,
      'https://attacker.example/teams/',
      'http://smba.trafficmanager.net/teams/',
    ]) {
      const p = newParticipant({ aadObjectId: COORDINATOR_OID, serviceUrl });
      // Not expectReplies: the bot would post its reply to serviceUrl.
      const res = await svc.post(teamsChannel(p, { type: 'message', text: 'abonnieren alle' }));
      expect({ serviceUrl, status: res.status, body: res.body }).toEqual({
        serviceUrl,
        status: 400,
        body: { code: 'ServiceUrlNotAllowed', message: expect.any(String) as unknown },
      });
      expect(
        await svc.service.db.prisma.channelSubscription.count({ where: { conversationId: p.conversationId } }),
      ).toBe(0);
    }
    expect(connector.calls).toHaveLength(0);
  });

  it('posts the reply to an allowed serviceUrl with the bot credentials, and stores the subscription', async () => {
    const p = newParticipant({ aadObjectId: COORDINATOR_OID, serviceUrl: connector.url });
    const res = await svc.post(teamsChannel(p, { type: 'message', text: 'abonnieren alle' }));
    expect(res.status).toBe(200);
    expect(JSON.stringify(connector.posts(p.conversationId).map((c) => c.body))).toContain('alle Kommunen');
    expect(connector.posts(p.conversationId)[0]?.authorization).toMatch(/^Bearer /);
    expect(await svc.service.db.prisma.channelSubscription.count({ where: { conversationId: p.conversationId } })).toBe(
      1,
    );
  });

  it('rejects a token whose serviceurl claim names another address than the activity (401), and calls nothing', async () => {
    const p = newParticipant({ aadObjectId: COORDINATOR_OID, serviceUrl: connector.url });
    const activity = message(teamsPersonal, p, 'hilfe');
    const token = svc.channelToken!(activity, { serviceurl: 'https://smba.trafficmanager.net/teams/' });
    const res = await svc.post(activity, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(connector.calls).toHaveLength(0);
  });
});

describe('which turns count as channel-authenticated', () => {
  /** Records what isChannelAuthenticated says inside the turn. */
  const probe = () => {
    const seen: boolean[] = [];
    return {
      seen,
      bot: {
        async run(context: TurnContext) {
          seen.push(isChannelAuthenticated(context));
          await context.sendActivity({ type: ActivityTypes.Message, text: 'ok' });
        },
      },
    };
  };
  const activity = {
    type: 'message',
    text: 'x',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: 'c' },
    from: { id: 'u' },
    recipient: { id: 'b' },
  } as Activity;
  class OfflineConnectorFactory extends ConnectorFactory {
    create(serviceUrl: string): Promise<ConnectorClient> {
      return Promise.resolve(new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: serviceUrl }));
    }
  }
  const withAppId = () =>
    new WeltoffenCloudAdapter(
      new ConfigurationBotFrameworkAuthentication(
        { MicrosoftAppId: TEST_APP_ID, MicrosoftAppPassword: 'unused', MicrosoftAppType: 'MultiTenant' },
        new TestCredentialsFactory(),
      ),
    );

  it('an in-process Direct Line turn is not, although it runs with an app id configured', async () => {
    const { seen, bot } = probe();
    const replies = await inProcessTurns(withAppId(), bot, TEST_APP_ID).run({ ...activity, channelId: 'directline' });
    expect(replies.map((r) => r.text)).toEqual(['ok']);
    expect(seen).toEqual([false]);
  });

  it('a turn with a verified channel identity is; an anonymous (local mode) identity is not', async () => {
    const { seen, bot } = probe();
    const adapter = withAppId();
    const run = (claimsIdentity: ClaimsIdentity) =>
      adapter.processActivityDirect(
        {
          claimsIdentity,
          audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
          callerId: '',
          connectorFactory: new OfflineConnectorFactory(),
        },
        { ...activity, deliveryMode: 'expectReplies' },
        (ctx) => bot.run(ctx),
      );
    await run(new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: TEST_APP_ID }], true));
    await run(new ClaimsIdentity([], AuthenticationConstants.AnonymousAuthType));
    await run(new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: TEST_APP_ID }], false));
    expect(seen).toEqual([true, false, false]);
  });
});
