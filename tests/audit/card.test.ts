/** The audit trail's words: every action and detail in German and English, Berlin time, nothing that breaks Markdown. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { auditContextText, auditDetailText, renderAuditTrailCard } from '../../cards/auditTrailCard';
import { formatBerlinMinute } from '../../cards/format';
import { AUDIT_ACTIONS } from '../../src/domain/ports/audit';
import { staffText } from '../../src/i18n/staff';

describe('audit trail wording', () => {
  it('names every action in both languages, each differently', () => {
    for (const locale of ['de', 'en'] as const) {
      const words = AUDIT_ACTIONS.map((a) => staffText(locale, `audit.action.${a}`));
      expect(new Set(words).size).toBe(AUDIT_ACTIONS.length);
    }
    expect(AUDIT_ACTIONS.map((a) => staffText('en', `audit.action.${a}`))).not.toEqual(
      AUDIT_ACTIONS.map((a) => staffText('de', `audit.action.${a}`)),
    );
  });

  it('words the details it knows and shows the others as key: value, in a fixed order', () => {
    expect(auditDetailText({ maxUses: 5, codeStart: '7K3M', role: 'member' }, 'de')).toBe(
      'Rolle Mitglied, Code 7K3M…, höchstens 5-mal',
    );
    expect(auditDetailText({ via: 'teams_sso' }, 'de')).toBe('über Teams');
    expect(auditDetailText({ via: 'teams_sso' }, 'en')).toBe('through Teams');
    expect(auditDetailText({ role: 'lead', via: 'code', codeStart: 'AB12' }, 'en')).toBe(
      'role lead, by invitation code, code AB12…',
    );
    expect(auditDetailText({ kind: 'resume' }, 'de')).toBe('Fortsetzungscode');
    expect(auditDetailText({ format: 'csv', round: 2 }, 'de')).toBe('Runde 2, Format CSV');
    // Unknown keys and values: shown as they are, without Markdown.
    expect(auditDetailText({ zeta: '*x*', via: 'carrier_pigeon' }, 'de')).toBe('carrierpigeon, zeta: x');
    expect(auditDetailText({}, 'de')).toBe('');
  });

  it('names who and whom by pseudonym, the system when nobody acted', () => {
    const entry = {
      at: new Date(),
      action: 'role_granted' as const,
      actor: null,
      subject: 'P-7K3MQ2XZ',
      municipality: 'Potsdam',
      detail: { role: 'lead' },
    };
    expect(auditContextText(entry, 'de')).toBe('von System · betrifft P-7K3MQ2XZ · Potsdam · Rolle Leitung');
    expect(auditContextText({ ...entry, municipality: null, detail: {} }, 'en')).toBe(
      'by system · concerning P-7K3MQ2XZ',
    );
  });

  it('writes dd.mm.yyyy HH:MM in Berlin time in winter and summer', () => {
    expect(formatBerlinMinute(new Date('2026-12-31T23:05:00Z'))).toBe('01.01.2027 00:05');
    expect(formatBerlinMinute(new Date('2026-07-01T09:07:00Z'))).toBe('01.07.2026 11:07');
  });

  it('says when the trail is empty, and offers no button without a dashboard address', () => {
    const { card, text } = renderAuditTrailCard({ scope: 'Kiel', entries: [], more: false, locale: 'en' });
    expect(text).toBe('**Audit trail: Kiel**\n\nThe audit trail is still empty.');
    expect(card.actions).toBeUndefined();
  });

  it('has the same audit labels in German and English in the dashboard catalog, one per action', () => {
    const catalog = JSON.parse(
      readFileSync(path.join(__dirname, '../../src/http/public/dashboard/i18n.json'), 'utf8'),
    ) as Record<'de' | 'en', Record<string, string>>;
    const keys = (l: 'de' | 'en') => Object.keys(catalog[l]).filter((k) => k.startsWith('audit.'));
    expect(keys('en')).toEqual(keys('de'));
    for (const a of AUDIT_ACTIONS) expect(catalog.en[`audit.action.${a}`]).toBe(staffText('en', `audit.action.${a}`));
    for (const a of AUDIT_ACTIONS) expect(catalog.de[`audit.action.${a}`]).toBe(staffText('de', `audit.action.${a}`));
  });
});
