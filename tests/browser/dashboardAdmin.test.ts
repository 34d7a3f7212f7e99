/** Managing municipalities and tenants in the dashboard, in Chromium: coordinator flow, problems shown, roles, English. */
import path from 'node:path';
import { tmpdir } from 'node:os';
import { type BrowserContext, type Page } from 'playwright-core';
import { aadIdentityKey } from '../../src/domain/access';
import { type RunningService } from '../../src/index';
import { launchChromium, seriousAxeViolations, type ChromiumSession } from '../support/browser';
import { type TestDatabase } from '../support/testDatabase';
import { COORDINATOR_OID, LEAD_OID, TENANT } from '../dashboard/seed';
import { DOCS, describeBrowser, startSeededDashboard } from './dashboardHarness';

const FOREIGN = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';

describeBrowser('managing municipalities in the dashboard (Chromium)', () => {
  let database: TestDatabase;
  let service: RunningService;
  let url: string;
  let context: BrowserContext;
  let browser: ChromiumSession | undefined;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ({ database, service, url } = await startSeededDashboard({ NODE_ENV: 'test', DASHBOARD_LOCAL_SIGNIN: 'true' }));
    browser = await launchChromium('dashboard-admin', { viewport: { width: 1280, height: 1000 } });
    context = browser.context;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await database?.dispose();
  });

  async function open(query = ''): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('status of 4')) consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${url}/dashboard/${query}`);
    return page;
  }

  async function signIn(page: Page, oid: string): Promise<void> {
    await page.locator('#identity').fill(aadIdentityKey(TENANT, oid));
    await page.locator('#signin').click();
  }

  const notice = (page: Page) => page.locator('#admin-notice');

  it('a coordinator adds a municipality, sees a problem explained, registers its tenant and archives it', async () => {
    const page = await open();
    await signIn(page, COORDINATOR_OID);
    await page.getByRole('link', { name: 'Kommunen und Mandanten verwalten' }).click();
    await page.locator('table.municipalities tbody tr').first().waitFor();
    expect(new URL(page.url()).search).toBe('?view=municipalities');
    expect(await page.locator('table.municipalities tbody tr').count()).toBe(17);
    expect(await page.locator('tr[data-municipality="lk-goerlitz"] td').first().textContent()).toBe('Landkreis');
    expect(await page.locator('tr[data-municipality="musterstadt-demo"] [data-col="status"]').textContent()).toBe(
      'Demo',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A key of another state: the server's rule, worded by the page; nothing is stored.
    await page.locator('#new-name').fill('Seedorf');
    await page.locator('#new-kind').selectOption('gemeinde');
    await page.locator('#new-state').selectOption('Bayern');
    await page.locator('#new-key').fill('08999002');
    await page.getByRole('button', { name: 'Anlegen' }).click();
    await notice(page).waitFor();
    expect(await notice(page).textContent()).toBe('Schlüssel in Bayern beginnen mit 09.');
    expect(await service.db.prisma.municipality.findUnique({ where: { id: 'seedorf' } })).toBeNull();

    await page.locator('#new-name').fill('Seedorf');
    await page.locator('#new-state').selectOption('Bayern');
    await page.locator('#new-key').fill('09999002');
    await page.getByRole('button', { name: 'Anlegen' }).click();
    await page.locator('section.admin-edit[data-municipality="seedorf"]').waitFor();
    expect(new URL(page.url()).search).toBe('?view=municipalities&edit=seedorf');
    expect(await notice(page).textContent()).toContain('Seedorf ist angelegt');
    expect(await page.locator('tr[data-municipality="seedorf"] [data-col="key"]').textContent()).toBe('09999002');

    await page.locator('#tenant-id').fill('tenant-2');
    await page.getByRole('button', { name: 'Mandant registrieren' }).click();
    await page.getByText('Eine Tenant-ID ist eine GUID').waitFor();
    await page.locator('#tenant-id').fill(FOREIGN);
    await page.getByRole('button', { name: 'Mandant registrieren' }).click();
    await page.locator(`li[data-tenant="${FOREIGN}"]`).waitFor();
    expect(await notice(page).textContent()).toBe(`Mandant ${FOREIGN} ist für Seedorf registriert.`);
    expect(await page.locator('tr[data-municipality="seedorf"] [data-col="tenants"]').textContent()).toBe('1');
    expect(await service.db.prisma.municipalityTenant.findMany()).toMatchObject([
      { municipalityId: 'seedorf', tenantId: FOREIGN },
    ]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(DOCS, 'dashboard-municipalities.png') });
    await page.screenshot({ path: path.join(tmpdir(), 'dashboard-municipalities-full.png'), fullPage: true });

    await page.locator('#edit-name').fill('Seedorf am See');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('heading', { name: 'Seedorf am See bearbeiten' }).waitFor();
    await page.getByRole('button', { name: `Mandant ${FOREIGN} entfernen` }).click();
    await page.getByText('Kein Mandant registriert.').waitFor();
    await page.locator('#archive').click();
    await page.getByText('Seedorf am See ist archiviert.').waitFor();
    expect(await page.locator('tr[data-municipality="seedorf"] [data-col="status"]').textContent()).toBe('archiviert');
    expect(await page.locator('#edit-form').count()).toBe(0);

    await page.selectOption('#lang', 'en');
    await page.getByRole('heading', { name: 'Manage municipalities' }).waitFor();
    expect(await page.locator('#archive').textContent()).toBe('Restore');
    await page.locator('#archive').click();
    await page.getByText('Seedorf am See has been restored.').waitFor();
    expect(await page.locator('tr[data-municipality="seedorf"] [data-col="status"]').textContent()).toBe('active');
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('others see no link, and the page itself refuses them', async () => {
    const lead = await open();
    await signIn(lead, LEAD_OID);
    await lead.locator('h1[data-municipality="potsdam"]').waitFor();
    await lead.goto(`${url}/dashboard/`);
    await lead.locator('h1').first().waitFor();
    expect(await lead.getByRole('link', { name: 'Kommunen und Mandanten verwalten' }).count()).toBe(0);
    await lead.goto(`${url}/dashboard/?view=municipalities`);
    await lead.getByText('Ihre Rolle erlaubt diese Ansicht nicht.').waitFor();
    expect(await lead.locator('table.municipalities').count()).toBe(0);
    await lead.close();
  }, 60_000);
});
