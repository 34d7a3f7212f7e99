import { ANSWER_LABELS, ANSWER_NUMBERS, ANSWER_VALUES } from './labels';
import { interpretNaturalAnswer, NEGATION_WORDS } from './naturalAnswer';
import type { AnswerValue, Locale, StoredAnswer } from './types';

/**
 * Lower-cases, folds umlauts/ß to ASCII (so "weiss nicht" = "weiß nicht"),
 * unifies apostrophes and drops punctuation people add in chat ("Teilweise!").
 */
export function normalizeTypedText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[\u2018\u2019\u00b4`]/g, "'")
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

type Typed = StoredAnswer;

/** Longest text (after trimming) that can still be a typed answer; the longest label is far shorter. */
export const MAX_TYPED_ANSWER_LENGTH = 200;

/** Words per locale. Both lists are always tried; the locale only decides which goes first. */
const WORDS: Readonly<Record<Locale, readonly (readonly [string, Typed])[]>> = {
  de: [
    ['vollstaendig', 'full'],
    ['voll', 'full'],
    ['umgesetzt', 'full'],
    ['vorhanden', 'full'],
    ['komplett', 'full'],
    ['teilweise', 'partial'],
    ['teils', 'partial'],
    ['zum teil', 'partial'],
    ['teilweise vorhanden', 'partial'],
    ['in teilen', 'partial'],
    ['geplant', 'planned'],
    ['in planung', 'planned'],
    ['nein', 'none'],
    ['nicht', 'none'],
    ['gar nicht', 'none'],
    ['nicht umgesetzt', 'none'],
    ['keine', 'none'],
    ['kein', 'none'],
    ['weiss nicht', 'unknown'],
    ['weis nicht', 'unknown'],
    ['weiss ich nicht', 'unknown'],
    ['keine ahnung', 'unknown'],
    ['unbekannt', 'unknown'],
    ['unklar', 'unknown'],
    ['nicht bekannt', 'unknown'],
    ['unsicher', 'unknown'],
    ['ueberspringen', 'skipped'],
    ['uberspringen', 'skipped'],
    ['spaeter', 'skipped'],
    ['auslassen', 'skipped'],
  ],
  en: [
    ['fully', 'full'],
    ['full', 'full'],
    ['in place', 'full'],
    ['complete', 'full'],
    ['partly', 'partial'],
    ['partially', 'partial'],
    ['partial', 'partial'],
    ['in part', 'partial'],
    ['partly in place', 'partial'],
    ['planned', 'planned'],
    ['in planning', 'planned'],
    ['no', 'none'],
    ['none', 'none'],
    ['not at all', 'none'],
    ['not in place', 'none'],
    ['dont know', 'unknown'],
    ['do not know', 'unknown'],
    ['unknown', 'unknown'],
    ['not sure', 'unknown'],
    ['no idea', 'unknown'],
    ['skip', 'skipped'],
    ['skipped', 'skipped'],
    ['later', 'skipped'],
    ['pass', 'skipped'],
  ],
};

function lookup(locale: Locale): Map<string, Typed> {
  const map = new Map<string, Typed>();
  // The labels shown on cards must always parse back to their value.
  for (const value of ANSWER_VALUES) map.set(normalizeTypedText(ANSWER_LABELS[value][locale]), value);
  map.set(normalizeTypedText(ANSWER_LABELS.skipped[locale]), 'skipped');
  for (const [word, value] of WORDS[locale]) if (!map.has(word)) map.set(word, value);
  return map;
}

const LOOKUPS: Readonly<Record<Locale, Map<string, Typed>>> = { de: lookup('de'), en: lookup('en') };

const BY_NUMBER = new Map<string, AnswerValue>(ANSWER_VALUES.map((v) => [String(ANSWER_NUMBERS[v]), v]));

/** What someone typed at a question: one value, a few readings to ask back, or nothing recognisable. */
export type TypedAnswer =
  | { readonly kind: 'answer'; readonly value: StoredAnswer }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly AnswerValue[] }
  | { readonly kind: 'none' };

const NOTHING: TypedAnswer = { kind: 'none' };

/**
 * Maps what someone typed to a scale value or `skipped`: a number 1–5 (also
 * "2.", "2 teilweise"), a card label, a common word in German or English, or a
 * short sentence in their own words (see naturalAnswer.ts), ignoring case,
 * umlaut spelling and punctuation. A sentence that allows several readings
 * comes back as `ambiguous` so the dialog can ask with those as buttons.
 */
export function interpretTypedAnswer(text: string, locale: Locale = 'de'): TypedAnswer {
  // Every typed answer is a number or a short sentence: a long message is none, and is not normalised at all.
  if (text.length > MAX_TYPED_ANSWER_LENGTH && text.trim().length > MAX_TYPED_ANSWER_LENGTH) return NOTHING;
  const normalized = normalizeTypedText(text);
  if (normalized === '') return NOTHING;

  const leadingNumber = /^(\d+)(?: (.*))?$/.exec(normalized);
  if (leadingNumber !== null) {
    const byNumber = BY_NUMBER.get(leadingNumber[1] ?? '');
    if (byNumber === undefined) return NOTHING;
    // "2 teilweise" is fine; "2 nein" or "2 aber nicht wirklich" contradicts itself, so ask again.
    const rest = leadingNumber[2];
    if (rest === undefined) return { kind: 'answer', value: byNumber };
    const restValue = lookupWord(rest, locale);
    if (restValue !== undefined) return restValue === byNumber ? { kind: 'answer', value: byNumber } : NOTHING;
    const natural = interpretNaturalAnswer(rest);
    if (natural.kind === 'answer') return natural.value === byNumber ? natural : NOTHING;
    if (natural.kind === 'ambiguous') return NOTHING;
    return rest.split(' ').some((t) => NEGATION_WORDS.has(t)) ? NOTHING : { kind: 'answer', value: byNumber };
  }
  const word = lookupWord(normalized, locale);
  if (word !== undefined) return { kind: 'answer', value: word };
  return interpretNaturalAnswer(normalized);
}

/** The one value a typed text stands for, or undefined (nothing recognisable, or several readings). */
export function parseTypedAnswer(text: string, locale: Locale = 'de'): StoredAnswer | undefined {
  const typed = interpretTypedAnswer(text, locale);
  return typed.kind === 'answer' ? typed.value : undefined;
}

function lookupWord(normalized: string, locale: Locale): StoredAnswer | undefined {
  const other: Locale = locale === 'de' ? 'en' : 'de';
  return LOOKUPS[locale].get(normalized) ?? LOOKUPS[other].get(normalized);
}
