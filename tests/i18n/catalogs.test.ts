import { FAQ_LOCALES } from '../../src/domain/faq';
import { publicText, type PublicTextKey } from '../../src/i18n/public';
import { overlappingStaffKeys, staffLocaleOf, staffText, STAFF_LOCALES } from '../../src/i18n/staff';

describe('staff catalog', () => {
  it('has one key space: no key is defined by two topic tables', () => {
    expect(overlappingStaffKeys()).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(staffText('de', 'coord.unknownMunicipality', { name: 'Atlantis', list: 'Aachen' })).toBe(
      'Die Kommune „Atlantis“ kenne ich nicht. Teilnehmende Kommunen: Aachen.',
    );
    expect(staffText('en', 'coord.unknownMunicipality', { name: 'Atlantis' })).toContain('{list}');
  });

  it('maps channel locales to German unless they are English', () => {
    expect(staffLocaleOf('en-US')).toBe('en');
    expect(staffLocaleOf('de-DE')).toBe('de');
    expect(staffLocaleOf('tr-TR')).toBe('de');
    expect(staffLocaleOf(undefined)).toBe('de');
    expect(STAFF_LOCALES).toEqual(['de', 'en']);
  });
});

describe('public catalog', () => {
  const keys: PublicTextKey[] = ['welcome', 'storageApology', 'tooLong', 'source', 'notSure', 'closest', 'contact'];

  it('has every key in all six languages of the page, translated (not German) in English, Turkish, Arabic and Ukrainian', () => {
    for (const locale of FAQ_LOCALES) {
      for (const key of keys) expect(publicText(locale, key).trim().length).toBeGreaterThan(2);
    }
    for (const locale of ['en', 'tr', 'ar', 'uk'] as const)
      expect(publicText(locale, 'notSure')).not.toBe(publicText('de', 'notSure'));
  });

  it('reads German and English greetings and apologies from the staff catalog (one source for both audiences)', () => {
    expect(publicText('de', 'welcome')).toBe(staffText('de', 'welcome.webchat'));
    expect(publicText('en', 'storageApology')).toBe(staffText('en', 'error.storage'));
    expect(publicText('tr', 'welcome')).not.toBe(staffText('de', 'welcome.webchat'));
  });

  it('fills the length limit into the too-long notice', () => {
    expect(publicText('ar', 'tooLong', { max: 2000 })).toContain('2000');
  });
});
