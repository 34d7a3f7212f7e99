import {
  ActivityTypes,
  ConfigurationBotFrameworkAuthentication,
  TestAdapter,
  TurnContext,
  type Activity,
} from 'botbuilder';
import { DialogSet, type DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { ConversationState, MemoryStorage } from 'botbuilder';
import { BotFrameworkAuthentication, type ConnectorClient, ConnectorFactory } from 'botframework-connector';
import { ReusingBotFrameworkAuthentication } from '../../src/infrastructure/bot/reusingAuthentication';

const activity = (serviceUrl: string): Activity =>
  ({
    type: ActivityTypes.Message,
    channelId: 'webchat',
    serviceUrl,
    conversation: { id: 'c' },
    from: { id: 'u' },
    recipient: { id: 'b' },
    text: 'x',
  }) as Activity;

describe('ReusingBotFrameworkAuthentication', () => {
  it('hands out one ConnectorClient per service URL and one UserTokenClient per app across turns', async () => {
    const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const clients: ConnectorClient[] = [];
    for (const url of ['https://a.example/', 'https://a.example/', 'https://b.example/']) {
      const result = await auth.authenticateRequest(activity(url), '');
      clients.push(await result.connectorFactory!.create(url, result.audience));
    }
    expect(clients[0]).toBe(clients[1]);
    expect(clients[2]).not.toBe(clients[0]);
    const first = await auth.authenticateRequest(activity('https://a.example/'), '');
    const tokenA = await auth.createUserTokenClient(first.claimsIdentity);
    expect(await auth.createUserTokenClient(first.claimsIdentity)).toBe(tokenA);
    // Proactive sends (continueConversationAsync) go through createConnectorFactory and share the clients.
    expect(await auth.createConnectorFactory(first.claimsIdentity).create('https://a.example/', first.audience)).toBe(
      clients[0],
    );
    expect(auth.kept).toEqual({ connectors: 2, tokenClients: 1 });
  });

  it('keeps at most 64 connectors (service URLs come from activities) and does not keep a failed creation', async () => {
    const auth = new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    for (let i = 0; i < 100; i++) {
      const result = await auth.authenticateRequest(activity(`https://s${i}.example/`), '');
      await result.connectorFactory!.create(`https://s${i}.example/`, result.audience);
    }
    expect(auth.kept.connectors).toBe(64);

    let attempts = 0;
    const failingOnce = new (class extends ConnectorFactory {
      create(): Promise<ConnectorClient> {
        attempts += 1;
        if (attempts === 1) return Promise.reject(new Error('credentials unavailable'));
        return Promise.resolve({} as ConnectorClient);
      }
    })();
    const inner = new ConfigurationBotFrameworkAuthentication({});
    const flaky = new ReusingBotFrameworkAuthentication(
      Object.assign(Object.create(BotFrameworkAuthentication.prototype) as BotFrameworkAuthentication, {
        authenticateRequest: async (a: Activity, h: string) => ({
          ...(await inner.authenticateRequest(a, h)),
          connectorFactory: failingOnce,
        }),
      }),
    );
    const r = await flaky.authenticateRequest(activity('https://x.example/'), '');
    await expect(r.connectorFactory!.create('https://x.example/')).rejects.toThrow('credentials unavailable');
    await expect(r.connectorFactory!.create('https://x.example/')).resolves.toEqual({});
    expect(attempts).toBe(2);
  });
});

describe('the dialog memory configuration key the bot (DialogStack) reuses across turns', () => {
  it('is the one botbuilder-dialogs reads (a rename upstream would silently cost CPU again)', async () => {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty('dialogState'));
    const first = new TurnContext(new TestAdapter(), activity('https://a.example/'));
    await dialogs.createContext(first);
    const built = first.turnState.get<DialogStateManagerConfiguration | undefined>('DialogStateManagerConfiguration');
    expect(built?.memoryScopes.map((m) => m.name)).toEqual(
      expect.arrayContaining(['turn', 'conversation', 'user', 'dialog']),
    );
    // A later turn given that configuration uses it instead of building its own.
    const shared = built!;
    const context = new TurnContext(new TestAdapter(), activity('https://a.example/'));
    context.turnState.set('DialogStateManagerConfiguration', shared);
    const dc = await dialogs.createContext(context);
    expect(dc.state.configuration).toBe(shared);
  });
});
