/**
 * A person's rights over their own data, as typed commands in German and English (issue #17). Whole-message
 * matching like every other command, so "ich möchte meine daten sehen" in a question to the FAQ is not taken
 * for one. The confirmation words are deliberately unlike any answer or prompt reply ("ja" alone confirms
 * other things in the self-check): only "ja, löschen" and its variants erase.
 */
import { normaliseInput } from './commands';
import { tooLongForCommand } from './inputBounds';

export type PrivacyCommand =
  | { readonly kind: 'myData' }
  | { readonly kind: 'erase'; readonly withdraw: boolean }
  | { readonly kind: 'confirm' }
  | { readonly kind: 'cancel' };

const MY_DATA = new Set([
  'meine daten',
  'meine daten anzeigen',
  'meine daten herunterladen',
  'auskunft',
  'datenauskunft',
  'my data',
  'show my data',
  'download my data',
]);
const ERASE = new Set([
  'daten löschen',
  'daten loeschen',
  'meine daten löschen',
  'meine daten loeschen',
  'delete my data',
  'erase my data',
  'delete my data please',
]);
const WITHDRAW = new Set([
  'einwilligung widerrufen',
  'einwilligung zurückziehen',
  'einwilligung zurueckziehen',
  'withdraw consent',
  'withdraw my consent',
]);
const CONFIRM = new Set([
  'ja, löschen',
  'ja löschen',
  'ja, loeschen',
  'ja loeschen',
  'ja, alles löschen',
  'ja alles löschen',
  'yes, delete',
  'yes delete',
  'yes, delete everything',
  'yes delete everything',
]);
const CANCEL = new Set(['abbrechen', 'nicht löschen', 'nicht loeschen', 'cancel', 'do not delete', "don't delete"]);

export function recognisePrivacyCommand(text: string): PrivacyCommand | undefined {
  if (tooLongForCommand(text)) return undefined;
  const t = normaliseInput(text).replace(/[’`]/g, "'");
  if (MY_DATA.has(t)) return { kind: 'myData' };
  if (ERASE.has(t)) return { kind: 'erase', withdraw: false };
  if (WITHDRAW.has(t)) return { kind: 'erase', withdraw: true };
  if (CONFIRM.has(t)) return { kind: 'confirm' };
  if (CANCEL.has(t)) return { kind: 'cancel' };
  return undefined;
}
