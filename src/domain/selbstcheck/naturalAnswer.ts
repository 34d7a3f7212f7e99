/**
 * Answers in people's own words ("ja, haben wir", "nein, gibt es nicht", "teilweise schon", "in Planung",
 * "yes, we have", "partly", "don't know"), mapped to the scale only where the words allow one reading.
 * Works on the output of `normalizeTypedText` (lower case, umlauts folded, no punctuation), which is
 * bounded by the caller; every step is a split or a lookup in a small fixed set, so it stays linear.
 *
 * Decisions (see docs/conversation.md):
 * - A sentence with a negation ("nicht", "kein", "nein", "no", "not", …) never maps to full, partial or
 *   planned: alone it means "none", with a degree word ("noch nicht, aber geplant") it is asked back.
 * - A plain yes ("ja", "ja, haben wir", "yes, we have", "gibt es") says that something exists, not how
 *   far it goes, so it is asked back with "fully" and "partly"; a degree word decides ("ja, teilweise").
 * - Two degree words ("teilweise, der Rest ist geplant") are asked back with both.
 */
import type { AnswerValue } from './types';

export type NaturalAnswer =
  | { readonly kind: 'answer'; readonly value: AnswerValue }
  /** Candidates in scale order (best first), at least two. */
  | { readonly kind: 'ambiguous'; readonly candidates: readonly AnswerValue[] }
  | { readonly kind: 'none' };

/** Phrases that say "I don't know"; removed before anything else, since they contain negations ("nicht", "no"). */
const UNKNOWN_PHRASES: readonly string[] = [
  'weiss ich nicht',
  'weiss nicht',
  'weis nicht',
  'keine ahnung',
  'nicht bekannt',
  'kann ich nicht sagen',
  'kann ich nicht beurteilen',
  'unbekannt',
  'unklar',
  'unsicher',
  'i dont know',
  'dont know',
  'do not know',
  'not sure',
  'no idea',
  'not known',
  'cannot say',
  'cant say',
  'unknown',
];

/** Negation words (whole tokens). */
export const NEGATION_WORDS: ReadonlySet<string> = new Set([
  'nein',
  'nee',
  'noe',
  'nicht',
  'nichts',
  'kein',
  'keine',
  'keinen',
  'keinem',
  'keiner',
  'keines',
  'nie',
  'niemals',
  'ohne',
  'no',
  'nope',
  'not',
  'none',
  'nothing',
  'never',
  'neither',
  'nor',
  'without',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'havent',
  'hasnt',
  'cant',
  'cannot',
  'wont',
]);

/** Words that say something exists or is done, without saying how far. */
const YES_WORDS: ReadonlySet<string> = new Set([
  'ja',
  'jawohl',
  'jep',
  'jo',
  'genau',
  'yes',
  'yeah',
  'yep',
  'yup',
  'vorhanden',
  'umgesetzt',
  'existiert',
  'gibts',
  'eingefuehrt',
  'exists',
  'implemented',
]);
const YES_PHRASES: readonly string[] = [
  'haben wir',
  'gibt es',
  'we have',
  'we do',
  'there is',
  'there are',
  'in place',
];

type Degree = 'full' | 'partial' | 'planned';

const DEGREE_WORDS: Readonly<Record<Degree, ReadonlySet<string>>> = {
  full: new Set([
    'vollstaendig',
    'voll',
    'vollumfaenglich',
    'komplett',
    'ganz',
    'gaenzlich',
    'fully',
    'full',
    'completely',
    'complete',
    'entirely',
    'totally',
  ]),
  partial: new Set([
    'teilweise',
    'teils',
    'teilen',
    'ansatzweise',
    'bedingt',
    'eingeschraenkt',
    'partly',
    'partially',
    'partial',
    'part',
    'somewhat',
  ]),
  planned: new Set([
    'geplant',
    'planung',
    'planen',
    'plan',
    'vorgesehen',
    'vorbereitung',
    'planned',
    'planning',
    'plans',
  ]),
};
const DEGREE_PHRASES: readonly (readonly [string, Degree])[] = [
  ['zum teil', 'partial'],
  ['in part', 'partial'],
];

const DEGREE_ORDER: readonly Degree[] = ['full', 'partial', 'planned'];

/** ` text ` contains ` phrase ` (both normalised, so word boundaries are single spaces). */
function hasPhrase(padded: string, phrase: string): boolean {
  return padded.includes(` ${phrase} `);
}

function removePhrase(padded: string, phrase: string): string {
  return padded.split(` ${phrase} `).join(' ');
}

/** Interprets a normalised text (see `normalizeTypedText`); `none` when it carries no answer words at all. */
export function interpretNaturalAnswer(normalized: string): NaturalAnswer {
  let padded = ` ${normalized} `;
  let unknown = false;
  for (const phrase of UNKNOWN_PHRASES) {
    if (hasPhrase(padded, phrase)) {
      unknown = true;
      // Twice, because split leaves one space between two adjacent occurrences.
      padded = ` ${removePhrase(removePhrase(padded, phrase), phrase).trim()} `;
    }
  }
  const tokens = padded.trim() === '' ? [] : padded.trim().split(' ');
  const negated = tokens.some((t) => NEGATION_WORDS.has(t));
  const yes = tokens.some((t) => YES_WORDS.has(t)) || YES_PHRASES.some((p) => hasPhrase(padded, p));
  const degrees = new Set<Degree>();
  for (const t of tokens) for (const d of DEGREE_ORDER) if (DEGREE_WORDS[d].has(t)) degrees.add(d);
  for (const [phrase, d] of DEGREE_PHRASES) if (hasPhrase(padded, phrase)) degrees.add(d);

  const found = [...DEGREE_ORDER.filter((d) => degrees.has(d))];
  if (unknown) {
    if (!negated && !yes && found.length === 0) return { kind: 'answer', value: 'unknown' };
    return ask([...candidatesOf(found, negated, yes), 'unknown']);
  }
  if (!negated && !yes && found.length === 0) return { kind: 'none' };
  if (negated) return found.length === 0 ? { kind: 'answer', value: 'none' } : ask(candidatesOf(found, true, yes));
  const only = found.length === 1 ? found[0] : undefined;
  if (only !== undefined) return { kind: 'answer', value: only };
  return ask(candidatesOf(found, false, yes));
}

/** The readings an unclear answer allows. */
function candidatesOf(found: readonly Degree[], negated: boolean, yes: boolean): AnswerValue[] {
  const out = new Set<AnswerValue>();
  // "nicht ganz", "not fully": less than full, so partly or not at all.
  for (const d of found) out.add(negated && d === 'full' ? 'partial' : d);
  if (found.length === 0 && yes) {
    out.add('full');
    out.add('partial');
  }
  if (negated) out.add('none');
  return out.size === 0 ? [] : [...out];
}

function ask(candidates: readonly AnswerValue[]): NaturalAnswer {
  const order: readonly AnswerValue[] = ['full', 'partial', 'planned', 'none', 'unknown'];
  const sorted = order.filter((v) => candidates.includes(v));
  if (sorted.length === 1 && sorted[0] !== undefined) return { kind: 'answer', value: sorted[0] };
  return sorted.length === 0 ? { kind: 'none' } : { kind: 'ambiguous', candidates: sorted };
}
