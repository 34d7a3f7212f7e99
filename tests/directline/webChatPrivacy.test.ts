/** Issue #17: the web chat page's Art. 13 block from the configuration, escaped, and its truthful notice text. */
import { startWebChatServer, NO_PRIVACY, type WebChatTestServer } from '../support/webChatServer';

const HOSTILE = {
  notice: {
    controllerName: 'Stadt <b>Muster</b> & "Co" <script>alert(1)</script>',
    controllerAddress: "Markt 1, 12345 Musterstadt' onmouseover='x",
    dpoContact: 'datenschutz@musterstadt.example',
    supervisoryAuthority: 'Landesbeauftragte für den Datenschutz <img src=x onerror=alert(2)>',
    policyUrl: 'https://musterstadt.example/datenschutz?a=1&b="2"',
    imprintUrl: 'https://musterstadt.example/impressum',
  },
  retention: { stateDays: 17 },
};

async function get(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return res.text();
}

describe('web chat page: privacy section from the configuration', () => {
  let configured: WebChatTestServer;
  let bare: WebChatTestServer;
  beforeAll(async () => {
    configured = await startWebChatServer({}, HOSTILE);
    bare = await startWebChatServer({}, NO_PRIVACY);
  });
  afterAll(async () => {
    await configured.stop();
    await bare.stop();
  });

  it('shows controller with address, DPO, authority and both links, every value HTML-escaped', async () => {
    const html = await get(`${configured.url}/`);
    expect(html).toContain(
      '<dt data-i18n="privacyController">Verantwortlich</dt><dd><bdi>Stadt &#60;b&#62;Muster&#60;/b&#62; &#38; &#34;Co&#34; &#60;script&#62;alert(1)&#60;/script&#62;</bdi><br><bdi>Markt 1, 12345 Musterstadt&#39; onmouseover=&#39;x</bdi></dd>',
    );
    expect(html).toContain(
      '<dt data-i18n="privacyDpo">Datenschutzbeauftragte*r</dt><dd><bdi>datenschutz@musterstadt.example</bdi></dd>',
    );
    expect(html).toContain(
      '<dd><bdi>Landesbeauftragte für den Datenschutz &#60;img src=x onerror=alert(2)&#62;</bdi></dd>',
    );
    expect(html).toContain(
      '<a href="https://musterstadt.example/datenschutz?a=1&#38;b=%222%22" target="_blank" rel="noopener noreferrer" data-i18n="privacyPolicy">Datenschutzerklärung</a>',
    );
    expect(html).toContain('href="https://musterstadt.example/impressum"');
    expect(html).toContain('data-i18n="privacyImprint">Impressum</a>');
    // No markup from the configuration survives as markup.
    expect(html).not.toMatch(/<script>alert|<b>Muster|<img src=x|' onmouseover/);
    expect(html).not.toContain('{{');
    expect(html).toContain('Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren.');
  });

  it('says truthfully what is kept, with the configured retention period, in the page and in every language', async () => {
    const html = await get(`${configured.url}/`);
    expect(html).toContain('ohne begonnenen Selbstcheck werden sie 17 Tage nach der letzten Nutzung gelöscht');
    expect(html).toContain('nur im Arbeitsspeicher');
    expect(html).not.toContain('nur vorübergehend');
    expect(html).not.toContain('{stateDays}');
    const catalog = JSON.parse(await get(`${configured.url}/webchat/i18n.json`)) as {
      locales: Record<string, { strings: Record<string, string> }>;
    };
    for (const [code, { strings }] of Object.entries(catalog.locales)) {
      expect({ code, days: strings.privacy?.includes('17') }).toEqual({ code, days: true });
      for (const key of ['privacyController', 'privacyDpo', 'privacyAuthority', 'privacyPolicy', 'privacyImprint'])
        expect(strings[key]?.trim()).toBeTruthy();
      expect(JSON.stringify(strings)).not.toContain('{stateDays}');
    }
  });

  it('leaves out what is not configured: no empty list, no links, no "undefined"', async () => {
    const html = await get(`${bare.url}/`);
    expect(html).not.toContain('privacy-operator');
    expect(html).not.toContain('privacy-links');
    expect(html).not.toContain('undefined');
    expect(html).not.toContain('{{');
    expect(html).toContain('30 Tage nach der letzten Nutzung');
    expect(html).toContain('Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren.');
  });

  it('links only http(s) URLs, also when a value reaches it without the configuration schema', async () => {
    const svc = await startWebChatServer(
      {},
      {
        ...NO_PRIVACY,
        notice: { ...NO_PRIVACY.notice, policyUrl: 'javascript:alert(1)', imprintUrl: 'data:text/html,<b>x</b>' },
      },
    );
    try {
      const html = await get(`${svc.url}/`);
      expect(html).not.toMatch(/javascript:|data:text/);
      expect(html).not.toContain('privacy-links');
    } finally {
      await svc.stop();
    }
  });
});
