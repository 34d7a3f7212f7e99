import type { FaqAnswer, FaqNotSure } from '../src/domain/faq';
import type { BotMessage } from '../src/domain/messages';
import { publicText } from '../src/i18n/public';

const asSuggestions = (questions: readonly { question: string }[]): readonly string[] =>
  questions.map((q) => q.question);

/** The web chat greeting: its text, with the most asked questions as buttons. */
export function renderFaqWelcome(
  text: string,
  locale: string,
  topQuestions: readonly { question: string }[],
): BotMessage {
  return { text, locale, suggestions: asSuggestions(topQuestions) };
}

/**
 * Renders an FAQ result as plain text (works in every channel) with its source, and offers the
 * follow-up or closest questions as buttons. Never invents an answer: "not sure" says so.
 */
export function renderFaqReply(result: FaqAnswer | FaqNotSure, contact: string): BotMessage {
  const locale = result.locale;
  if (result.kind === 'answer') {
    const source =
      result.source.type === 'project'
        ? `${publicText(locale, 'source')}: ${result.source.title}, ${result.source.section} (${result.source.url})`
        : `${publicText(locale, 'source')}: ${result.source.title}, ${result.source.section}`;
    return {
      text: `${result.answer.split('{contact}').join(contact)}\n\n_${source}_`,
      locale: result.locale,
      suggestions: asSuggestions(result.followUpQuestions),
    };
  }
  const closest = result.closestQuestions;
  const lines = [
    publicText(locale, 'notSure'),
    closest.length > 0 ? publicText(locale, 'closest') : undefined,
    publicText(locale, 'contact', { contact }),
  ];
  return {
    text: lines.filter((l): l is string => l !== undefined).join('\n\n'),
    locale: result.locale,
    suggestions: asSuggestions(closest),
  };
}
