/**
 * Issue #17: the web chat page's privacy section in Chromium — folded out, with the configured Art. 13 details,
 * translated labels (Arabic, right to left), working links, no injected markup; screenshot docs/webchat-privacy.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, haveChromium, launchChromium, seriousAxeViolations, type ChromiumSession } from '../support/browser';
import { startWebChatServer, type WebChatTestServer } from '../support/webChatServer';

if (!haveChromium) console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
const describeBrowser = haveChromium ? describe : describe.skip;

const DOCS = path.join(__dirname, '..', '..', 'docs');

const PRIVACY = {
  notice: {
    controllerName: 'Stadt Musterstadt – Die Bürgermeisterin',
    controllerAddress: 'Markt 1, 12345 Musterstadt',
    dpoContact: 'datenschutz@musterstadt.example, Tel. 0123 456-789',
    supervisoryAuthority: 'Landesbeauftragte für den Datenschutz und für das Recht auf Akteneinsicht Brandenburg',
    policyUrl: 'https://musterstadt.example/datenschutz',
    imprintUrl: 'https://musterstadt.example/impressum',
  },
  retention: { stateDays: 30 },
};

describeBrowser('web chat privacy section in Chromium (phone width)', () => {
  let svc: WebChatTestServer;
  let browser: ChromiumSession | undefined;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    svc = await startWebChatServer({}, PRIVACY);
    browser = await launchChromium('webchat-privacy', { viewport: { width: 390, height: 760 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  async function open(query = ''): Promise<Page> {
    const page = await browser!.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    // Only our own server: the operator's links are checked, never followed.
    await page.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort());
    await page.goto(`${svc.url}/${query}`);
    await page
      .getByText('welcome de-DE')
      .first()
      .waitFor({ timeout: 20_000 })
      .catch(() => undefined);
    return page;
  }

  it('folds out the Art. 13 details, shows them as text, and is screenshotted', async () => {
    const page = await open();
    const footer = page.locator('#datenschutz');
    const body = footer.locator('.privacy-body');
    expect(await body.isVisible()).toBe(false);
    await footer.locator('summary').click();
    expect(await body.isVisible()).toBe(true);
    // Commands are kept on one line with no-break spaces; compared as ordinary text.
    const text = (await footer.innerText()).replace(/\u00a0/g, ' ');
    expect(text).toContain('Verantwortlich');
    // The configured markup is shown as text, not rendered.
    expect(text).toContain('Stadt Musterstadt – Die Bürgermeisterin');
    expect(await footer.locator('i').count()).toBe(0);
    expect(text).toContain('Markt 1, 12345 Musterstadt');
    expect(text).toContain('datenschutz@musterstadt.example');
    expect(text).toContain('Recht auf Akteneinsicht Brandenburg');
    expect(text).toContain('30 Tage nach der letzten Nutzung');
    expect(text).toContain('„daten löschen“');
    const links = footer.locator('.privacy-links a');
    expect(await links.allInnerTexts()).toEqual(['Datenschutzerklärung', 'Impressum']);
    expect(await links.first().getAttribute('href')).toBe('https://musterstadt.example/datenschutz');
    expect(await links.first().getAttribute('rel')).toBe('noopener noreferrer');
    // Nothing scrolls sideways at 390 px with the details open.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await footer.scrollIntoViewIfNeeded();
    await footer.screenshot({ path: path.join(DOCS, 'webchat-privacy.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 60_000);

  it('translates the labels (Arabic, right to left) and keeps the configured values', async () => {
    const page = await open('?lang=ar');
    const footer = page.locator('#datenschutz');
    await footer.locator('summary').click();
    // Commands are kept on one line with no-break spaces; compared as ordinary text.
    const text = (await footer.innerText()).replace(/\u00a0/g, ' ');
    expect(text).toContain('الجهة المسؤولة');
    expect(text).toContain('مسؤول حماية البيانات');
    expect(text).toContain('سياسة الخصوصية (Datenschutzerklärung)');
    expect(text).toContain('Stadt Musterstadt');
    expect(text).not.toContain('Verantwortlich');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await footer.scrollIntoViewIfNeeded();
    await footer.screenshot({ path: path.join(DOCS, 'webchat-privacy-ar.png') });
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 60_000);
});
