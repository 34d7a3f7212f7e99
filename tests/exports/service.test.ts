import { ConfigError, loadConfig } from '../../src/config';
import { startTestService, type TestService } from '../support/service';

describe('exports in the running service', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ WEBCHAT_ENABLED: 'false' });
  }, 60_000);
  afterAll(async () => svc.stop());

  it('serves the public blank questionnaire and refuses data without credentials or with an old signed link', async () => {
    const q = await fetch(`${svc.url}/api/exports/questionnaire/MS.pdf?lang=en`);
    expect(q.status).toBe(200);
    expect(q.headers.get('content-type')).toBe('application/pdf');
    const anonymous = await fetch(`${svc.url}/api/exports/potsdam/answers.csv`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ code: 'Unauthorized', message: expect.any(String) as unknown });
    const old = await fetch(`${svc.url}/api/exports/potsdam/answers.csv?exp=9999999999&iss=YQ&sig=AAAA`);
    expect(old.status).toBe(410);
    expect(await old.json()).toEqual({ code: 'LinkRetired', message: expect.stringMatching(/ask the bot/) as unknown });
  });

  it('serves the download page with a strict CSP, the script and the messages in German and English', async () => {
    const page = await fetch(`${svc.url}/download/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/download/download.js"></script>');
    expect(html).not.toMatch(/<script>|\son[a-z]+=/i);
    expect(html).toContain('Dieser Link ist abgelaufen');
    expect(html).toContain('This link has expired');
    expect(html).toContain('&#60;Kommune&#62;'); // catalog text escaped, not markup
    expect((await fetch(`${svc.url}/download/download.js`)).status).toBe(200);
    expect((await fetch(`${svc.url}/download/nothing.js`)).status).toBe(404);
    const bare = await fetch(`${svc.url}/download`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/download/']);
  });
});

describe('export configuration', () => {
  it('reads the link lifetime: at most 15 minutes, refused above with a message naming the variable', () => {
    expect(loadConfig({}).exports).toEqual({ linkTtlSeconds: 900 });
    expect(loadConfig({ EXPORT_LINK_TTL_SECONDS: '300' }).exports).toEqual({ linkTtlSeconds: 300 });
    expect(() => loadConfig({ EXPORT_LINK_TTL_SECONDS: '5' })).toThrow(ConfigError);
    expect(() => loadConfig({ EXPORT_LINK_TTL_SECONDS: '901' })).toThrow(/EXPORT_LINK_TTL_SECONDS must be at most 900/);
    expect(() => loadConfig({ EXPORT_LINK_TTL_SECONDS: '86400' })).toThrow(/EXPORT_LINK_TTL_SECONDS/);
  });
});
