import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startWebChatServer, type WebChatTestServer } from '../support/webChatServer';
import { MAX_TEXT_CHARS } from '../../src/http/directLine';

/** Raw GET (no automatic decompression), so the bytes on the wire can be measured. */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('web chat page and assets', () => {
  let svc: WebChatTestServer;
  beforeAll(async () => {
    svc = await startWebChatServer();
  });
  afterAll(async () => {
    await svc.stop();
  });

  it('serves the page in German with the versioned bundle, a strict script CSP and no secret', async () => {
    const res = await rawGet(`${svc.url}/`);
    expect(res.status).toBe(200);
    const html = res.body.toString('utf8');
    expect(html).toContain('<html lang="de" dir="ltr">');
    expect(html).toContain(`src="${svc.handle.bundlePath}"`);
    expect(svc.handle.bundlePath).toBe('/webchat/webchat-4.18.1.js');
    expect(html).toContain('<label for="language"');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(html).not.toMatch(/secret/i);
  });

  it('serves the Web Chat bundle gzip-compressed, cacheable for a year, and 304 on revalidation', async () => {
    const original = readFileSync(path.join(__dirname, '../../node_modules/botframework-webchat/dist/webchat.js'));
    const gz = await rawGet(`${svc.url}${svc.handle.bundlePath}`, { 'accept-encoding': 'gzip, br' });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toContain('immutable');
    expect(gz.body.length).toBeLessThan(original.length / 3);
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(gz.body).equals(original)).toBe(true);
    const plain = await rawGet(`${svc.url}${svc.handle.bundlePath}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBe(original.length);
    const again = await rawGet(`${svc.url}${svc.handle.bundlePath}`, { 'if-none-match': String(gz.headers.etag) });
    expect(again.status).toBe(304);
    console.log(`web chat bundle: ${original.length} bytes raw, ${gz.body.length} bytes gzip`);
  });

  it("the served page script caps the send box at the server's message length (maxlength on every send box input)", async () => {
    const res = await rawGet(`${svc.url}/webchat/page.js`);
    expect(res.status).toBe(200);
    const script = res.body.toString('utf8');
    expect(Number(/var MAX_MESSAGE_CHARS = (\d+);/.exec(script)?.[1])).toBe(MAX_TEXT_CHARS);
    expect(script).toContain(".setAttribute('maxlength', String(MAX_MESSAGE_CHARS))");
    expect(script).toContain('[data-id="webchat-sendbox-input"]');
    expect(script).toMatch(
      /new MutationObserver\(limitSendBox\)\.observe\(host, \{ childList: true, subtree: true \}\)/,
    );
  });

  it('serves the embed snippet and refuses unknown files', async () => {
    const embed = await rawGet(`${svc.url}/embed.js`);
    expect(embed.status).toBe(200);
    expect(embed.body.toString()).toContain("createElement('iframe')");
    expect((await rawGet(`${svc.url}/webchat/..%2Fpackage.json`)).status).toBe(404);
  });

  it('has every page string in every language, German and English first', () => {
    const catalog = JSON.parse(readFileSync(path.join(__dirname, '../../src/http/public/i18n.json'), 'utf8')) as {
      order: string[];
      locales: Record<string, { dir: string; strings: Record<string, string> }>;
    };
    expect(catalog.order.slice(0, 2)).toEqual(['de', 'en']);
    expect(Object.keys(catalog.locales).sort()).toEqual([...catalog.order].sort());
    const keys = Object.keys(catalog.locales.de?.strings ?? {}).sort();
    expect(keys.length).toBeGreaterThan(5);
    for (const code of catalog.order) {
      expect(Object.keys(catalog.locales[code]?.strings ?? {}).sort()).toEqual(keys);
      for (const text of Object.values(catalog.locales[code]?.strings ?? {})) expect(text.trim()).not.toBe('');
    }
    expect(catalog.locales.ar?.dir).toBe('rtl');
  });

  it('the page ships the German catalog texts, so there is no flash of other text before the script runs', () => {
    const html = readFileSync(path.join(__dirname, '../../src/http/public/index.html'), 'utf8');
    const de = (
      JSON.parse(readFileSync(path.join(__dirname, '../../src/http/public/i18n.json'), 'utf8')) as {
        locales: { de: { strings: Record<string, string> } };
      }
    ).locales.de.strings;
    const found = [...html.matchAll(/data-i18n="(\w+)">([^<]*)</g)].map((m) => [m[1], m[2]]);
    expect(found.length).toBeGreaterThanOrEqual(6);
    for (const [key, text] of found) expect(text).toBe(de[key ?? '']);
    expect(html).toContain(`<title>${de.documentTitle}</title>`);
  });
});
