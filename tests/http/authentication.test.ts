import { message, newParticipant, webchat } from '../support/activities';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../support/localIdentityProvider';
import { DEFAULT_TEST_SERVICE_ORIGIN, startTestService, type TestService } from '../support/service';

const APP_ID = '00000000-0000-4000-8000-000000000001';

describe('POST /api/messages with an app id (channel authentication on)', () => {
  let idp: LocalIdentityProvider;
  let svc: TestService;
  beforeAll(async () => {
    idp = await startLocalIdentityProvider();
    svc = await startTestService({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-with-expect-replies',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '00000000-0000-4000-8000-0000000000aa',
      BOT_OPENID_METADATA_URL: idp.metadataUrl,
      // The activities' loopback serviceUrl (never called: expectReplies); only local mode allows loopback by itself.
      BOT_SERVICE_URL_HOSTS: DEFAULT_TEST_SERVICE_ORIGIN,
    });
  });
  afterAll(async () => {
    await svc.stop();
    await idp.close();
  });

  const activity = () => ({ ...message(webchat, newParticipant(), 'hilfe'), deliveryMode: 'expectReplies' });
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (a: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    serviceurl: a.serviceUrl,
    nbf: now() - 60,
    exp: now() + 600,
    ...extra,
  });

  it('accepts a token signed by the published key for our app id', async () => {
    const a = activity();
    const res = await svc.post(a, { authorization: `Bearer ${idp.sign(claims(a))}` });
    expect(res.status).toBe(200);
    expect((res.body as { activities: { text: string }[] }).activities[0]?.text).toMatch(/hilfe/);
  });

  it.each([
    ['no token', () => undefined],
    ['a malformed token', () => 'not-a-jwt'],
    ['a token signed with another key', (a: Record<string, unknown>) => idp.sign(claims(a), { forged: true })],
    ['an expired token', (a: Record<string, unknown>) => idp.sign(claims(a, { nbf: now() - 7200, exp: now() - 3600 }))],
    ['a token for another app', (a: Record<string, unknown>) => idp.sign(claims(a, { aud: 'someone-else' }))],
    [
      'a token from another issuer',
      (a: Record<string, unknown>) => idp.sign(claims(a, { iss: 'https://evil.example' })),
    ],
  ])('rejects %s with 401 and a JSON error', async (_name, token) => {
    const a = activity();
    const t = token(a);
    const res = await svc.post(a, t ? { authorization: `Bearer ${t}` } : {});
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'Unauthorized', message: expect.any(String) as unknown });
  });

  it('keeps serving after rejected requests', async () => {
    const a = activity();
    expect((await svc.post(a, { authorization: `Bearer ${idp.sign(claims(a))}` })).status).toBe(200);
  });
});
