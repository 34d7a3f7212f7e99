/**
 * The download page in Chromium, with a link the bot really handed out: the page takes the token out of the
 * address bar, posts it (never in a URL, never in a Referer), saves the file; the same link opened again
 * shows why it no longer works, in German and English.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { CHROMIUM, haveChromium, launchChromium, seriousAxeViolations, type ChromiumSession } from '../support/browser';
import { startTestService, type TestService } from '../support/service';
import { newParticipant } from '../support/activities';
import { COORDINATOR_OID, completeFirstField, coordinatorEnv, inPersonal } from '../coordinators/support';
import { downloadPageTexts, exportTexts } from '../../src/i18n/exportCatalog';

if (!haveChromium) console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
const describeBrowser = haveChromium ? describe : describe.skip;
const DOCS = path.join(__dirname, '..', '..', 'docs');

describeBrowser('download page in Chromium', () => {
  let svc: TestService;
  let browser: ChromiumSession | undefined;
  const requests: { url: string; referer: string | undefined; body: string | null }[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    svc = await startTestService(coordinatorEnv({ PUBLIC_BASE_URL: 'https://bot.example.org' }));
    await completeFirstField(svc, 'Potsdam');
    browser = await launchChromium('download', { viewport: { width: 900, height: 560 } });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  async function open(): Promise<Page> {
    const page = await browser!.context.newPage();
    page.on('request', (r: Request) => {
      void r.allHeaders().then((h) => requests.push({ url: r.url(), referer: h['referer'], body: r.postData() }));
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  }

  it('downloads the file once, then explains that the link is used up', async () => {
    const coordinator = newParticipant({ aadObjectId: COORDINATOR_OID, serviceUrl: 'http://127.0.0.1:9' });
    const reply = await inPersonal(svc, coordinator, 'export Potsdam csv');
    const token = /https:\/\/bot\.example\.org\/download\/#([A-Za-z0-9_-]{43})/.exec(reply)?.[1];
    expect(token).toBeDefined();
    // The public address is not where this test's service listens: the same path and fragment on loopback.
    const link = `${svc.url}/download/#${token!}`;

    const page = await open();
    const [download] = await Promise.all([page.waitForEvent('download'), page.goto(link)]);
    expect(download.suggestedFilename()).toBe('potsdam-runde-1-antworten.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split(/\r?\n/)[0]).toContain(exportTexts('de').csvHeaders[0]);
    expect(csv).toContain('Potsdam');
    await page.locator('body[data-state="done"]').waitFor();
    expect(await page.locator('[data-state="done"]').first().isVisible()).toBe(true);
    // The token left the address bar (and so the history) at once.
    expect(page.url()).toBe(`${svc.url}/download/`);
    await page.screenshot({ path: path.join(tmpdir(), 'download-done.png') });

    const again = await open();
    await again.goto(link);
    await again.locator('body[data-state="used"]').waitFor();
    const shown = await again.locator('#status').innerText();
    expect(shown).toContain(downloadPageTexts('de').states.used);
    expect(shown).toContain(downloadPageTexts('en').states.used);
    expect(shown).not.toContain(downloadPageTexts('de').states.done);
    expect(await seriousAxeViolations(again)).toEqual([]);
    await again.screenshot({ path: path.join(DOCS, 'download-used.png') });

    // A made-up token: "not valid", with nothing that tells it apart from one that was swept.
    const forged = await open();
    await forged.goto(`${svc.url}/download/#${'A'.repeat(43)}`);
    await forged.locator('body[data-state="unknown"]').waitFor();
    expect(await forged.locator('#status').innerText()).toContain(downloadPageTexts('en').states.unknown);

    // The token went to the server only in POST bodies: in no URL and no Referer.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(requests.filter((r) => r.url.includes(token!))).toEqual([]);
    expect(requests.filter((r) => r.referer !== undefined)).toEqual([]);
    expect(requests.filter((r) => r.body?.includes(token!)).map((r) => new URL(r.url).pathname)).toEqual([
      '/api/downloads',
      '/api/downloads',
    ]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
