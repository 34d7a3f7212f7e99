import { createFaqMatcher, loadFaq, type FaqLocale, type FaqQuestionRef, type FaqResult } from '../domain/faq';

/**
 * Answers citizens' questions from the local knowledge base. The language is the user's choice when
 * there is one (the web chat page sends it as the activity locale), else detected from the message.
 */
export class FaqService {
  private readonly matcher = createFaqMatcher(loadFaq());

  constructor(readonly contact: string) {}

  answer(question: string, locale: FaqLocale | undefined): FaqResult {
    return this.matcher.answer(question, locale ? { locale } : {});
  }

  /** The most asked questions in a language, offered as buttons when a web chat starts. */
  topQuestions(locale: FaqLocale, n: number): FaqQuestionRef[] {
    return this.matcher.topQuestions(locale, n);
  }
}

/** Maps an activity locale to an FAQ locale; 'de-x-ls' is the page's code for Leichte Sprache. */
export function faqLocaleOf(channelLocale: string | undefined): FaqLocale | undefined {
  const l = (channelLocale ?? '').toLowerCase();
  if (l === 'de-x-ls' || l === 'de-ls') return 'de-LS';
  for (const code of ['de', 'en', 'tr', 'ar', 'uk'] as const) {
    if (l === code || l.startsWith(`${code}-`)) return code;
  }
  return undefined;
}
