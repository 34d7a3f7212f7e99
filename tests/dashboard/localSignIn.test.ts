import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '../../src/config';
import { aadIdentityKey } from '../../src/domain/access';
import { ENTRY } from '../support/childService';
import { startTestService, type TestService } from '../support/service';

const TENANT = '11111111-2222-4333-8444-555555555555';

describe('local sign-in stand-in (DASHBOARD_LOCAL_SIGNIN)', () => {
  it('only with NODE_ENV=development or test and no real sign-in configured; otherwise refused, naming the variable', () => {
    expect(() => loadConfig({ DASHBOARD_LOCAL_SIGNIN: 'true', NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ DASHBOARD_LOCAL_SIGNIN: 'true', NODE_ENV: 'production' })).toThrow(
      /DASHBOARD_LOCAL_SIGNIN must not be true when NODE_ENV=production/,
    );
    // an unset (or any other) NODE_ENV is not a development machine.
    expect(() => loadConfig({ DASHBOARD_LOCAL_SIGNIN: 'true' })).toThrow(
      /DASHBOARD_LOCAL_SIGNIN must not be true when NODE_ENV=\(unset\)/,
    );
    expect(() => loadConfig({ DASHBOARD_LOCAL_SIGNIN: 'true', NODE_ENV: 'staging' })).toThrow(
      /DASHBOARD_LOCAL_SIGNIN must not be true when NODE_ENV=staging/,
    );
    expect(() =>
      loadConfig({
        DASHBOARD_LOCAL_SIGNIN: 'true',
        NODE_ENV: 'development',
        MicrosoftAppId: 'abc',
        MicrosoftAppPassword: 'secret',
      }),
    ).toThrow(/DASHBOARD_LOCAL_SIGNIN must not be true when MicrosoftAppId is set/);
    expect(() =>
      loadConfig({
        DASHBOARD_LOCAL_SIGNIN: 'true',
        NODE_ENV: 'test',
        DASHBOARD_AAD_CLIENT_ID: 'abcdef01-2345-4678-9abc-def012345678',
      }),
    ).toThrow(/DASHBOARD_LOCAL_SIGNIN must not be true when DASHBOARD_AAD_CLIENT_ID \(tab single sign-on\) is set/);
    expect(() => loadConfig({ DASHBOARD_LOCAL_SIGNIN: 'yes' })).toThrow(/DASHBOARD_LOCAL_SIGNIN/);
    expect(loadConfig({ DASHBOARD_LOCAL_SIGNIN: 'true', NODE_ENV: 'development' }).dashboard.localSignIn).toBe(true);
    expect(loadConfig({ DASHBOARD_LOCAL_SIGNIN: 'true', NODE_ENV: 'test' }).dashboard.localSignIn).toBe(true);
    expect(loadConfig({ DASHBOARD_LOCAL_SIGNIN: 'false' }).dashboard.localSignIn).toBe(false);
    expect(loadConfig({}).dashboard.localSignIn).toBe(false);
    expect(loadConfig({ DASHBOARD_STALLED_DAYS: '14' }).dashboard.stalledDays).toBe(14);
    expect(() => loadConfig({ DASHBOARD_STALLED_DAYS: '0' })).toThrow(/DASHBOARD_STALLED_DAYS/);
  });

  // The real entry point stops with exit code 2 and the variable's name (dist/ is built by `npm test`).
  (existsSync(ENTRY) ? it.each : it.skip.each)([['production'], [undefined]])(
    'stops the service at start-up when enabled with NODE_ENV=%s',
    (nodeEnv) => {
      const run = spawnSync(process.execPath, [ENTRY], {
        env: {
          PATH: process.env.PATH ?? '',
          ...(nodeEnv ? { NODE_ENV: nodeEnv } : {}),
          DASHBOARD_LOCAL_SIGNIN: 'true',
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: 'pglite:memory',
        },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('DASHBOARD_LOCAL_SIGNIN');
    },
  );

  describe('when enabled (outside production)', () => {
    let svc: TestService;
    beforeAll(async () => {
      svc = await startTestService({
        NODE_ENV: 'test',
        DASHBOARD_LOCAL_SIGNIN: 'true',
        COORDINATOR_AAD_OBJECT_IDS: 'demo-coordinator',
        COORDINATOR_TENANT_IDS: TENANT,
      });
    }, 60_000);
    afterAll(() => svc?.stop());

    async function signIn(identityKey: string): Promise<{ status: number; token?: string }> {
      const res = await fetch(`${svc.url}/api/dashboard/local-signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identityKey }),
      });
      const body = (await res.json()) as { token?: string };
      return { status: res.status, token: body.token };
    }

    it('issues a token for a typed identity; the same role checks apply', async () => {
      // the configuration the page reads names no identity keys (it used to list the coordinators').
      const res = await fetch(`${svc.url}/api/dashboard/auth-config`);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ sso: false, localSignIn: true });
      expect(text).not.toContain('demo-coordinator');

      const coordinator = await signIn(aadIdentityKey(TENANT, 'demo-coordinator'));
      expect(coordinator.status).toBe(200);
      const overview = await fetch(`${svc.url}/api/dashboard/overview`, {
        headers: { authorization: `Bearer ${coordinator.token}` },
      });
      expect(((await overview.json()) as { municipalities: unknown[] }).municipalities).toHaveLength(16);

      const nobody = await signIn(aadIdentityKey(TENANT, 'someone-else'));
      const denied = await fetch(`${svc.url}/api/dashboard/municipalities/potsdam`, {
        headers: { authorization: `Bearer ${nobody.token}` },
      });
      expect(denied.status).toBe(403);
    });

    it('rejects malformed identities and tampered tokens', async () => {
      expect((await signIn('potsdam')).status).toBe(400);
      const { token } = await signIn(aadIdentityKey(TENANT, 'someone'));
      const [head, , sig] = (token ?? '').split('.');
      const forgedBody = Buffer.from(
        JSON.stringify({
          tid: TENANT,
          oid: 'demo-coordinator',
          iss: 'urn:weltoffen-bot:local-sign-in',
          aud: 'urn:weltoffen-bot:local-sign-in',
          exp: 9999999999,
        }),
      ).toString('base64url');
      const res = await fetch(`${svc.url}/api/dashboard/overview`, {
        headers: { authorization: `Bearer ${head}.${forgedBody}.${sig}` },
      });
      expect(res.status).toBe(401);
    });
  });
});
