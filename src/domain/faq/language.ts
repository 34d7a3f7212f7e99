import { detectAll } from 'tinyld';
import { boundedPrefix, MAX_FAQ_QUERY_LENGTH } from '../conversation/inputBounds';
import type { FaqLocale } from './types';

const ARABIC = /\p{Script=Arabic}/u;
const CYRILLIC = /\p{Script=Cyrillic}/gu;
const UKRAINIAN_ONLY = /[іїєґ]/u;
const TURKISH_ONLY = /[ğış]/u;
const GERMAN_ONLY = /[äöüß]/u;

export interface DetectedLanguage {
  /** Best guess among the FAQ's locales, or undefined if the text gives no usable signal. */
  locale: FaqLocale | undefined;
  /** 0..1, tinyld's accuracy or 1 for an unambiguous script. */
  confidence: number;
}

/**
 * Guesses the language of a chat message among de, en, tr, ar, uk.
 * Script decides Arabic and Cyrillic; within Latin script tinyld (restricted to
 * de/en/tr) decides, helped by letters unique to German or Turkish.
 * Russian and other Cyrillic texts without Ukrainian letters are reported as
 * undefined when tinyld prefers Russian: the caller then falls back (English).
 * Leichte Sprache cannot be detected; it must be chosen by the user.
 */
export function detectLanguage(text: string): DetectedLanguage {
  // The start of a message says which language it is in; tinyld's work grows with the text.
  const trimmed = boundedPrefix(text.trimStart(), MAX_FAQ_QUERY_LENGTH).trim();
  if (!trimmed) return { locale: undefined, confidence: 0 };
  if (ARABIC.test(trimmed)) return { locale: 'ar', confidence: 1 };
  const cyr = trimmed.match(CYRILLIC)?.length ?? 0;
  if (cyr > 0 && cyr >= trimmed.replace(/[^\p{L}]/gu, '').length / 2) {
    if (UKRAINIAN_ONLY.test(trimmed.toLowerCase())) return { locale: 'uk', confidence: 1 };
    const [best] = detectAll(trimmed, { only: ['uk', 'ru', 'bg'] });
    if (best && best.lang !== 'uk') return { locale: undefined, confidence: best.accuracy };
    return { locale: 'uk', confidence: best?.accuracy ?? 0.5 };
  }
  const lower = trimmed.toLowerCase();
  const ranked = detectAll(trimmed, { only: ['de', 'en', 'tr'] });
  const best = ranked[0];
  if (TURKISH_ONLY.test(lower) && (!best || best.lang === 'tr' || best.accuracy < 0.5))
    return { locale: 'tr', confidence: 0.9 };
  if (GERMAN_ONLY.test(lower) && (!best || best.lang !== 'en' || best.accuracy < 0.5))
    return { locale: 'de', confidence: 0.9 };
  if (!best) return { locale: undefined, confidence: 0 };
  const locale = best.lang === 'de' || best.lang === 'en' || best.lang === 'tr' ? best.lang : undefined;
  return { locale, confidence: best.accuracy };
}
