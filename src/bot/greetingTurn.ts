import type { TurnContext } from 'botbuilder';
import type { SmallTalk } from '../domain/conversation/greeting';
import type { FaqLocale } from '../domain/faq';
import { toActivity, type BotMessage } from '../domain/messages';
import { PUBLIC_GREETING } from '../i18n/understandingCatalog';
import { staffText, type StaffLocale } from '../i18n/staff';
import { faqLocaleOf, type FaqService } from '../services/faqService';
import { conversationKind } from './teamsActivity';
import type { UserLocale } from './userLocale';

/** How many of the most asked questions a web chat greeting offers next to the staff's start button. */
const GREETING_QUESTIONS = 2;

/**
 * Answers "Hallo" and "what can I do here?" (src/domain/conversation/greeting.ts): outside a dialog with what
 * the bot does for the people of this conversation and buttons; inside one with a short line, after which
 * the router shows the question or prompt again, so the place is never lost.
 */
export class GreetingTurn {
  constructor(
    private readonly locale: UserLocale,
    private readonly faq: FaqService | undefined,
  ) {}

  async reply(context: TurnContext, talk: SmallTalk, inDialog: boolean): Promise<void> {
    const kind = conversationKind(context.activity);
    if (inDialog) {
      const locale = await this.locale.localeOf(context);
      const key = talk.kind === 'greeting' ? 'greet.midDialog' : 'greet.midDialogCapabilities';
      return this.send(context, { text: staffText(locale, key) });
    }
    if (kind === 'channel')
      return this.send(context, { text: staffText(await this.staffLocale(context, talk), 'welcome.channel') });
    if (kind === 'webchat' && this.faq !== undefined)
      return this.send(context, await this.publicGreeting(context, talk));
    const locale = await this.staffLocale(context, talk);
    return this.send(context, {
      text: staffText(locale, 'greet.staff'),
      suggestions: [staffText(locale, 'greet.buttonStart'), staffText(locale, 'greet.buttonHelp')],
    });
  }

  /** The chosen language; else the phrase's when it is unmistakably German or English; else the channel's. */
  private async staffLocale(context: TurnContext, talk: SmallTalk): Promise<StaffLocale> {
    const chosen = await this.locale.chosen(context);
    if (chosen !== undefined) return chosen;
    if (talk.language === 'de' || talk.language === 'en') return talk.language;
    return this.locale.localeOf(context);
  }

  /**
   * Citizens and staff both write here: the language the person chose, else the phrase's (a Turkish hello on
   * the German page is answered in Turkish), else the page's; the page's Leichte Sprache stays for German.
   */
  private async publicGreeting(context: TurnContext, talk: SmallTalk): Promise<BotMessage> {
    const page = faqLocaleOf(context.activity.locale);
    const chosen = await this.locale.chosen(context);
    const phrase = talk.language === 'de' && page === 'de-LS' ? 'de-LS' : talk.language;
    const locale: FaqLocale = chosen ?? phrase ?? page ?? (await this.locale.localeOf(context));
    const questions = this.faq?.topQuestions(locale, GREETING_QUESTIONS).map((q) => q.question) ?? [];
    // Only German and English offer the start: the self-check exists in those languages alone.
    const start = locale === 'de' || locale === 'en' ? [staffText(locale, 'greet.buttonStart')] : [];
    return { text: PUBLIC_GREETING[locale], locale, suggestions: [...start, ...questions] };
  }

  private async send(context: TurnContext, message: BotMessage): Promise<void> {
    await context.sendActivity(toActivity(message));
  }
}
