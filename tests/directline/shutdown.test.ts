import type { TurnContext } from 'botbuilder';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { post, start, startDirectLineServer } from '../support/directLineServer';

describe('graceful shutdown with web chat turns in flight', () => {
  it('waits for a Direct Line turn in flight, delivers its reply, and refuses new messages with 503 meanwhile', async () => {
    let entered = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // Messages wait for the test, so "in flight" is certain rather than a race; the greeting does not.
    const bot = {
      run: async (ctx: TurnContext) => {
        if (ctx.activity.type !== 'message') return;
        entered++;
        await gate;
        await ctx.sendActivity(`done: ${ctx.activity.text ?? ''}`);
      },
    };
    const dl = await startDirectLineServer({}, new ConfigurationBotFrameworkAuthentication({}), '', bot);
    const a = await start(dl.url);
    const b = await start(dl.url);
    const inFlight = post(dl.url, a, { type: 'message', text: 'slow' });
    while (entered < 1) await new Promise((r) => setTimeout(r, 5));

    let closed = false;
    const closing = dl.stop().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    const refused = await post(dl.url, b, { type: 'message', text: 'new' }).then(
      (r) => r.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(refused);

    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    await closing;
    // The reply was stored before the server went away (the store outlives the listener in this test).
    const conversation = dl.handle.store.get(a.conversationId);
    expect(conversation?.activities.map((x) => x.text)).toEqual(['slow', 'done: slow']);
    expect(entered).toBe(1);
  });
});
