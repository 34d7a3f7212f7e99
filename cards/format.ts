import type { Locale } from '../src/domain/selbstcheck';

// One formatter per locale: toLocaleString builds a new Intl.NumberFormat on every call, which showed
// up in the answer turn's profile (a field summary formats eight scores).
const SCORE_FORMATS: Readonly<Record<Locale, Intl.NumberFormat>> = {
  de: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

/** A 0–100 score with at most one decimal, in the reader's number format ("26,9" / "26.9"). */
export function formatScore(score: number, locale: Locale): string {
  return SCORE_FORMATS[locale].format(score);
}
