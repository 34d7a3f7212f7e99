/**
 * Recognises typed commands in German and English. Pure: the bot decides what to do with them.
 * Matching is on the whole message (after trimming, case folding and removing a Teams @mention),
 * so free text that merely contains a command word is not mistaken for one.
 */
import { stripTrailing, tooLongForCommand } from './inputBounds';

export type Command =
  | { kind: 'help' }
  | { kind: 'language'; locale: 'de' | 'en' }
  | { kind: 'start' }
  | { kind: 'pause' }
  | { kind: 'status' }
  | { kind: 'back' }
  | { kind: 'skip' }
  | { kind: 'result' }
  | { kind: 'complete' }
  /** The id is upper-cased but not checked against the questionnaire; the dialog does that. */
  | { kind: 'change'; questionId: string }
  | { kind: 'field'; fieldId: string }
  /** Compact mode: all questions of a field (the current one unless named) on one card. */
  | { kind: 'form'; fieldId?: string }
  /** Back from compact mode to one question per card. */
  | { kind: 'single' }
  /** Remove one's own answers of the round and begin again (asks for confirmation first). */
  | { kind: 'startOver' }
  /** "ändern" without a question id: pick from the current field's answered questions. */
  | { kind: 'changeList' };

const HELP = new Set(['hilfe', 'help', '?', 'hilfe bitte', 'was kannst du', 'what can you do']);
const TO_GERMAN = new Set(['deutsch', 'sprache deutsch', 'auf deutsch', 'language german', 'german', 'in german']);
const TO_ENGLISH = new Set([
  'english',
  'englisch',
  'sprache englisch',
  'auf englisch',
  'language english',
  'in english',
]);

/**
 * Folds a message for the command sets. Callers bound the text first (see `tooLongForCommand`); each
 * step is a single linear pass even so (a trailing-punctuation regex was quadratic on long runs).
 */
export function normaliseInput(text: string): string {
  const folded = text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .normalize('NFC')
    .toLowerCase();
  return stripTrailing(folded, '!.,;:').replace(/\s+/g, ' ').trim();
}

const START = new Set([
  'start',
  'starten',
  'selbstcheck',
  'selbstcheck starten',
  'los',
  'weiter',
  'fortsetzen',
  'continue',
  'resume',
  'self-check',
  'start self-check',
]);
const PAUSE = new Set(['pause', 'pausieren', 'unterbrechen', 'später', 'spaeter', 'later', 'stop']);
const STATUS = new Set(['status', 'fortschritt', 'progress', 'wo bin ich', 'where am i']);
const BACK = new Set(['zurück', 'zurueck', 'back', 'previous', 'vorherige frage']);
const SKIP = new Set(['überspringen', 'ueberspringen', 'skip', 'weiß nicht genau, überspringen']);
const RESULT = new Set(['ergebnis', 'auswertung', 'gesamtauswertung', 'result', 'results', 'summary']);
const COMPLETE = new Set([
  'abschließen',
  'abschliessen',
  'runde abschließen',
  'runde abschliessen',
  'selbstcheck abschließen',
  'complete',
  'complete round',
  'close round',
  'finish round',
]);
const CHANGE = /^(?:ändern|aendern|antwort ändern|change|change answer|edit)\s+([a-z]{2})\s*-?\s*(\d{1,2})$/u;
const FIELD = /^(?:feld|handlungsfeld|field)\s+([a-z]{2})$/u;
const FORM = /^(?:formular|formularansicht|alle fragen|form|form view|all questions)(?:\s+([a-z]{2}))?$/u;
const START_OVER = new Set([
  'neu beginnen',
  'von vorn',
  'von vorne',
  'neu anfangen',
  'alles löschen',
  'start over',
  'restart',
  'start again',
  'begin again',
]);
const CHANGE_LIST = new Set([
  'ändern',
  'aendern',
  'antwort ändern',
  'antworten ändern',
  'change',
  'change answer',
  'edit',
]);
const SINGLE = new Set([
  'einzeln',
  'einzelne fragen',
  'frage für frage',
  'one by one',
  'single',
  'one question at a time',
]);

export function recogniseCommand(text: string): Command | undefined {
  if (tooLongForCommand(text)) return undefined;
  const input = normaliseInput(text);
  if (HELP.has(input)) return { kind: 'help' };
  if (TO_GERMAN.has(input)) return { kind: 'language', locale: 'de' };
  if (TO_ENGLISH.has(input)) return { kind: 'language', locale: 'en' };
  if (START.has(input)) return { kind: 'start' };
  if (PAUSE.has(input)) return { kind: 'pause' };
  if (STATUS.has(input)) return { kind: 'status' };
  if (BACK.has(input)) return { kind: 'back' };
  if (SKIP.has(input)) return { kind: 'skip' };
  if (RESULT.has(input)) return { kind: 'result' };
  if (COMPLETE.has(input)) return { kind: 'complete' };
  const change = CHANGE.exec(input);
  if (change !== null)
    return { kind: 'change', questionId: `${(change[1] ?? '').toUpperCase()}-${(change[2] ?? '').padStart(2, '0')}` };
  if (SINGLE.has(input)) return { kind: 'single' };
  if (START_OVER.has(input)) return { kind: 'startOver' };
  if (CHANGE_LIST.has(input)) return { kind: 'changeList' };
  const form = FORM.exec(input);
  if (form !== null) return form[1] === undefined ? { kind: 'form' } : { kind: 'form', fieldId: form[1].toUpperCase() };
  const field = FIELD.exec(input);
  if (field !== null) return { kind: 'field', fieldId: (field[1] ?? '').toUpperCase() };
  return undefined;
}
