import { AadTokenVerifier, MAX_CLOCK_SKEW_SECONDS, TokenError } from '../../src/infrastructure/auth/aadTokenVerifier';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../support/localIdentityProvider';

const TENANT = '11111111-2222-4333-8444-555555555555';
const CLIENT_ID = 'abcdef01-2345-4678-9abc-def012345678';
const APP_ID_URI = `api://weltoffen-bot.example.org/${CLIENT_ID}`;
const OID = '99999999-2222-4333-8444-555555555555';

/** Tab SSO accepts only a person's delegated token, with at most a minute of clock skew. */
describe('tab single sign-on: delegated user tokens only, clock skew ≤ 60 s', () => {
  let idp: LocalIdentityProvider;
  let verifier: AadTokenVerifier;
  // A fixed clock for the token checks, so the seconds below are exact.
  const T = Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    idp = await startLocalIdentityProvider();
    verifier = new AadTokenVerifier({
      metadataUrl: idp.metadataUrl,
      audiences: [CLIENT_ID, APP_ID_URI],
      isAllowedTenant: () => true,
      now: () => T * 1000,
    });
  });
  afterAll(() => idp?.close());

  const delegated = (over: Record<string, unknown> = {}) =>
    idp.sign({
      iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      aud: CLIENT_ID,
      tid: TENANT,
      oid: OID,
      scp: 'access_as_user',
      idtyp: 'user',
      iat: T - 600,
      nbf: T - 600,
      exp: T + 3000,
      ...over,
    });
  const refused = async (token: string, reason: RegExp) => {
    await expect(verifier.verify(token)).rejects.toThrow(TokenError);
    await expect(verifier.verify(token)).rejects.toThrow(reason);
  };

  it('accepts a delegated v2 token, with or without idtyp, and a delegated v1 token', async () => {
    await expect(verifier.verify(delegated())).resolves.toMatchObject({ identityKey: `aad:${TENANT}:${OID}` });
    await expect(verifier.verify(delegated({ idtyp: undefined }))).resolves.toMatchObject({ objectId: OID });
    await expect(
      verifier.verify(delegated({ iss: `https://sts.windows.net/${TENANT}/`, aud: APP_ID_URI })),
    ).resolves.toMatchObject({ tenantId: TENANT });
  });

  it('refuses app-only tokens: roles and idtyp app without scp, no scp at all, or idtyp app next to a scope', async () => {
    await refused(delegated({ scp: undefined, idtyp: 'app', roles: ['Dashboard.Read.All'] }), /no scp/);
    await refused(delegated({ scp: undefined, idtyp: undefined, roles: ['Dashboard.Read.All'] }), /no scp/);
    await refused(delegated({ scp: '' }), /no scp/);
    await refused(delegated({ scp: ['access_as_user'] }), /no scp/);
    await refused(delegated({ idtyp: 'app' }), /idtyp/);
    await refused(delegated({ idtyp: 'device' }), /idtyp/);
  });

  it('expiry: 90 s ago refused, 30 s ago accepted (within the 60 s skew)', async () => {
    expect(MAX_CLOCK_SKEW_SECONDS).toBe(60);
    await refused(delegated({ exp: T - 90 }), /expired/);
    await expect(verifier.verify(delegated({ exp: T - 30 }))).resolves.toMatchObject({ objectId: OID });
  });

  it('not before: 90 s in the future refused, 30 s accepted', async () => {
    await refused(delegated({ nbf: T + 90 }), /not active/);
    await expect(verifier.verify(delegated({ nbf: T + 30 }))).resolves.toMatchObject({ objectId: OID });
  });

  it('a configured tolerance above 60 s is capped at 60 s', async () => {
    const lax = new AadTokenVerifier({
      metadataUrl: idp.metadataUrl,
      audiences: [CLIENT_ID],
      isAllowedTenant: () => true,
      clockToleranceSeconds: 600,
      now: () => T * 1000,
    });
    await expect(lax.verify(delegated({ exp: T - 90 }))).rejects.toThrow(/expired/);
    await expect(lax.verify(delegated({ exp: T - 30 }))).resolves.toMatchObject({ objectId: OID });
  });
});
