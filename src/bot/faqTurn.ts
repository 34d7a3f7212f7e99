import type { TurnContext } from 'botbuilder';
import { renderFaqReply, renderFaqWelcome } from '../../cards/faqReply';
import { toActivity, type BotMessage } from '../domain/messages';
import { publicText } from '../i18n/public';
import { faqLocaleOf, type FaqService } from '../services/faqService';
import type { UserLocale } from './userLocale';
import { staffText } from '../i18n/staff';

/** How many of the most asked questions the web chat greeting offers as buttons. */
const WELCOME_QUESTIONS = 3;

/** The citizens' FAQ: answers a message no command or dialog took, and greets web chat visitors. */
export class FaqTurn {
  constructor(
    private readonly faq: FaqService,
    private readonly locale: UserLocale,
  ) {}

  async answer(context: TurnContext, text: string): Promise<void> {
    const faq = this.faq;
    const result = faq.answer(text, (await this.locale.chosen(context)) ?? faqLocaleOf(context.activity.locale));
    const reply = renderFaqReply(result, faq.contact);
    // Staff who typed something else than a question still learn how to start the self-check; in the same
    // message, because Web Chat shows only the last message's buttons (the closest questions).
    const staffHint =
      result.kind === 'not_sure' && (result.locale === 'de' || result.locale === 'en')
        ? `\n\n${staffText(result.locale, 'faq.staffHint')}`
        : '';
    await this.send(context, { ...reply, text: reply.text + staffHint });
  }

  /**
   * Web chat visitors are mostly citizens: greet in the page's language (all six FAQ languages) and offer
   * the most asked questions as buttons, so nobody has to guess what to type.
   */
  async welcome(context: TurnContext): Promise<void> {
    // The page's language when only the FAQ speaks it (Leichte Sprache, tr, ar, uk); else the bot's own.
    const page = faqLocaleOf(context.activity.locale);
    const locale = page !== undefined && page !== 'de' && page !== 'en' ? page : await this.locale.localeOf(context);
    const text = publicText(locale, 'welcome');
    await this.send(context, renderFaqWelcome(text, locale, this.faq.topQuestions(locale, WELCOME_QUESTIONS)));
  }

  private async send(context: TurnContext, reply: BotMessage): Promise<void> {
    await context.sendActivity(toActivity(reply));
  }
}
