/** `protokoll` / `audit`: the bare word or the word and a municipality-shaped name, and nothing that reads as prose. */
import { recogniseAuditCommand } from '../../src/domain/conversation/auditCommands';

describe('recogniseAuditCommand', () => {
  it.each([
    ['protokoll', undefined],
    ['Protokoll', undefined],
    ['  protokoll!  ', undefined],
    ['audit', undefined],
    ['audit log', undefined],
    ['audit trail', undefined],
    ['protokoll alle', undefined],
    ['audit all', undefined],
    ['protokoll Potsdam', 'Potsdam'],
    ['Protokoll potsdam.', 'potsdam'],
    ['audit Landkreis Teltow-Fläming', 'Landkreis Teltow-Fläming'],
    ['protokoll Halle (Saale)', 'Halle (Saale)'],
    ['protokoll Am Mellensee', 'Am Mellensee'],
    ['protokoll  Frankfurt   am Main', 'Frankfurt am Main'],
  ])('%s is the command', (text, municipality) => {
    expect(recogniseAuditCommand(text)).toEqual(
      municipality === undefined ? { kind: 'auditTrail' } : { kind: 'auditTrail', municipality },
    );
  });

  it.each([
    'Gibt es ein Protokoll vom Workshop?',
    'protokoll?',
    'Protokoll vom Workshop',
    'protokoll der sitzung',
    'Protokoll des Treffens am Montag',
    'protokoll für die Steuerungsgruppe',
    'protokoll zum Selbstcheck',
    'protokoll bitte',
    'Protokoll: Potsdam',
    'protokoll wo finde ich das',
    'audit of the workshop',
    'audit for Potsdam please',
    'audit: potsdam',
    'protokolle',
    'protokollieren',
    'auditing',
    'protokoll eins zwei drei vier fünf sechs',
    `protokoll ${'x'.repeat(81)}`,
    `protokoll ${'a '.repeat(150)}`,
    'Wie wird das Audit durchgeführt?',
  ])('%s is not', (text) => {
    expect(recogniseAuditCommand(text)).toBeUndefined();
  });
});
