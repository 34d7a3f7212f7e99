/** Locales the FAQ knows. 'de-LS' is German Leichte Sprache (easy-to-read German). */
export const FAQ_LOCALES = ['de', 'de-LS', 'en', 'tr', 'ar', 'uk'] as const;
export type FaqLocale = (typeof FAQ_LOCALES)[number];

/** Locales every entry must have. */
export const REQUIRED_LOCALES = ['de', 'en'] as const;
/** Extra locales the ten most asked entries (those with `top`) must have. */
export const TOP_LOCALES = ['de-LS', 'tr', 'ar', 'uk'] as const;
/** Locales written right-to-left. */
export const RTL_LOCALES: ReadonlySet<FaqLocale> = new Set<FaqLocale>(['ar']);

/** The only public pages an entry may cite. */
export const ALLOWED_SOURCE_URLS = [
  'https://www.weltoffene-kommune.de',
  'https://www.bertelsmann-stiftung.de',
  'https://www.phineo.org',
] as const;
export type AllowedSourceUrl = (typeof ALLOWED_SOURCE_URLS)[number];

/** Token in answers that the caller replaces with the operator-configured contact address. */
export const CONTACT_TOKEN = '{contact}';

export type FaqSource =
  | { type: 'project'; title: string; url: AllowedSourceUrl; section: string }
  | { type: 'bot'; title: string; section: string };

export type LocalizedList = { de: string[]; en: string[] } & Partial<Record<Exclude<FaqLocale, 'de' | 'en'>, string[]>>;
export type LocalizedText = { de: string; en: string } & Partial<Record<Exclude<FaqLocale, 'de' | 'en'>, string>>;

export interface FaqEntry {
  id: string;
  /** 1..10 for the ten most asked entries (rank); absent otherwise. */
  top?: number;
  tags: string[];
  /** Search keywords and synonyms per language (de and en required). */
  keywords: LocalizedList;
  /** Question variants per locale; the first one is the display question. */
  questions: LocalizedList;
  answers: LocalizedText;
  source: FaqSource;
  /** Ids of 2–3 other entries offered as follow-up questions. */
  followUps: string[];
}

export interface FaqKnowledgeBase {
  version: number;
  entries: FaqEntry[];
}

export interface FaqQuestionRef {
  id: string;
  question: string;
  locale: FaqLocale;
}

/** Where the answer language came from. */
export type LocaleSource = 'option' | 'detected' | 'default';

interface FaqResultBase {
  /** Locale asked for (from options or detection). */
  requestedLocale: FaqLocale;
  localeSource: LocaleSource;
  /** Locale of the text actually returned. */
  locale: FaqLocale;
  /** True when `locale` differs from `requestedLocale` (the entry lacks that language). */
  fallback: boolean;
  /** Right-to-left text (Arabic). */
  rtl: boolean;
}

export interface FaqAnswer extends FaqResultBase {
  kind: 'answer';
  entryId: string;
  /** Raw full-text score of the best document of this entry. */
  score: number;
  /** 0..1: share of the query's content words the entry matched (exact = 1, fuzzy/prefix = 0.5). */
  coverage: number;
  question: string;
  answer: string;
  source: FaqSource;
  /** Follow-up entry ids. */
  followUps: string[];
  /** Follow-up questions, localised, ready for suggested actions. */
  followUpQuestions: FaqQuestionRef[];
}

export interface FaqNotSure extends FaqResultBase {
  kind: 'not_sure';
  /** Up to 3 closest entry ids (may be empty). */
  closest: string[];
  closestQuestions: FaqQuestionRef[];
}

export type FaqResult = FaqAnswer | FaqNotSure;

export interface AnswerOptions {
  /** The user's chosen or browser locale if known; otherwise the message language is detected. */
  locale?: FaqLocale;
  /** If given, replaces `{contact}` in answers. */
  contact?: string;
}

export interface FaqMatcher {
  answer(query: string, opts?: AnswerOptions): FaqResult;
  entry(id: string): FaqEntry | undefined;
  /** The n most asked questions (by `top` rank), in the locale or its fallback. */
  topQuestions(locale: FaqLocale, n?: number): FaqQuestionRef[];
  readonly size: number;
}
