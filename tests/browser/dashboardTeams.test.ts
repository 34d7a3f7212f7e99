/**
 * The dashboard as a Teams tab, inside a stand-in for the Teams client: single sign-on with a token from a loopback
 * identity provider, Teams locale and theme, deep links, and the channel tab's configuration page.
 */
import { type BrowserContext, type Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from '../support/browser';
import { type RunningService } from '../../src/index';
import { type AssessmentScore } from '../../src/domain/selbstcheck';
import { type TestDatabase } from '../support/testDatabase';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../support/localIdentityProvider';
import { COORDINATOR_OID, TENANT } from '../dashboard/seed';
import { describeBrowser, en, expectedPotsdam, startSeededDashboard } from './dashboardHarness';

describeBrowser('coordinators’ dashboard in Chromium', () => {
  // The local sign-in stand-in and tab SSO never run together, so Teams gets a service of its own; the seed is
  // deterministic, so its numbers are the same as the plain browser suite's.
  let teamsDatabase: TestDatabase;
  let teamsService: RunningService;
  let teamsUrl: string;
  let context: BrowserContext;
  let browser: ChromiumSession | undefined;
  let potsdam: AssessmentScore;
  let idp: LocalIdentityProvider;
  const CLIENT_ID = 'abcdef01-2345-4678-9abc-def012345678';

  beforeAll(async () => {
    idp = await startLocalIdentityProvider();
    // The fake Teams host below hands out tokens from the loopback identity provider.
    ({
      database: teamsDatabase,
      service: teamsService,
      url: teamsUrl,
    } = await startSeededDashboard({
      DASHBOARD_AAD_CLIENT_ID: CLIENT_ID,
      DASHBOARD_OPENID_METADATA_URL: idp.metadataUrl,
    }));
    ({ score: potsdam } = await expectedPotsdam(teamsService));

    browser = await launchChromium('dashboard-teams', { viewport: { width: 1280, height: 900 } });
    context = browser.context;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await teamsService?.stop();
    await teamsDatabase?.dispose();
    await idp?.close();
  });

  /**
   * A stand-in for the Teams client: a page that frames the tab and answers the Teams SDK's postMessage calls
   * (initialize, getContext, getAuthToken, theme changes, the channel tab's save). It is served on the tab's
   * own origin, which the SDK trusts like a Teams origin; the SDK itself is the real one from node_modules.
   */
  async function teamsHost(
    tabPath: string,
    context: { theme: string; locale: string; subEntityId?: string; frameContext: 'content' | 'settings' },
    oid: string,
  ): Promise<{ page: Page; calls: { func: string; args: unknown[] }[] }> {
    const token = idp.sign({
      iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      aud: CLIENT_ID,
      tid: TENANT,
      oid,
      name: 'Kim Koordination',
      scp: 'access_as_user',
      exp: Math.floor(Date.now() / 1000) + 3600,
    });
    const host = `<!doctype html><html lang="en"><head><title>Teams host</title></head><body>
      <iframe id="tab" title="tab" src="${tabPath}" width="1200" height="850"></iframe>
      <script>
        window.calls = [];
        const ctx = ${JSON.stringify({ ...context, entityId: 'dashboard', tid: TENANT, userObjectId: oid, hostClientType: 'web', appSessionId: 's1' })};
        const runtime = JSON.stringify({ apiVersion: 4, supports: { app: {}, appInstallDialog: {}, authentication: {}, dialog: {}, logs: {}, pages: { appButton: {}, backStack: {}, config: {}, currentApp: {}, fullTrust: {}, tabs: {} }, teamsCore: {} } });
        const answers = {
          initialize: () => [ctx.frameContext, 'web', runtime, '2.58.0'],
          getContext: () => [ctx],
          'authentication.getAuthToken': () => [true, ${JSON.stringify(token)}],
          'settings.setSettings': () => [true],
        };
        window.addEventListener('message', (e) => {
          const m = e.data;
          if (!m || typeof m.func !== 'string') return;
          window.calls.push({ func: m.func, args: m.args });
          const answer = answers[m.func];
          e.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args: answer ? answer(m.args) : [] }, e.origin);
        });
        window.sendToTab = (func, args) => document.getElementById('tab').contentWindow.postMessage({ func, args }, location.origin);
      </script></body></html>`;
    const page = await context_().newPage();
    // Served on the service's origin without adding a route to the service.
    await page.route(`${teamsUrl}/teams-host.html`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: host }),
    );
    // The SDK asks a CDN for valid host origins; offline it falls back to its built-in list.
    await page.route('https://res.cdn.office.net/**', (route) => route.abort());
    await page.goto(`${teamsUrl}/teams-host.html`);
    return { page, calls: [] };
  }
  const context_ = () => context;

  it('inside (a stand-in for) Teams: SSO token, Teams locale and theme, theme change, deep link by subPageId', async () => {
    const { page } = await teamsHost(
      '/dashboard/',
      { theme: 'dark', locale: 'en-GB', subEntityId: 'potsdam', frameContext: 'content' },
      COORDINATOR_OID,
    );
    const tab = page.frameLocator('#tab');
    await tab.locator('h1[data-municipality="potsdam"]').waitFor({ timeout: 20_000 });
    const frame = page.frames().find((f) => f.url().includes('/dashboard/'));
    expect(await frame?.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    expect(await frame?.evaluate('document.documentElement.lang')).toBe('en');
    expect(await tab.locator('#who').textContent()).toBe('Signed in: Kim Koordination');
    expect(await tab.locator('#theme-box').isHidden()).toBe(true);
    expect(await tab.locator('#signout').isHidden()).toBe(true);
    for (const f of potsdam.fields)
      expect(await tab.locator(`table.fields tr[data-field="${f.fieldId}"] [data-col="score"]`).textContent()).toBe(
        en(f.score),
      );
    const calls = await page.evaluate<string[]>('window.calls.map((c) => c.func)');
    expect(calls).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
    await page.evaluate(`window.sendToTab('themeChange', ['contrast'])`);
    await frame?.waitForFunction(`document.documentElement.dataset.theme === 'contrast'`, undefined, { timeout: 5000 });
    expect(await frame?.evaluate('document.documentElement.dataset.theme')).toBe('contrast');
    await page.close();
  }, 60_000);

  it('inside (a stand-in for) Teams: the channel tab configuration saves the chosen municipality', async () => {
    const { page } = await teamsHost(
      '/dashboard/config.html',
      { theme: 'default', locale: 'de-DE', frameContext: 'settings' },
      COORDINATOR_OID,
    );
    const tab = page.frameLocator('#tab');
    await tab.locator('#scope:not([disabled])').waitFor({ timeout: 20_000 });
    await tab.locator('#scope').selectOption('bochum');
    await page.waitForFunction(
      `window.calls.some((c) => c.func === 'registerHandler' && c.args[0] === 'save')`,
      undefined,
      { timeout: 5000 },
    );
    await page.evaluate(`window.sendToTab('settings.save', [{}])`);
    await page.waitForFunction(`window.calls.some((c) => c.func === 'settings.save.success')`, undefined, {
      timeout: 5000,
    });
    const calls = await page.evaluate<{ func: string; args: unknown[] }[]>('window.calls');
    const set = calls.find((c) => c.func === 'settings.setSettings');
    expect(set?.args[0]).toMatchObject({
      contentUrl: `${teamsUrl}/dashboard/?municipality=bochum`,
      entityId: 'weltoffen-dashboard-bochum',
      suggestedDisplayName: 'Selbstcheck Bochum',
    });
    expect(calls.find((c) => c.func === 'settings.setValidityState')?.args).toEqual([true]);
    // Parallel API calls share one SSO token request.
    expect(calls.filter((c) => c.func === 'authentication.getAuthToken')).toHaveLength(1);
    await page.close();
  }, 60_000);
});
