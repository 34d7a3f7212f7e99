/** Issue #17: the Art. 13 information shown with the consent — configured, partly configured, unconfigured; de and en. */
import { MemoryStorage } from 'botbuilder';
import { consentNotice, safeHttpUrl, type PrivacyNoticeInfo } from '../../src/i18n/privacyNotice';
import { staffText } from '../../src/i18n/staff';
import { InMemorySelfCheckStore } from '../fakes/inMemorySelfCheck';
import { dialogTestAdapter } from '../dialogs/turnScript';
import { NO_PRIVACY_NOTICE as NOTHING } from '../support/privacyNotice';

const FULL: PrivacyNoticeInfo = {
  controllerName: 'Stadt Musterstadt',
  controllerAddress: 'Markt 1, 12345 Musterstadt',
  dpoContact: 'datenschutz@musterstadt.example',
  supervisoryAuthority: 'Landesbeauftragte für den Datenschutz Brandenburg',
  policyUrl: 'https://musterstadt.example/datenschutz',
  imprintUrl: 'https://musterstadt.example/impressum',
};

describe('consent notice (Art. 13) from the configuration', () => {
  it('German, fully configured: controller with address, DPO, named authority, both links, ids, own-data commands', () => {
    const text = consentNotice('de', FULL, 'teams');
    expect(text.split('\n\n')).toEqual([
      staffText('de', 'notice.idTeams'),
      'Mit „meine daten“ sehen Sie alles, was über Sie gespeichert ist; mit „daten löschen“ löschen Sie es.',
      'Verantwortlich: Stadt Musterstadt, Markt 1, 12345 Musterstadt',
      'Datenschutzbeauftragte*r: datenschutz@musterstadt.example',
      'Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren, zum Beispiel bei: Landesbeauftragte für den Datenschutz Brandenburg.',
      '[Datenschutzerklärung](https://musterstadt.example/datenschutz) · [Impressum](https://musterstadt.example/impressum)',
    ]);
    expect(text).toContain('Teams-Benutzerkennung');
    expect(text).toContain('Anzeigenamen speichere ich nicht');
  });

  it('English, fully configured, is complete', () => {
    const text = consentNotice('en', FULL, 'webchat');
    expect(text).toContain('Controller: Stadt Musterstadt, Markt 1, 12345 Musterstadt');
    expect(text).toContain('Data protection officer: datenschutz@musterstadt.example');
    expect(text).toContain('supervisory authority, for example: Landesbeauftragte für den Datenschutz Brandenburg.');
    expect(text).toContain('[Privacy policy (Datenschutzerklärung)](https://musterstadt.example/datenschutz)');
    expect(text).toContain('[Legal notice (Impressum)](https://musterstadt.example/impressum)');
    expect(text).toContain('“my data”');
    expect(text).toContain('“delete my data”');
    expect(text).toContain('random number your browser keeps');
    expect(text).not.toMatch(/Verantwortlich|Aufsichtsbehörde|undefined/);
  });

  it.each(['de', 'en'] as const)(
    '%s, nothing configured: the general right to complain and the commands, no gaps',
    (locale) => {
      const text = consentNotice(locale, NOTHING, 'other');
      expect(text.split('\n\n')).toEqual([
        staffText(locale, 'notice.idOther'),
        staffText(locale, 'notice.ownData'),
        staffText(locale, 'notice.complaint'),
      ]);
      expect(text).not.toMatch(/undefined|null|\{|\[\]|\(\)|: \./);
    },
  );

  it('leaves out each unconfigured part: only a name, only a policy link, blank values', () => {
    const onlyName = consentNotice('de', { ...NOTHING, controllerName: 'Stadt Musterstadt' }, 'teams');
    expect(onlyName).toContain('Verantwortlich: Stadt Musterstadt\n\n');
    expect(onlyName).not.toContain('Datenschutzbeauftragte');
    expect(onlyName).not.toContain('Impressum');
    const onlyPolicy = consentNotice('en', { ...NOTHING, policyUrl: 'https://x.example/p' }, 'teams');
    expect(onlyPolicy.endsWith('[Privacy policy (Datenschutzerklärung)](https://x.example/p)')).toBe(true);
    expect(onlyPolicy).not.toContain('Controller');
    expect(onlyPolicy).not.toContain(' · ');
    const blank = consentNotice('de', { ...NOTHING, controllerName: '  ', dpoContact: '' }, 'other');
    expect(blank).toBe(consentNotice('de', NOTHING, 'other'));
  });

  it('links only http(s) URLs, and keeps a parenthesis from ending the Markdown link', () => {
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,x')).toBeUndefined();
    expect(safeHttpUrl('not a url')).toBeUndefined();
    expect(safeHttpUrl('https://x.example/a(b)')).toBe('https://x.example/a%28b%29');
    const text = consentNotice('de', { ...NOTHING, policyUrl: 'javascript:alert(1)' }, 'other');
    expect(text).not.toContain('javascript');
    expect(text).not.toContain('Datenschutzerklärung');
  });
});

describe('the consent step shows the notice (onboarding dialog, in-memory ports)', () => {
  it.each(['msteams', 'webchat'] as const)('on %s, configured, before the consent prompt', async (channelId) => {
    const adapter = dialogTestAdapter(channelId, new InMemorySelfCheckStore(), new MemoryStorage(), {
      privacyNotice: FULL,
    });
    await adapter
      .send('start')
      .assertReply((a) => {
        expect(a.text).toContain('Datenschutz: Ich speichere Ihre Antworten');
        expect(a.text).toContain('Verantwortlich: Stadt Musterstadt, Markt 1, 12345 Musterstadt');
        expect(a.text).toContain('„daten löschen“');
        expect(a.text).toContain(channelId === 'msteams' ? 'Teams-Benutzerkennung' : 'Zufallszahl');
      })
      .assertReply((a) => expect(JSON.stringify(a)).toContain('Ja, einverstanden'))
      .startTest();
  });

  it('unconfigured, the consent text has no empty parts', async () => {
    const adapter = dialogTestAdapter('msteams', new InMemorySelfCheckStore(), new MemoryStorage());
    await adapter
      .send('start')
      .assertReply((a) => {
        expect(a.text).toContain('Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren.');
        expect(a.text).not.toMatch(/undefined|Verantwortlich|Impressum/);
      })
      .startTest();
  });
});
