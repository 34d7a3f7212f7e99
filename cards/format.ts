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

// German civil time, whatever the server's zone: the trail's readers are German municipalities.
const BERLIN_MINUTE = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `dd.mm.yyyy HH:MM` in Europe/Berlin, in both languages (one unambiguous form for the audit trail). */
export function formatBerlinMinute(at: Date): string {
  const parts = BERLIN_MINUTE.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}

const TRAILING_PUNCTUATION = new Set([' ', ',', ';', ':', '–', '-', '(']);

/**
 * A text cut to at most `max` characters at a word boundary, with "…" when something was cut (e.g. a
 * question in a list). A single overlong word is cut inside; trailing punctuation before "…" is dropped.
 */
export function shortenAtWord(text: string, max: number): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, Math.max(1, max - 1));
  // The cut ends on a word boundary when the next character is a space; otherwise go back to the last one.
  const space = clean.charAt(cut.length) === ' ' ? cut.length : cut.lastIndexOf(' ');
  let end = space >= cut.length / 2 ? space : cut.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(cut.charAt(end - 1))) end--;
  return `${cut.slice(0, end)}…`;
}
