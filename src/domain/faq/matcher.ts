import MiniSearch, { type SearchResult } from 'minisearch';
import { boundedPrefix, MAX_FAQ_QUERY_LENGTH } from '../conversation/inputBounds';
import { detectLanguage } from './language';
import { analyse, candidateLangs, contentTokens, stem, type TextLang } from './text';
import {
  CONTACT_TOKEN,
  FAQ_LOCALES,
  RTL_LOCALES,
  type AnswerOptions,
  type FaqEntry,
  type FaqKnowledgeBase,
  type FaqLocale,
  type FaqMatcher,
  type FaqQuestionRef,
  type FaqResult,
  type LocaleSource,
} from './types';

/**
 * Decision thresholds. An entry is answered only if the query's content words
 * are covered well enough (coverage) AND the full-text score is high enough.
 * See docs/faq.md for how they were chosen.
 */
export const THRESHOLDS = {
  /** Minimum share of content words matched by the best entry (exact = 1, fuzzy/prefix = 0.5). */
  minCoverage: 0.5,
  /** Minimum MiniSearch (BM25+) score of the best entry. */
  minScore: 6,
} as const;

/** Distinct content words of a query that are searched (bounded work per message). */
export const MAX_QUERY_TERMS = 16;
/** Of those, how many are also matched fuzzily (typos). */
export const MAX_FUZZY_TERMS = 8;

/** Field boosts: question variants weigh most, then keywords, then the answer text. */
const BOOST = { q: 3, kw: 2, a: 0.3 } as const;
/** Weight of an unstemmed query form that differs from its stems (typo safety net). */
const RAW_TERM_WEIGHT = 0.3;

interface IndexedDoc {
  id: string;
  entryId: string;
  lang: TextLang;
  q: string;
  kw: string;
  a: string;
}

const LOCALE_TEXT_LANG: Record<FaqLocale, TextLang> = {
  de: 'de',
  'de-LS': 'de',
  en: 'en',
  tr: 'tr',
  ar: 'ar',
  uk: 'uk',
};

/** Index terms: stems plus the unstemmed tokens (raw tokens make typo matching on long words work). */
function indexTerms(text: string, lang: TextLang): string {
  const stems = analyse(text, lang);
  const raw = contentTokens(text);
  return [...stems, ...raw.filter((t, i) => t !== stems[i])].join(' ');
}

const identity = (t: string): string => t;
const splitSpace = (t: string): string[] => t.split(' ').filter((x) => x.length > 0);

function fuzzyFor(term: string): number | false {
  if (term.length >= 8) return 2;
  if (term.length >= 5) return 1;
  return false;
}

/** Locale chain for text lookup: the locale, then German for Leichte Sprache, then English (German last). */
export function fallbackChain(locale: FaqLocale): FaqLocale[] {
  if (locale === 'de') return ['de', 'en'];
  if (locale === 'de-LS') return ['de-LS', 'de', 'en'];
  if (locale === 'en') return ['en', 'de'];
  return [locale, 'en', 'de'];
}

function pick<T>(values: Partial<Record<FaqLocale, T>>, locale: FaqLocale): { value: T; locale: FaqLocale } {
  for (const loc of fallbackChain(locale)) {
    const v = values[loc];
    if (v !== undefined) return { value: v, locale: loc };
  }
  throw new Error('unreachable: de and en are required by the schema');
}

interface Scored {
  entryId: string;
  score: number;
  coverage: number;
  docLang: TextLang;
}

export function createFaqMatcher(kb: FaqKnowledgeBase): FaqMatcher {
  const byId = new Map<string, FaqEntry>(kb.entries.map((e) => [e.id, e]));
  const docs: IndexedDoc[] = [];
  for (const e of kb.entries) {
    for (const loc of FAQ_LOCALES) {
      const qs = e.questions[loc];
      const kw = e.keywords[loc];
      const ans = e.answers[loc];
      if (!qs && !kw && !ans) continue;
      const lang = LOCALE_TEXT_LANG[loc];
      docs.push({
        id: `${e.id}|${loc}`,
        entryId: e.id,
        lang,
        q: indexTerms((qs ?? []).join(' . '), lang),
        kw: indexTerms((kw ?? []).join(' . '), lang),
        a: indexTerms((ans ?? '').replace(CONTACT_TOKEN, ' '), lang),
      });
    }
  }
  const docById = new Map(docs.map((d) => [d.id, d]));
  const search = new MiniSearch<IndexedDoc>({
    fields: ['q', 'kw', 'a'],
    storeFields: [],
    tokenize: splitSpace,
    processTerm: identity,
    searchOptions: {
      boost: { ...BOOST },
      fuzzy: (term) => fuzzyFor(term),
      prefix: (term) => term.length >= 4,
      combineWith: 'OR',
      tokenize: splitSpace,
      processTerm: identity,
    },
  });
  search.addAll(docs);

  const topEntries = kb.entries.filter((e) => e.top !== undefined).sort((a, b) => (a.top ?? 0) - (b.top ?? 0));

  function questionRef(id: string, locale: FaqLocale): FaqQuestionRef | undefined {
    const e = byId.get(id);
    if (!e) return undefined;
    const q = pick(e.questions, locale);
    return { id, question: q.value[0] ?? id, locale: q.locale };
  }

  function rank(query: string, preferred: TextLang | undefined): { scored: Scored[]; tokens: number } {
    // Each distinct word is one fuzzy search over the index (~1–2 ms for long words): a question has far
    // fewer content words than this, so the bound only cuts the cost of word salad.
    const tokens = [...new Set(contentTokens(query))].slice(0, MAX_QUERY_TERMS);
    if (tokens.length === 0) return { scored: [], tokens: 0 };
    const stems = new Set<string>();
    const expansions = tokens.map((t) => {
      const set = new Set<string>([t]);
      for (const lang of candidateLangs(t, preferred)) {
        const s = stem(t, lang);
        set.add(s);
        stems.add(s);
      }
      return [...set];
    });
    // Raw (unstemmed) forms are only there to catch typos in long words; when they
    // differ from every stem they get a low weight so a correctly spelled word is not counted twice.
    const rawOnly = new Set(tokens.filter((t) => !stems.has(t)));
    // Fuzzy matching (the typo net) costs most; the first words of a question carry it.
    const typed = new Set(tokens.slice(0, MAX_FUZZY_TERMS));
    const results: SearchResult[] = search.search([...new Set(expansions.flat())].join(' '), {
      boostTerm: (term) => (rawOnly.has(term) ? RAW_TERM_WEIGHT : 1),
      // Typos live in what the user typed: fuzzy-match the typed form only (cheaper too).
      fuzzy: (term) => (typed.has(term) ? fuzzyFor(term) : false),
    });
    const best = new Map<string, Scored>();
    for (const r of results) {
      const doc = docById.get(String(r.id));
      if (!doc) continue;
      const docTerms = new Set(r.terms);
      const queryTerms = new Set(r.queryTerms);
      let covered = 0;
      for (const exp of expansions) {
        if (exp.some((x) => docTerms.has(x))) covered += 1;
        else if (exp.some((x) => queryTerms.has(x))) covered += 0.5;
      }
      const coverage = covered / expansions.length;
      const prev = best.get(doc.entryId);
      if (!prev || r.score > prev.score)
        best.set(doc.entryId, { entryId: doc.entryId, score: r.score, coverage, docLang: doc.lang });
    }
    // Rank by score weighted with coverage: an entry matching more of the
    // query's distinct content words beats one matching a single word often.
    const scored = [...best.values()].sort((a, b) => b.score * b.coverage - a.score * a.coverage);
    return { scored, tokens: tokens.length };
  }

  function answer(fullQuery: string, opts: AnswerOptions = {}): FaqResult {
    // A question is a sentence or two: only the start of a long message is analysed, so the work per
    // message (tokens, stems, fuzzy search, language detection) has a fixed upper bound.
    const query = boundedPrefix(fullQuery, MAX_FAQ_QUERY_LENGTH);
    let requestedLocale: FaqLocale;
    let localeSource: LocaleSource;
    const detected = opts.locale ? undefined : detectLanguage(query);
    if (opts.locale) {
      requestedLocale = opts.locale;
      localeSource = 'option';
    } else if (detected?.locale && detected.confidence >= 0.1) {
      requestedLocale = detected.locale;
      localeSource = 'detected';
    } else {
      requestedLocale = 'de';
      localeSource = 'default';
    }
    const preferred = LOCALE_TEXT_LANG[requestedLocale];
    const { scored } = rank(query, preferred);
    const top = scored[0];

    // Weak detection (short Latin-script messages): trust the language of the best-matching text.
    if (
      !opts.locale &&
      top &&
      (!detected?.locale || detected.confidence < 0.2) &&
      (top.docLang === 'de' || top.docLang === 'en')
    ) {
      requestedLocale = top.docLang;
      localeSource = 'detected';
    }

    const contact = opts.contact;
    const fill = (s: string): string => (contact === undefined ? s : s.split(CONTACT_TOKEN).join(contact));

    if (!top || top.coverage < THRESHOLDS.minCoverage || top.score < THRESHOLDS.minScore) {
      const closest = scored.slice(0, 3).map((s) => s.entryId);
      const closestQuestions = closest
        .map((id) => questionRef(id, requestedLocale))
        .filter((x): x is FaqQuestionRef => !!x);
      return {
        kind: 'not_sure',
        closest,
        closestQuestions,
        requestedLocale,
        localeSource,
        locale: requestedLocale,
        fallback: false,
        rtl: RTL_LOCALES.has(requestedLocale),
      };
    }
    const entry = byId.get(top.entryId);
    if (!entry) throw new Error(`index refers to unknown entry ${top.entryId}`);
    const ans = pick(entry.answers, requestedLocale);
    const q = pick(entry.questions, ans.locale);
    return {
      kind: 'answer',
      entryId: entry.id,
      score: Math.round(top.score * 100) / 100,
      coverage: top.coverage,
      question: q.value[0] ?? entry.id,
      answer: fill(ans.value),
      source: entry.source,
      followUps: [...entry.followUps],
      // Follow-ups in the reader's own language first; those that exist only in a fallback language last.
      followUpQuestions: entry.followUps
        .map((id) => questionRef(id, ans.locale))
        .filter((x): x is FaqQuestionRef => !!x)
        .sort((a, b) => Number(b.locale === ans.locale) - Number(a.locale === ans.locale)),
      requestedLocale,
      localeSource,
      locale: ans.locale,
      fallback: ans.locale !== requestedLocale,
      rtl: RTL_LOCALES.has(ans.locale),
    };
  }

  return {
    answer,
    entry: (id) => byId.get(id),
    topQuestions: (locale, n = 10) =>
      topEntries
        .slice(0, Math.max(0, n))
        .map((e) => questionRef(e.id, locale))
        .filter((x): x is FaqQuestionRef => !!x),
    size: kb.entries.length,
  };
}
