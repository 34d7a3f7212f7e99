import type { Locale } from '../domain/selbstcheck';
import { selfCheckDe, selfCheckEn, type MessageKey } from './catalog';
import { coordinationDe, coordinationEn, type CoordinatorMessageKey } from './coordinatorCatalog';
import { municipalityAdminDe, municipalityAdminEn, type MunicipalityAdminMessageKey } from './municipalityCatalog';
import { invitationsDe, invitationsEn, type InvitationsMessageKey } from './invitationCatalog';
import { membershipDe, membershipEn, type MembershipMessageKey } from './membershipCatalog';
import { webIdentityDe, webIdentityEn, type WebIdentityMessageKey } from './identityCatalog';
import { auditDe, auditEn, type AuditMessageKey } from './auditCatalog';
import { privacyDe, privacyEn, type PrivacyMessageKey } from './privacyCatalog';
import { noticeDe, noticeEn, type NoticeMessageKey } from './noticeCatalog';
import { summaryNextDe, summaryNextEn, type SummaryNextMessageKey } from './summaryNextCatalog';
import { onboardingWordsDe, onboardingWordsEn, type OnboardingWordsMessageKey } from './onboardingWordsCatalog';
import { understandingDe, understandingEn, type UnderstandingMessageKey } from './understandingCatalog';

/**
 * The staff audience: municipal staff, leads and coordinators in Teams and in the web chat's self-check.
 * They are addressed in German or English only, the languages the questionnaire itself exists in, so
 * the staff locale is the questionnaire's locale.
 */
export type StaffLocale = Locale;
export const STAFF_LOCALES: readonly StaffLocale[] = ['de', 'en'];

/** Every staff text key: the self-check conversation's and the coordination features'. */
export type StaffTextKey =
  | MessageKey
  | CoordinatorMessageKey
  | MunicipalityAdminMessageKey
  | InvitationsMessageKey
  | MembershipMessageKey
  | WebIdentityMessageKey
  | AuditMessageKey
  | PrivacyMessageKey
  | NoticeMessageKey
  | SummaryNextMessageKey
  | OnboardingWordsMessageKey
  | UnderstandingMessageKey;

// Tables by topic (each file stays readable), one key space: a key used twice would be a type error
// below only if its value types differed, so the disjointness is checked in tests/i18n.
const GERMAN_TABLES = [
  selfCheckDe,
  coordinationDe,
  municipalityAdminDe,
  invitationsDe,
  membershipDe,
  webIdentityDe,
  auditDe,
  privacyDe,
  noticeDe,
  summaryNextDe,
  onboardingWordsDe,
  understandingDe,
];
const tables: Record<StaffLocale, Readonly<Record<StaffTextKey, string>>> = {
  de: {
    ...selfCheckDe,
    ...coordinationDe,
    ...municipalityAdminDe,
    ...invitationsDe,
    ...membershipDe,
    ...webIdentityDe,
    ...auditDe,
    ...privacyDe,
    ...noticeDe,
    ...summaryNextDe,
    ...onboardingWordsDe,
    ...understandingDe,
  },
  en: {
    ...selfCheckEn,
    ...coordinationEn,
    ...municipalityAdminEn,
    ...invitationsEn,
    ...membershipEn,
    ...webIdentityEn,
    ...auditEn,
    ...privacyEn,
    ...noticeEn,
    ...summaryNextEn,
    ...onboardingWordsEn,
    ...understandingEn,
  },
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

/** Whether a key built at run time (e.g. from stored data) names a staff text. */
export function isStaffTextKey(key: string): key is StaffTextKey {
  return Object.prototype.hasOwnProperty.call(tables.de, key);
}

export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Keys that two topic tables share (must never happen: the later one would silently win). */
export function overlappingStaffKeys(): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const table of GERMAN_TABLES)
    for (const key of Object.keys(table)) {
      if (seen.has(key)) twice.push(key);
      seen.add(key);
    }
  return twice;
}
