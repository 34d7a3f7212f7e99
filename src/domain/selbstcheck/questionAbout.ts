/**
 * Questions someone asks in the middle of the check instead of answering: about a step of the scale
 * ("was bedeutet geplant?", "what does partly mean?") or about the question itself ("was ist mit Leitbild
 * gemeint?"). Pure; bounded like typed answers, and every step is a split or a set lookup (linear).
 */
import { MAX_TYPED_ANSWER_LENGTH, normalizeTypedText } from './typedAnswer';
import type { AnswerValue } from './types';

export type QuestionAbout =
  /** The scale steps named in the question, in scale order (at least one). */
  { readonly kind: 'scale'; readonly values: readonly AnswerValue[] } | { readonly kind: 'question' };

/** First words that open a question. */
const QUESTION_STARTS: ReadonlySet<string> = new Set([
  'was',
  'wie',
  'wieso',
  'warum',
  'welche',
  'welcher',
  'welches',
  'wer',
  'zaehlt',
  'gilt',
  'what',
  'whats',
  'how',
  'why',
  'which',
  'who',
  'explain',
  'erklaere',
  'erklaer',
]);

/** Words that ask what something means, anywhere in the message. */
const MEANING_WORDS: ReadonlySet<string> = new Set([
  'bedeutet',
  'bedeuten',
  'bedeutung',
  'heisst',
  'gemeint',
  'meint',
  'verstehe',
  'versteht',
  'definition',
  'erklaerung',
  'mean',
  'means',
  'meant',
  'meaning',
  'understand',
  'explain',
  'erklaere',
  'erklaer',
  'erklaeren',
]);

const SCALE_WORDS: ReadonlyMap<string, AnswerValue> = new Map([
  ['vollstaendig', 'full'],
  ['voll', 'full'],
  ['komplett', 'full'],
  ['fully', 'full'],
  ['full', 'full'],
  ['teilweise', 'partial'],
  ['teils', 'partial'],
  ['partly', 'partial'],
  ['partially', 'partial'],
  ['partial', 'partial'],
  ['geplant', 'planned'],
  ['planung', 'planned'],
  ['planned', 'planned'],
  ['planning', 'planned'],
]);
const SCALE_PHRASES: readonly (readonly [string, AnswerValue])[] = [
  ['nicht vorhanden', 'none'],
  ['not in place', 'none'],
  ['weiss nicht', 'unknown'],
  ['dont know', 'unknown'],
  ['do not know', 'unknown'],
];
const ORDER: readonly AnswerValue[] = ['full', 'partial', 'planned', 'none', 'unknown'];

/** Undefined when the text is not a question (then it may still be an answer). */
export function recogniseQuestionAbout(text: string): QuestionAbout | undefined {
  if (text.length > MAX_TYPED_ANSWER_LENGTH && text.trim().length > MAX_TYPED_ANSWER_LENGTH) return undefined;
  const normalized = normalizeTypedText(text);
  if (normalized === '') return undefined;
  const tokens = normalized.split(' ');
  // A scale word needs only a question's first word ("was heißt teilweise"); the question itself needs a word
  // asking for meaning ("was ist mit Leitbild gemeint"), so small talk ("wie ist das Wetter?") stays unknown input.
  const meaning = tokens.some((t) => MEANING_WORDS.has(t));
  if (!meaning && !QUESTION_STARTS.has(tokens[0] ?? '')) return undefined;
  const padded = ` ${normalized} `;
  const named = new Set<AnswerValue>();
  for (const t of tokens) {
    const value = SCALE_WORDS.get(t);
    if (value !== undefined) named.add(value);
  }
  for (const [phrase, value] of SCALE_PHRASES) if (padded.includes(` ${phrase} `)) named.add(value);
  const values = ORDER.filter((v) => named.has(v));
  if (values.length > 0) return { kind: 'scale', values };
  return meaning ? { kind: 'question' } : undefined;
}
