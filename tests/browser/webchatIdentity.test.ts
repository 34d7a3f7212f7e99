/**
 * Web chat identity in Chromium: the page keeps a random secret in localStorage and sends it when it
 * starts a conversation, so a reload continues as the same user (the Direct Line derives the user id);
 * a `#code=…` link is taken out of the address bar and sent to the bot as `code …` once connected.
 * First against the echo bot (the mechanics, read off the Direct Line's own conversations and traffic),
 * then against the real service: consent, reload, and the resume code command still knows the person.
 */
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { CHROMIUM, haveChromium, launchChromium, type ChromiumSession } from '../support/browser';
import { startWebChatServer, type WebChatTestServer } from '../support/webChatServer';
import { startTestService, type TestService } from '../support/service';
import { userIdOfSecret } from '../../src/infrastructure/directline/conversationStore';
import { staffText } from '../../src/i18n/staff';

if (!haveChromium) console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
const describeBrowser = haveChromium ? describe : describe.skip;

const DOCS = path.join(__dirname, '..', '..', 'docs');
const INVITATION = 'WK-7M3Q-0B1Z-KX4T';
const EXAMPLE_RESUME_CODE = 'WR-4F9D-2K7P-X3M8';

interface ConversationStart {
  /** What the page sent (never with a token: a fresh conversation). */
  body: { locale?: string; userSecret?: string };
  /** What the server answered. */
  answer: { conversationId: string; userId: string };
  answerText: string;
}

/** Records the page's conversation starts (Web Chat's own reconnects carry a token and are left out). */
function recordStarts(page: Page): ConversationStart[] {
  const starts: ConversationStart[] = [];
  page.on('requestfinished', (request: Request) => {
    void (async () => {
      if (request.method() !== 'POST' || !request.url().endsWith('/v3/directline/conversations')) return;
      if ((await request.allHeaders())['authorization']) return;
      const response = await request.response();
      const answerText = (await response?.text()) ?? '';
      starts.push({
        body: JSON.parse(request.postData() ?? '{}') as ConversationStart['body'],
        answer: JSON.parse(answerText) as ConversationStart['answer'],
        answerText,
      });
    })();
  });
  return starts;
}

async function send(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

/** Waits until `n` conversation starts were recorded (the response body arrives after the page shows it). */
async function startsReach(starts: readonly ConversationStart[], n: number): Promise<void> {
  for (let i = 0; i < 100 && starts.length < n; i++) await new Promise((r) => setTimeout(r, 50));
  expect(starts).toHaveLength(n);
}

describeBrowser('web chat identity in Chromium (echo bot)', () => {
  let svc: WebChatTestServer;
  let browser: ChromiumSession | undefined;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    svc = await startWebChatServer();
    browser = await launchChromium('webchat-identity', { viewport: { width: 390, height: 760 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  async function open(session: ChromiumSession, fragment = ''): Promise<{ page: Page; starts: ConversationStart[] }> {
    const page = await session.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    const starts = recordStarts(page);
    await page.goto(`${svc.url}/${fragment}`);
    return { page, starts };
  }

  /** The user's own messages the Direct Line holds for a conversation. */
  const userTexts = (conversationId: string) =>
    (svc.handle.directLine.store.get(conversationId)?.activities ?? [])
      .filter((a) => a.from?.role === 'user')
      .map((a) => a.text);

  it('a reload continues as the same user: the secret stays in localStorage, the user id is derived from it', async () => {
    const { page, starts } = await open(browser!);
    await page.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
    const secret = await page.evaluate<string | null>('localStorage.getItem("weltoffen.uid")');
    expect(secret).toMatch(/^[0-9a-f]{32}$/);
    await send(page, 'Erste Nachricht');
    await page.getByText('echo[de-DE]: Erste Nachricht').first().waitFor({ timeout: 10_000 });

    await page.reload();
    await page.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
    await send(page, 'Nach dem Neuladen');
    await page.getByText('echo[de-DE]: Nach dem Neuladen').first().waitFor({ timeout: 10_000 });
    await startsReach(starts, 2);
    const [first, second] = starts;
    expect(first?.body.userSecret).toBe(secret);
    expect(second?.body.userSecret).toBe(secret);
    expect(second?.answer.conversationId).not.toBe(first?.answer.conversationId);
    expect(second?.answer.userId).toBe(first?.answer.userId);
    expect(first?.answer.userId).toBe(userIdOfSecret(secret ?? ''));
    // The server's answer carries the derived id, never the secret.
    for (const s of starts) expect(s.answerText).not.toContain(secret);
    // The Direct Line's own record: both conversations, one user, each with its own message.
    const a = svc.handle.directLine.store.get(first?.answer.conversationId ?? '');
    const b = svc.handle.directLine.store.get(second?.answer.conversationId ?? '');
    expect(a?.userId).toBe(userIdOfSecret(secret ?? ''));
    expect(b?.userId).toBe(a?.userId);
    expect(userTexts(a?.id ?? '')).toEqual(['Erste Nachricht']);
    expect(userTexts(b?.id ?? '')).toEqual(['Nach dem Neuladen']);
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 90_000);

  it('another browser profile is another user', async () => {
    const other = await launchChromium('webchat-identity-other', { viewport: { width: 390, height: 760 } });
    try {
      const mine = await open(browser!);
      const theirs = await open(other);
      await mine.page.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
      await theirs.page.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
      await startsReach(mine.starts, 1);
      await startsReach(theirs.starts, 1);
      expect(theirs.starts[0]?.body.userSecret).toMatch(/^[0-9a-f]{32}$/);
      expect(theirs.starts[0]?.body.userSecret).not.toBe(mine.starts[0]?.body.userSecret);
      expect(theirs.starts[0]?.answer.userId).not.toBe(mine.starts[0]?.answer.userId);
    } finally {
      await other.close();
    }
  }, 90_000);

  it('with storage blocked the chat still works, as a new user on every load', async () => {
    const blocked = await browser!.context.newPage();
    // As in a sandboxed iframe or with site data blocked: every access to localStorage throws.
    await blocked.addInitScript(
      'Object.defineProperty(window, "localStorage", { get() { throw new DOMException("blocked", "SecurityError"); } })',
    );
    const blockedStarts = recordStarts(blocked);
    await blocked.goto(`${svc.url}/`);
    await blocked.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
    await blocked.reload();
    await blocked.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
    await startsReach(blockedStarts, 2);
    expect(blockedStarts.map((s) => s.body.userSecret)).toEqual([undefined, undefined]);
    expect(blockedStarts[0]?.answer.userId).toMatch(/^u_/);
    expect(blockedStarts[1]?.answer.userId).not.toBe(blockedStarts[0]?.answer.userId);
    await blocked.close();
  }, 90_000);

  it('a #code= link: the code leaves the address bar at once and reaches the bot as `code …`, once', async () => {
    const { page, starts } = await open(browser!, `#code=${INVITATION}`);
    // The address bar is clean before the chat has even connected.
    await page.locator('#language option').first().waitFor({ state: 'attached', timeout: 20_000 });
    expect(page.url()).toBe(`${svc.url}/`);
    expect(await page.evaluate<string>('location.href')).not.toContain(INVITATION);
    await page.getByText(`echo[de-DE]: code ${INVITATION}`).first().waitFor({ timeout: 20_000 });
    // Shown as the person's own message, and sent exactly once, in the conversation the page started.
    await page.getByText(`code ${INVITATION}`, { exact: true }).first().waitFor({ timeout: 5_000 });
    await startsReach(starts, 1);
    const conversationId = starts[0]?.answer.conversationId ?? '';
    await page.waitForTimeout(1500);
    expect(userTexts(conversationId)).toEqual([`code ${INVITATION}`]);
    expect(page.url()).toBe(`${svc.url}/`);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(DOCS, 'webchat-code-link.png') });

    // A reload does not send it again: it is gone from the address.
    await page.reload();
    await page.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
    await startsReach(starts, 2);
    await page.waitForTimeout(1500);
    expect(userTexts(starts[1]?.answer.conversationId ?? '')).toEqual([]);
    await page.close();
  }, 90_000);

  it('anything that is not code-shaped is removed from the address but never sent; other fragments stay', async () => {
    for (const fragment of [
      '#code=%3Cimg%20src%3Dx%3E',
      '#code=WK-7M3Q%200B1Z',
      `#code=${'A'.repeat(41)}`,
      '#code=',
      '#x=1&code=WK_7M3Q',
    ]) {
      const { page, starts } = await open(browser!, fragment);
      await page.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
      expect(page.url()).toBe(`${svc.url}/`);
      await startsReach(starts, 1);
      await page.waitForTimeout(1200);
      expect({ fragment, sent: userTexts(starts[0]?.answer.conversationId ?? '') }).toEqual({ fragment, sent: [] });
      await page.close();
    }
    // The skip link's own fragment is not a code and stays where it is.
    const { page } = await open(browser!, '#webchat');
    await page.getByText('welcome de-DE').first().waitFor({ timeout: 20_000 });
    expect(page.url()).toBe(`${svc.url}/#webchat`);
    await page.close();
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});

describeBrowser('web chat identity with the real bot: consent survives a reload', () => {
  let svc: TestService;
  let browser: ChromiumSession | undefined;

  beforeAll(async () => {
    svc = await startTestService();
    browser = await launchChromium('webchat-identity-real', { viewport: { width: 390, height: 844 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('consent in one page load, `fortsetzungscode` after a reload: the bot knows the person and hands out a code', async () => {
    const page = await browser!.context.newPage();
    const starts = recordStarts(page);
    await page.goto(`${svc.url}/?lang=de`);
    await page
      .getByText(/^Willkommen!/)
      .first()
      .waitFor({ timeout: 20_000 });
    await send(page, 'start');
    await page
      .getByText(/sieben Handlungsfeldern/)
      .first()
      .waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Ja, einverstanden' }).last().click();
    await page.getByText('Für welche Kommune antworten Sie?').first().waitFor({ timeout: 15_000 });

    await page.reload();
    await page
      .getByText(/^Willkommen!/)
      .first()
      .waitFor({ timeout: 20_000 });
    await send(page, 'fortsetzungscode');
    const shown = page.getByText(/Ihr persönlicher Fortsetzungscode/).first();
    await shown.waitFor({ timeout: 15_000 });
    const code = /WR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec((await shown.textContent()) ?? '')?.[0];
    expect(code).toBeDefined();
    await page.getByText(staffText('de', 'webIdentity.replaced')).first().waitFor({ timeout: 5_000 });

    await startsReach(starts, 2);
    const userId = starts[0]?.answer.userId ?? '';
    expect(starts[1]?.answer.userId).toBe(userId);
    const stored = await svc.service.db.prisma.resumeCode.findUnique({
      where: { identityKey: `directline:${userId}` },
    });
    expect(stored).not.toBeNull();
    const state = await svc.service.db.prisma.botStateItem.findUnique({ where: { key: `directline/users/${userId}` } });
    expect(JSON.stringify(state?.data ?? {})).not.toContain(starts[0]?.body.userSecret ?? 'no secret');
    await page.mouse.move(0, 0);
    await page.waitForTimeout(800);
    // The picture for docs/ shows a fixed example code, so it does not change with every run.
    await page.evaluate(
      `(() => { const w = document.createTreeWalker(document.getElementById('webchat'), NodeFilter.SHOW_TEXT);
        for (let n = w.nextNode(); n; n = w.nextNode()) n.nodeValue = n.nodeValue.split(${JSON.stringify(code)}).join('${EXAMPLE_RESUME_CODE}'); })()`,
    );
    await page.getByText(`code ${EXAMPLE_RESUME_CODE}`).first().waitFor({ timeout: 5_000 });
    await page.screenshot({ path: path.join(DOCS, 'webchat-resume-code.png') });
    await page.close();
  }, 120_000);
});
