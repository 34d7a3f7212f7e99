import { FAQ_LOCALES, type FaqLocale } from '../domain/faq';
import { FAQ_TEXTS, FAQ_WELCOME, STORAGE_APOLOGY } from './faqTexts';
import { fill, staffText } from './staff';
import { WEB_CHAT_TEXTS } from './webChatTexts';

/**
 * The public audience: citizens and outside voices in the public web chat, in the page's six languages
 * (German, Leichte Sprache, English, Turkish, Arabic, Ukrainian). German and English reuse the staff
 * texts where both audiences read the same sentence (the greeting also tells staff how to start).
 */
export type PublicLocale = FaqLocale;

export type PublicTextKey = 'welcome' | 'storageApology' | 'tooLong' | 'source' | 'notSure' | 'closest' | 'contact';

function table(locale: PublicLocale): Readonly<Record<PublicTextKey, string>> {
  const faq = FAQ_TEXTS[locale];
  const webChat = WEB_CHAT_TEXTS[locale];
  const shared =
    locale === 'de' || locale === 'en'
      ? { welcome: staffText(locale, 'welcome.webchat'), storageApology: staffText(locale, 'error.storage') }
      : { welcome: FAQ_WELCOME[locale], storageApology: STORAGE_APOLOGY[locale] };
  return {
    ...shared,
    tooLong: webChat.tooLong,
    source: faq.source,
    notSure: faq.notSure,
    closest: faq.closest,
    contact: faq.contact,
  };
}

// Built once at load: six small tables, read on every public reply.
const tables = Object.fromEntries(FAQ_LOCALES.map((locale) => [locale, table(locale)])) as Record<
  PublicLocale,
  Readonly<Record<PublicTextKey, string>>
>;

/** A public text with its `{name}` placeholders filled. */
export function publicText(
  locale: PublicLocale,
  key: PublicTextKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return fill(tables[locale][key], params);
}
