import type { Locale } from '../domain/selbstcheck';
import { selfCheckDe, selfCheckEn, type MessageKey } from './catalog';
import { coordinationDe, coordinationEn, type CoordinatorMessageKey } from './coordinatorCatalog';

/**
 * The staff audience: municipal staff, leads and coordinators in Teams and in the web chat's self-check.
 * They are addressed in German or English only, the languages the questionnaire itself exists in, so
 * the staff locale is the questionnaire's locale.
 */
export type StaffLocale = Locale;
export const STAFF_LOCALES: readonly StaffLocale[] = ['de', 'en'];

/** Every staff text key: the self-check conversation's and the coordination features'. */
export type StaffTextKey = MessageKey | CoordinatorMessageKey;

// Two tables by topic (each file stays readable), one key space: a key used twice would be a type error
// below only if its value types differed, so the disjointness is checked in tests/i18n.
const tables: Record<StaffLocale, Readonly<Record<StaffTextKey, string>>> = {
  de: { ...selfCheckDe, ...coordinationDe },
  en: { ...selfCheckEn, ...coordinationEn },
};

/** Maps a channel locale (e.g. "en-US", "de-DE", undefined) to a staff locale; German is the default. */
export function staffLocaleOf(channelLocale: string | undefined | null): StaffLocale {
  return channelLocale && /^en\b/i.test(channelLocale) ? 'en' : 'de';
}

/** A staff text with its `{name}` placeholders filled (unknown placeholders stay visible, so a typo shows). */
export function staffText(
  locale: StaffLocale,
  key: StaffTextKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return fill(tables[locale][key], params);
}

export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether both topic tables share a key (must never happen: the later one would silently win). */
export function overlappingStaffKeys(): string[] {
  return Object.keys(selfCheckDe).filter((key) => key in coordinationDe);
}
