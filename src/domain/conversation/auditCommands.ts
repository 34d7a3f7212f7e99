/**
 * `protokoll [<Kommune>]` / `audit [<municipality>]`: the coordinators' look at the audit trail. Pure recognition.
 *
 * Conservative on purpose: "Protokoll" is an ordinary word of citizens' and staff's questions ("Gibt es ein
 * Protokoll vom Workshop?", "protokoll der sitzung"), and everything this recogniser claims is taken away from the
 * FAQ. So only the bare word, `alle`/`all`, or the word followed by something shaped like a municipality name is
 * the command: no question mark or other sentence punctuation, at most five words, and not starting with an
 * article, preposition or question word. The service decides whether the name is a municipality.
 */
import { isAll, normaliseCommandText } from './coordinatorCommands';
import { tooLongForCommand } from './inputBounds';

export type AuditCommand = { readonly kind: 'auditTrail'; readonly municipality?: string };

const WORDS = new Set(['protokoll', 'audit']);
/** "audit log", "audit trail": the bare command in other words. */
const BARE = new Set(['log', 'trail']);

/** Longest municipality name the command takes (stored names are at most 100; a longer argument is prose). */
const MAX_NAME = 80;
const MAX_WORDS = 5;
/** Characters of municipality names (see municipalityRules): letters, digits, spaces and . , ( ) - / & ' */
const NAME_SHAPE = /^[\p{L}\p{N} .,()/&'’-]+$/u;

/**
 * Words a sentence about a protocol starts with, never a municipality: "protokoll vom workshop", "audit of …".
 * Not "am" and "an": municipalities are called "Am Mellensee" or "An der Schmücke".
 */
const NOT_A_NAME = new Set([
  // German articles, prepositions, pronouns, question words and verbs
  'der',
  'die',
  'das',
  'den',
  'dem',
  'des',
  'ein',
  'eine',
  'einen',
  'einer',
  'eines',
  'vom',
  'von',
  'zum',
  'zur',
  'zu',
  'für',
  'fuer',
  'über',
  'ueber',
  'im',
  'in',
  'auf',
  'aus',
  'bei',
  'mit',
  'nach',
  'ist',
  'sind',
  'gibt',
  'bitte',
  'anzeigen',
  'zeigen',
  'ansehen',
  'schicken',
  'senden',
  'und',
  'oder',
  'wo',
  'wie',
  'was',
  'wann',
  'wer',
  'welche',
  'welches',
  'mein',
  'meine',
  'unser',
  'unsere',
  'ich',
  'wir',
  'sie',
  'es',
  // English
  'the',
  'a',
  'an',
  'of',
  'from',
  'for',
  'about',
  'to',
  'on',
  'at',
  'is',
  'are',
  'was',
  'please',
  'show',
  'and',
  'or',
  'where',
  'how',
  'what',
  'when',
  'who',
  'which',
  'my',
  'our',
  'i',
  'we',
]);

function nameShaped(arg: string): boolean {
  if (arg.length > MAX_NAME || !NAME_SHAPE.test(arg)) return false;
  const words = arg.split(' ');
  if (words.length > MAX_WORDS) return false;
  return !NOT_A_NAME.has((words[0] ?? '').toLowerCase());
}

export function recogniseAuditCommand(text: string): AuditCommand | undefined {
  if (tooLongForCommand(text)) return undefined;
  // Trimmed first: the shared folding strips trailing punctuation only at the very end of the text.
  const input = normaliseCommandText(text.trim());
  const space = input.indexOf(' ');
  const word = (space < 0 ? input : input.slice(0, space)).toLowerCase();
  if (!WORDS.has(word)) return undefined;
  const arg = space < 0 ? '' : input.slice(space + 1).trim();
  if (arg === '' || isAll(arg) || BARE.has(arg.toLowerCase())) return { kind: 'auditTrail' };
  return nameShaped(arg) ? { kind: 'auditTrail', municipality: arg } : undefined;
}
