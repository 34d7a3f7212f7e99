import { ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { createHttpServer } from '../../src/http/server';
import { WeltoffenCloudAdapter } from '../../src/infrastructure/bot/weltoffenCloudAdapter';
import { createLogger } from '../../src/infrastructure/logger';
import { message, newParticipant, webchat } from '../support/activities';
import { isServiceUrlAllowed, serviceUrlPolicy } from '../../src/domain/conversation/serviceUrl';

describe('graceful shutdown of the HTTP server', () => {
  it('finishes the turns in flight before it resolves, is not ready meanwhile, then refuses connections', async () => {
    let entered = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // A bot whose turns wait for the test, so "in flight" is certain rather than a race.
    const bot = {
      run: async (ctx: TurnContext) => {
        entered++;
        await gate;
        await ctx.sendActivity('done');
      },
    };
    const http = createHttpServer({
      adapter: new WeltoffenCloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
      bot,
      readiness: { check: () => Promise.resolve(undefined) },
      logger: createLogger('silent'),
      maxBodyBytes: 262144,
      shutdownTimeoutMs: 10_000,
      serviceUrlAllowed: (url) => isServiceUrlAllowed(url, serviceUrlPolicy([], true)),
    });
    const port = await http.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}`;
    const post = () =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...message(webchat, newParticipant(), 'hallo'), deliveryMode: 'expectReplies' }),
      });

    const turns = [post(), post(), post()];
    while (entered < 3) await new Promise((r) => setTimeout(r, 5));
    let closed = false;
    const closing = http.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    expect(
      await fetch(`${url}/readyz`)
        .then((r) => r.status)
        .catch(() => 'refused'),
    ).not.toBe(200);

    release();
    const results = await Promise.all(turns);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    for (const r of results)
      expect(((await r.json()) as { activities: { text: string }[] }).activities[0]?.text).toBe('done');
    await closing;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
