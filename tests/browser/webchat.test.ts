import { CHROMIUM, haveChromium, launchChromium, seriousAxeViolations, type ChromiumSession } from '../support/browser';
import { type BrowserContext, type Page } from 'playwright-core';
import { startWebChatServer, type WebChatTestServer } from '../support/webChatServer';
import { MAX_TEXT_CHARS } from '../../src/http/directLine';
import { publicText } from '../../src/i18n/public';

if (!haveChromium) console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
const describeBrowser = haveChromium ? describe : describe.skip;

describeBrowser('self-hosted web chat in Chromium (phone width)', () => {
  let svc: WebChatTestServer;
  let context: BrowserContext;
  let browser: ChromiumSession | undefined;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    svc = await startWebChatServer();
    browser = await launchChromium('webchat', { viewport: { width: 390, height: 760 } });
    context = browser.context;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  async function open(query = ''): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${svc.url}/${query}`);
    return page;
  }

  async function htmlLangDir(page: Page): Promise<[string | null, string | null]> {
    const html = page.locator('html');
    return [await html.getAttribute('lang'), await html.getAttribute('dir')];
  }

  async function send(page: Page, text: string): Promise<void> {
    const box = page.locator('[data-id="webchat-sendbox-input"]');
    await box.fill(text);
    await box.press('Enter');
  }

  it('greets, sends a message and shows the bot reply; no serious accessibility violations', async () => {
    const page = await open();
    await page.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
    const started = Date.now();
    await send(page, 'Hallo Welt');
    await page.getByText('echo[de-DE]: Hallo Welt').first().waitFor({ timeout: 10_000 });
    const roundTrip = Date.now() - started;
    console.log(`send → reply visible: ${roundTrip} ms (polling every 500 ms)`);
    // The user's bubble must not stay in "Send failed": the server echoed it with its clientActivityID.
    await page.waitForTimeout(500);
    expect(await page.getByText(/Send failed|Senden fehlgeschlagen/).count()).toBe(0);
    expect(await htmlLangDir(page)).toEqual(['de', 'ltr']);

    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 60_000);

  it('keyboard order is skip link, language, chat; nothing scrolls sideways at 390 px', async () => {
    const page = await open();
    await page.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
    const focused = async () =>
      page.evaluate(
        '(() => { const e = document.activeElement; return e ? (e.id || e.getAttribute("data-id") || e.className || e.tagName) : ""; })()',
      );
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('skip');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('language');
    // Skip link moves focus into the chat region, from where the send box is reachable.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('webchat');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.close();
  }, 60_000);

  it('offers a new conversation when the server has removed an idle one', async () => {
    const page = await open();
    await page.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('#ended').isVisible()).toBe(false);
    // As if the idle timeout had passed: the next poll answers 404.
    svc.handle.directLine.store.sweep(Date.now() + 365 * 24 * 3600_000);
    await page.locator('#ended').waitFor({ state: 'visible', timeout: 5_000 });
    expect(await page.locator('#ended').textContent()).toContain('Gespräch ist beendet');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('restart');
    await page.keyboard.press('Enter');
    await page.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('#ended').isVisible()).toBe(false);
    await page.close();
  }, 60_000);

  it('the send box stops at 2,000 characters (also after a language switch); a longer text sent anyway gets the polite answer, not "Send failed"', async () => {
    const page = await open();
    await page.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
    const box = page.locator('[data-id="webchat-sendbox-input"]');
    expect(await box.getAttribute('maxlength')).toBe(String(MAX_TEXT_CHARS));
    await box.focus();
    await page.keyboard.insertText('x'.repeat(MAX_TEXT_CHARS + 500));
    expect((await box.inputValue()).length).toBe(MAX_TEXT_CHARS);
    // Without the attribute (an older page, another client) the server's answer is the safety net.
    // The element's type is declared here: the test project compiles without the DOM library.
    await box.evaluate((e: { removeAttribute(name: string): void }) => e.removeAttribute('maxlength'));
    await box.fill('y'.repeat(MAX_TEXT_CHARS + 1));
    await box.press('Enter');
    await page
      .getByText(publicText('de', 'tooLong', { max: MAX_TEXT_CHARS }))
      .first()
      .waitFor({ timeout: 10_000 });
    await page.waitForTimeout(500);
    expect(await page.getByText(/Send failed|Senden fehlgeschlagen/).count()).toBe(0);
    await page.selectOption('#language', 'en');
    await page.waitForFunction(
      `document.querySelector('[data-id="webchat-sendbox-input"]')?.getAttribute('maxlength') === '${MAX_TEXT_CHARS}'`,
      undefined,
      { timeout: 5_000 },
    );
    // The page keeps the chosen language for the next visit (same browser profile): back to German for the tests after this one.
    await page.selectOption('#language', 'de');
    await page.close();
  }, 60_000);

  it('switches to Arabic: right-to-left page and chat, and the bot receives the Arabic locale', async () => {
    const page = await open();
    await page.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
    await page.selectOption('#language', 'ar');
    expect(await htmlLangDir(page)).toEqual(['ar', 'rtl']);
    await expect(page.locator('label[for="language"]').textContent()).resolves.toBe('اللغة');
    await send(page, 'مرحبا');
    await page.getByText('echo[ar]: مرحبا').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('#webchat [dir="rtl"]').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  }, 60_000);
});
