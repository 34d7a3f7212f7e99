import {
  ActivityTypes,
  TeamsActivityHandler,
  type BotState,
  type ChannelAccount,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { recogniseCommand } from '../domain/conversation/commands';
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

  constructor(private readonly options: WeltoffenBotOptions) {
    super();
    this.states = [options.conversationState, options.userState];
    this.preferences = options.userState.createProperty<UserPreferences>('preferences');
    this.flags = options.conversationState.createProperty<ConversationFlags>('flags');

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

  private async handleMessage(context: TurnContext): Promise<void> {
    const text = context.activity.text;
    if (typeof text !== 'string' || text.trim() === '') {
      await this.reply(context, 'input.unsupported');
      return;
    }
    const command = recogniseCommand(text);
    switch (command?.kind) {
      case 'help':
        await this.reply(context, 'help.text');
        return;
      case 'language': {
        const prefs = await this.preferences.get(context, {});
        await this.preferences.set(context, { ...prefs, locale: command.locale });
        await this.reply(context, 'language.switched');
        return;
      }
      case undefined:
        await this.reply(context, 'unknown.text');
        return;
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
