import { startTestService, type TestService } from '../support/service';
import { poll, post, start, type ActivitySet } from '../support/directLineServer';

/** The composition root wires the web chat: the real WeltoffenBot answers over the self-hosted Direct Line. */
describe('web chat wired into the real service', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService();
  });
  afterAll(async () => {
    await svc.stop();
  });

  it('serves the page and lets the real bot greet and answer in English', async () => {
    expect((await fetch(`${svc.url}/`)).status).toBe(200);
    const s = await start(svc.url, { locale: 'en-US' });
    const greeting = (await (await poll(svc.url, s)).json()) as ActivitySet;
    expect(greeting.activities.map((a) => a.text)).toEqual([expect.stringMatching(/^Welcome!/)]);
    expect(
      (
        await post(svc.url, s, {
          type: 'message',
          text: 'help',
          locale: 'en-US',
          channelData: { clientActivityID: 'c1' },
        })
      ).status,
    ).toBe(200);
    const next = (await (await poll(svc.url, s, greeting.watermark)).json()) as ActivitySet;
    expect(next.activities[0]?.channelData?.clientActivityID).toBe('c1');
    expect(next.activities.slice(1).map((a) => a.text)).toEqual([expect.stringMatching(/You can write/)]);
  });
});
