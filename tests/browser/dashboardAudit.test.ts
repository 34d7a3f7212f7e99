/** The audit trail in the dashboard, in Chromium: a coordinator's sign-in appears in it, filter, paging, English, roles. */
import path from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { aadIdentityKey } from '../../src/domain/access';
import { type RunningService } from '../../src/index';
import { PrismaAuditLog } from '../../src/infrastructure/repositories/prismaAuditLog';
import { launchChromium, seriousAxeViolations, type ChromiumSession } from '../support/browser';
import { type TestDatabase } from '../support/testDatabase';
import { COORDINATOR_OID, LEAD_OID, TENANT } from '../dashboard/seed';
import { DOCS, describeBrowser, startSeededDashboard } from './dashboardHarness';

const GUID = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const P = /^P-[0-9A-HJKMNP-TV-Z]{8}$/;

describeBrowser('the audit trail in the dashboard (Chromium)', () => {
  let database: TestDatabase;
  let service: RunningService;
  let url: string;
  let context: BrowserContext;
  let browser: ChromiumSession | undefined;
  const consoleErrors: string[] = [];
  const coordinatorKey = aadIdentityKey(TENANT, COORDINATOR_OID);
  const leadKey = aadIdentityKey(TENANT, LEAD_OID);

  beforeAll(async () => {
    ({ database, service, url } = await startSeededDashboard({ NODE_ENV: 'test', DASHBOARD_LOCAL_SIGNIN: 'true' }));
    // A history as the commands leave it: 55 exports of Kiel first (older than one page), then a few of everything.
    const log = new PrismaAuditLog(service.db.prisma);
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    for (let i = 0; i < 55; i++)
      await log.record(
        { action: 'export_downloaded', actor: coordinatorKey, municipalityId: 'kiel', detail: { format: 'pdf' } },
        minutesAgo(600 - i),
      );
    const story: [Parameters<PrismaAuditLog['record']>[0], number][] = [
      [
        { action: 'tenant_registered', actor: coordinatorKey, municipalityId: 'potsdam', detail: { tenant: GUID } },
        300,
      ],
      [
        {
          action: 'role_granted',
          actor: coordinatorKey,
          subject: leadKey,
          municipalityId: 'potsdam',
          detail: { role: 'lead' },
        },
        240,
      ],
      [
        {
          action: 'code_issued',
          actor: leadKey,
          municipalityId: 'potsdam',
          detail: { role: 'member', codeStart: '7K3M', maxUses: 5 },
        },
        180,
      ],
      [
        {
          action: 'code_used',
          actor: 'webchat:visitor-1',
          municipalityId: 'potsdam',
          detail: { codeStart: '7K3M', role: 'member' },
        },
        120,
      ],
      [
        {
          action: 'member_removed',
          actor: leadKey,
          subject: 'webchat:visitor-1',
          municipalityId: 'potsdam',
          detail: { answersRemoved: 12 },
        },
        60,
      ],
      [{ action: 'round_closed', actor: leadKey, municipalityId: 'potsdam', detail: { round: 2 } }, 30],
    ];
    for (const [entry, ago] of story) await log.record(entry, minutesAgo(ago));
    browser = await launchChromium('dashboard-audit', { viewport: { width: 1280, height: 900 } });
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

  const rows = (page: Page) => page.locator('table.audit tbody tr');
  const cell = (page: Page, row: number, col: string) =>
    rows(page).nth(row).locator(`[data-col="${col}"]`).textContent();

  it('shows a coordinator the trail with their own sign-in on top, filtered and paged, in German and English', async () => {
    const page = await open();
    await signIn(page, COORDINATOR_OID);
    await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
    await rows(page).first().waitFor();
    expect(new URL(page.url()).search).toBe('?view=audit');
    expect(await rows(page).count()).toBe(50);
    // The sign-in just made is the newest entry, under the coordinator's pseudonym.
    const me = await new PrismaAuditLog(service.db.prisma).pseudonymOf(coordinatorKey);
    expect(me).toMatch(P);
    expect(await cell(page, 0, 'action')).toBe('Anmeldung im Überblick');
    expect(await cell(page, 0, 'actor')).toBe(me);
    expect(await cell(page, 0, 'details')).toBe('lokale Test-Anmeldung');
    expect(await cell(page, 0, 'at')).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    expect(await cell(page, 1, 'action')).toBe('Runde abgeschlossen');
    expect(await cell(page, 1, 'details')).toBe('Runde 2');
    expect(await cell(page, 2, 'details')).toBe('12 Antworten der laufenden Runde entfernt');
    expect(await cell(page, 4, 'details')).toBe('Rolle Mitglied, Code 7K3M…, höchstens 5-mal');
    expect(await cell(page, 5, 'subject')).toMatch(P);
    expect(await cell(page, 5, 'municipality')).toBe('Potsdam');
    // Nobody's identity is on the page.
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toContain('aad:');
    expect(body).not.toContain(COORDINATOR_OID);
    expect(body).not.toContain('visitor-1');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(DOCS, 'dashboard-audit.png') });

    await page.getByRole('link', { name: 'Ältere Einträge' }).click();
    await page.locator('#audit-newest').waitFor();
    expect(new URL(page.url()).searchParams.get('before')).toMatch(/^\d+$/);
    expect(await rows(page).count()).toBe(12);
    expect(await page.locator('#audit-older').count()).toBe(0);

    await page.locator('#audit-municipality').selectOption('potsdam');
    await page.getByRole('heading', { name: 'Protokoll: Potsdam' }).waitFor();
    expect(new URL(page.url()).search).toBe('?view=audit&municipality=potsdam');
    expect(await rows(page).count()).toBe(6);
    expect(await page.locator('#audit-older').count()).toBe(0);

    await page.selectOption('#lang', 'en');
    await page.getByRole('heading', { name: 'Audit trail: Potsdam' }).waitFor();
    expect(await cell(page, 0, 'action')).toBe('Round closed');
    expect(await cell(page, 2, 'details')).toBe('role member, code 7K3M…');
    expect(await cell(page, 3, 'details')).toBe('role member, code 7K3M…, at most 5 uses');
    expect(await cell(page, 5, 'details')).toBe(`tenant ${GUID}`);
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('offers a lead no link, and the page itself refuses them', async () => {
    const lead = await open();
    await signIn(lead, LEAD_OID);
    await lead.locator('h1[data-municipality="potsdam"]').waitFor();
    await lead.goto(`${url}/dashboard/`);
    await lead.locator('h1').first().waitFor();
    expect(await lead.getByRole('link', { name: 'Protokoll', exact: true }).count()).toBe(0);
    await lead.goto(`${url}/dashboard/?view=audit`);
    await lead.getByText('Ihre Rolle erlaubt diese Ansicht nicht.').waitFor();
    expect(await lead.locator('table.audit').count()).toBe(0);
    await lead.close();
  }, 60_000);
});
