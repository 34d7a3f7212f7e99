import {
  ActivityTypes,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type BotState,
  type ChannelAccount,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import { card, textBlock } from '../../cards/adaptiveCard';
import { DIALOG_IDS, KNOWN_DIALOG_IDS } from '../../dialogs/dialogIds';
import { MainDialog } from '../../dialogs/mainDialog';
import { INVOKE_CARD_KEY, readTurnInput } from '../../dialogs/turnInput';
import { recogniseCommand } from '../domain/conversation/commands';
import type { SelfCheckService } from '../services/selfCheckService';
import { faqLocaleOf, type FaqService } from '../services/faqService';
import { renderFaqReply } from '../../cards/faqReply';
import { t, type MessageKey } from '../i18n/catalog';
import { uiLocaleOf, type UiLocale } from '../i18n/locale';
import { runWithStateRetry } from './retryingTurn';

export interface UserPreferences {
  locale?: UiLocale;
}

export interface ConversationFlags {
  welcomed?: boolean;
}

export interface WeltoffenBotOptions {
  conversationState: BotState;
  userState: BotState;
  stateConflictRetries: number;
  onConflict?: (attempt: number) => void;
  selfCheck: SelfCheckService;
  /** Answers questions about the project when no command or dialog takes the message. */
  faq?: FaqService;
  /** Called when a persisted dialog stack names dialogs this release does not know (older version). */
  onDialogReset?: (ids: readonly string[]) => void;
}

/** Every id on a (nested) dialog stack; component dialogs keep their inner stack in `state.dialogs`. */
function stackIds(state: DialogState | undefined): string[] {
  return (state?.dialogStack ?? []).flatMap((instance) => {
    const inner = (instance.state as { dialogs?: DialogState } | undefined)?.dialogs;
    return [instance.id, ...stackIds(inner)];
  });
}

type ConversationKind = 'personal' | 'channel' | 'webchat';

function conversationKind(context: TurnContext): ConversationKind {
  const a = context.activity;
  if (a.channelId === 'msteams') {
    return a.conversation?.conversationType === 'personal' ? 'personal' : 'channel';
  }
  return 'webchat';
}

/** Routes activities; all state goes through the retrying turn so concurrent turns never lose data. */
export class WeltoffenBot extends TeamsActivityHandler {
  private readonly states: readonly BotState[];
  private readonly preferences: StatePropertyAccessor<UserPreferences>;
  private readonly flags: StatePropertyAccessor<ConversationFlags>;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;

  constructor(private readonly options: WeltoffenBotOptions) {
    super();
    this.states = [options.conversationState, options.userState];
    this.preferences = options.userState.createProperty<UserPreferences>('preferences');
    this.flags = options.conversationState.createProperty<ConversationFlags>('flags');
    // Conversation state = this dialog stack (with the session ids) + flags; answers live in the database.
    this.dialogState = options.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(new MainDialog({ service: options.selfCheck, localeOf: (ctx) => this.localeOf(ctx) }));

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.handleMembersAdded(context, context.activity.membersAdded ?? []);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await runWithStateRetry(
      context,
      { states: this.states, retries: this.options.stateConflictRetries, onConflict: this.options.onConflict },
      (ctx) => super.run(ctx),
    );
  }

  private async localeOf(context: TurnContext): Promise<UiLocale> {
    const prefs = await this.preferences.get(context, {});
    return prefs.locale ?? uiLocaleOf(context.activity.locale);
  }

  private async reply(context: TurnContext, key: MessageKey): Promise<void> {
    await context.sendActivity({ type: ActivityTypes.Message, text: t(await this.localeOf(context), key), textFormat: 'markdown' });
  }

  /** Teams Universal Actions: the clicked card is replaced in place; follow-up messages go out as usual. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    _invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    await this.handleMessage(context);
    const replacement = context.turnState.get(INVOKE_CARD_KEY) ?? card([textBlock('✔')], [], '✔');
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: replacement };
  }

  /** `reset` is true when the persisted stack came from an older release and was dropped. */
  private async createDialogContext(context: TurnContext) {
    const state = await this.dialogState.get(context, { dialogStack: [] });
    const unknown = stackIds(state).filter((id) => !KNOWN_DIALOG_IDS.has(id));
    if (unknown.length > 0) {
      this.options.onDialogReset?.(unknown);
      await this.dialogState.set(context, { dialogStack: [] });
    }
    return { dc: await this.dialogs.createContext(context), reset: unknown.length > 0 };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    context.turnState.delete(INVOKE_CARD_KEY);
    const input = readTurnInput(context);
    const command = input.kind === 'text' ? recogniseCommand(input.text) : undefined;
    const { dc, reset } = await this.createDialogContext(context);
    switch (command?.kind) {
      case 'help':
        await this.reply(context, 'help.selfcheck');
        return;
      case 'language': {
        const prefs = await this.preferences.get(context, {});
        await this.preferences.set(context, { ...prefs, locale: command.locale });
        await this.reply(context, 'language.switched');
        if (dc.activeDialog !== undefined) await dc.repromptDialog();
        return;
      }
    }
    // Conversation state is per conversation: in a channel or group chat every member would share one
    // self-check session, so the self-check runs only in personal chats (and web chat).
    if (conversationKind(context) === 'channel' && (input.kind === 'card' || command !== undefined)) {
      const text = t(await this.localeOf(context), 'selfcheck.personalOnly');
      context.turnState.set(INVOKE_CARD_KEY, card([textBlock(text)], [], text));
      await this.reply(context, 'selfcheck.personalOnly');
      return;
    }
    if (dc.activeDialog !== undefined) {
      await dc.continueDialog();
      return;
    }
    // Nothing running (first contact, after a pause, a restart or in another channel): a self-check
    // command or a card click starts the main dialog, which resumes from the stored answers. After a
    // reset of an outdated stack the user was mid-conversation, so any message resumes.
    if (reset || input.kind === 'card' || command !== undefined) {
      await dc.beginDialog(DIALOG_IDS.main);
      return;
    }
    if (input.kind === 'text' && this.options.faq) {
      await this.answerFromFaq(context, input.text);
      return;
    }
    await this.reply(context, input.kind === 'text' ? 'unknown.text' : 'input.unsupported');
  }

  private async answerFromFaq(context: TurnContext, text: string): Promise<void> {
    const faq = this.options.faq;
    if (!faq) return;
    const prefs = await this.preferences.get(context, {});
    const result = faq.answer(text, prefs.locale ?? faqLocaleOf(context.activity.locale));
    const reply = renderFaqReply(result, faq.contact);
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: reply.text,
      textFormat: 'markdown',
      locale: reply.locale,
      ...(reply.suggestedActions ? { suggestedActions: { ...reply.suggestedActions, to: [] } } : {}),
    });
    // Staff who typed something else than a question still learn how to start the self-check.
    if (result.kind === 'not_sure' && (result.locale === 'de' || result.locale === 'en')) {
      await context.sendActivity({ type: ActivityTypes.Message, text: t(result.locale, 'unknown.text') });
    }
  }

  private async handleMembersAdded(context: TurnContext, added: ChannelAccount[]): Promise<void> {
    const botId = context.activity.recipient?.id;
    const kind = conversationKind(context);
    const botAdded = added.some((m) => m.id === botId);
    const userAdded = added.some((m) => m.id !== botId);
    // In channels only the bot's own arrival is worth a message; new team members are not greeted one by one.
    const shouldGreet = kind === 'channel' ? botAdded : botAdded || userAdded;
    if (!shouldGreet) return;
    const flags = await this.flags.get(context, {});
    if (flags.welcomed) return;
    await this.flags.set(context, { ...flags, welcomed: true });
    await this.reply(context, kind === 'personal' ? 'welcome.personal' : kind === 'channel' ? 'welcome.channel' : 'welcome.webchat');
  }
}
