/**
 * Recognises a person's function typed in their own words ("Integrationsbeauftragte*r", "Bürgermeisterin",
 * "Beirat", "integration officer", "Integrationsbeauftrage"). Pure and bounded: the input is cut off at a
 * fixed length and a fixed number of words, every word is folded in one pass, and each word is compared with
 * a fixed vocabulary by an edit distance limited to a narrow band, so the work grows linearly with the input
 * and never beyond the bound. An input that fits two functions equally is reported as ambiguous, never guessed.
 */
import { ROLES, ROLE_LABELS } from '../selbstcheck/labels';
import type { Role } from '../selbstcheck/types';

export type RoleMatch =
  | { readonly kind: 'match'; readonly role: Role }
  | { readonly kind: 'ambiguous'; readonly roles: readonly Role[] }
  | { readonly kind: 'none' };

/** Longer inputs are no answer to "which function?" (and are not looked at). */
export const MAX_ROLE_INPUT_LENGTH = 200;
/** Only the first words count; a function is a few words. */
const MAX_WORDS = 16;
/** A longer word is no word of the vocabulary (the longest folded one has 25 letters). */
const MAX_WORD_LENGTH = 40;

/** Own words per function beyond its German and English label (folded like the input). */
const SYNONYMS: Readonly<Record<Role, readonly string[]>> = {
  mayor: [
    'Bürgermeister',
    'Oberbürgermeister',
    'OB',
    'Landrat',
    'Landrätin',
    'Verwaltungsleitung',
    'Verwaltungschef',
    'Stadtspitze',
    'Gemeindespitze',
    'Beigeordnete',
    'mayor',
    'lord mayor',
    'district administrator',
    'chief executive',
  ],
  department_head: [
    'Fachbereichsleitung',
    'Fachbereichsleiter',
    'Amtsleitung',
    'Amtsleiter',
    'Abteilungsleitung',
    'Abteilungsleiter',
    'Fachdienstleitung',
    'Fachdienstleiter',
    'Bereichsleitung',
    'Referatsleitung',
    'head of department',
    'department head',
    'head of unit',
  ],
  integration_officer: [
    'Integrationsbeauftragte',
    'Migrationsbeauftragte',
    'Flüchtlingskoordinator',
    'Flüchtlingsbeauftragte',
    'Integrationskoordinator',
    'integration officer',
    'integration commissioner',
    'integration coordinator',
    'refugee coordinator',
  ],
  integration_staff: [
    'Integrationsstelle',
    'Integrationsbüro',
    'Sachbearbeiter Integration',
    'integration unit',
    'integration staff',
    'integration team',
  ],
  advisory_council: [
    'Integrationsbeirat',
    'Beirat',
    'Beiratsmitglied',
    'Integrationsrat',
    'Ausländerbeirat',
    'Migrationsbeirat',
    'advisory council',
    'integration council',
  ],
  other: ['Andere', 'Sonstige', 'Sonstiges', 'other', 'something else'],
};

/** Filler words and the separated parts of gendered forms ("Mitarbeiter:in", "Beauftragte*r"). */
const STOPWORDS: ReadonlySet<string> = new Set([
  // gender suffixes written as words of their own after * : _ / ·
  'r',
  'e',
  'n',
  'in',
  'innen',
  // German fillers
  'ich',
  'bin',
  'als',
  'der',
  'die',
  'das',
  'den',
  'dem',
  'des',
  'ein',
  'eine',
  'und',
  'oder',
  'im',
  'fuer',
  'bei',
  'beim',
  'von',
  'vom',
  'zur',
  'zum',
  'mein',
  'meine',
  'funktion',
  'rolle',
  // English fillers
  'i',
  'am',
  'a',
  'an',
  'the',
  'of',
  'and',
  'or',
  'for',
  'my',
  'as',
  'role',
  'function',
]);

const FOLDED_LETTERS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * Lower case, umlauts spelled out, other accents dropped, everything that is not a letter or digit a word
 * break. One pass over at most MAX_ROLE_INPUT_LENGTH characters.
 */
function words(text: string): string[] {
  const out: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current !== '' && current.length <= MAX_WORD_LENGTH) out.push(current);
    current = '';
  };
  for (const raw of text.toLowerCase()) {
    const spelled = FOLDED_LETTERS[raw];
    if (spelled !== undefined) {
      current += spelled;
      continue;
    }
    // Accents off ("é" → "e"); the decomposition of one character is at most a few code points.
    for (const ch of raw.normalize('NFD')) {
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) current += ch;
      else if (!/\p{M}/u.test(ch)) flush();
    }
    if (out.length >= MAX_WORDS) break;
  }
  flush();
  return out.slice(0, MAX_WORDS);
}

const INFLECTIONS = ['en', 'er', 'e', 'n', 'r', 's'] as const;
const MIN_STEM = 4;

/** Folds gendered and inflected forms onto one stem: Beauftragte/Beauftragter/Beauftragten, Mitarbeiter/-in/-innen. */
export function foldWord(word: string): string {
  let w = word;
  if (w.endsWith('innen') && w.length - 5 >= MIN_STEM + 1) w = w.slice(0, -5);
  else if (w.endsWith('in') && w.length - 2 >= MIN_STEM + 1) w = w.slice(0, -2);
  for (let round = 0; round < 2; round++) {
    const suffix = INFLECTIONS.find((s) => w.endsWith(s) && w.length - s.length >= MIN_STEM);
    if (suffix === undefined) break;
    w = w.slice(0, -suffix.length);
  }
  return w;
}

/** The folded, meaningful words of a text. */
export function roleTokens(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(foldWord);
}

/** How many typos a vocabulary word of this (folded) length tolerates: short words must be exact. */
export function typoBudget(length: number): number {
  if (length >= 10) return 2;
  return length >= 5 ? 1 : 0;
}

/**
 * Levenshtein distance of a and b if it is at most k, else k + 1. Only the diagonal band of width 2k + 1 is
 * computed, so the work is O(min(|a|, |b|) · k).
 */
export function boundedDistance(a: string, b: string, k: number): number {
  if (Math.abs(a.length - b.length) > k) return k + 1;
  if (k === 0) return a === b ? 0 : 1;
  const inf = k + 1;
  let prev = new Array<number>(b.length + 1).fill(inf);
  for (let j = 0; j <= Math.min(b.length, k); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(inf);
    if (i <= k) row[0] = i;
    let best = row[0] ?? inf;
    const from = Math.max(1, i - k);
    const to = Math.min(b.length, i + k);
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((prev[j - 1] ?? inf) + cost, (prev[j] ?? inf) + 1, (row[j - 1] ?? inf) + 1, inf);
      row[j] = value;
      if (value < best) best = value;
    }
    if (best > k) return inf;
    prev = row;
  }
  return Math.min(prev[b.length] ?? inf, inf);
}

interface Phrase {
  readonly role: Role;
  readonly tokens: readonly string[];
}

/** Every label (German and English, split at " / ") and synonym, as folded token lists. */
const PHRASES: readonly Phrase[] = ROLES.flatMap((role) => {
  const labels = [ROLE_LABELS[role].de, ROLE_LABELS[role].en].flatMap((l) => l.split(' / '));
  return [...labels, ...SYNONYMS[role]]
    .map((text) => ({ role, tokens: roleTokens(text) }))
    .filter((p) => p.tokens.length > 0);
});

/** The phrases' vocabulary: a role word of the input is looked up once per input word. */
const VOCABULARY: readonly string[] = [...new Set(PHRASES.flatMap((p) => p.tokens))];

function matches(input: string, word: string): boolean {
  return input === word || boundedDistance(input, word, typoBudget(word.length)) <= typoBudget(word.length);
}

/**
 * Which function the text names. A phrase whose words all occur (with typos within the budget) is a full
 * match; one role with a full match wins, several are ambiguous. Without any full match, the role with the
 * most matched words of one phrase wins, a tie is ambiguous.
 */
export function matchRole(text: string): RoleMatch {
  if (text.length > MAX_ROLE_INPUT_LENGTH) return { kind: 'none' };
  const tokens = roleTokens(text);
  if (tokens.length === 0) return { kind: 'none' };
  const known = new Set(VOCABULARY.filter((word) => tokens.some((t) => matches(t, word))));
  if (known.size === 0) return { kind: 'none' };
  const full = new Set<Role>();
  const partial = new Map<Role, number>();
  for (const phrase of PHRASES) {
    const hit = phrase.tokens.filter((t) => known.has(t)).length;
    if (hit === 0) continue;
    if (hit === phrase.tokens.length) full.add(phrase.role);
    partial.set(phrase.role, Math.max(partial.get(phrase.role) ?? 0, hit));
  }
  const ordered = (roles: Iterable<Role>): Role[] => ROLES.filter((r) => new Set(roles).has(r));
  if (full.size === 1) return { kind: 'match', role: [...full][0] as Role };
  if (full.size > 1) return { kind: 'ambiguous', roles: ordered(full) };
  const top = Math.max(...partial.values());
  const best = ordered([...partial].filter(([, n]) => n === top).map(([r]) => r));
  return best.length === 1 ? { kind: 'match', role: best[0] as Role } : { kind: 'ambiguous', roles: best };
}
