import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type BotState,
  type ChannelAccount,
  type InvokeResponse,
  StatusCodes,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { renderNoticeCard } from '../../cards/noticeCard';
import { INVOKE_CARD_KEY, adaptiveCardActionProblem, readTurnInput } from '../../dialogs/turnInput';
import { inOnboarding } from '../../dialogs/onboardingDialog';
import { recogniseCommand } from '../domain/conversation/commands';
import { recogniseSmallTalk } from '../domain/conversation/greeting';
import type { FaqService } from '../services/faqService';
import { CoordinatorTurn, type CoordinatorTurnDeps } from './coordinatorTurn';
import { DialogStack } from './dialogStack';
import { FaqTurn } from './faqTurn';
import { GreetingTurn } from './greetingTurn';
import { runWithStateRetry, type TurnStateStore } from './retryingTurn';
import { conversationKind, tenantIdOf, textWithoutBotMention } from './teamsActivity';
import type { AfterCommand, CommandHandler, CommandTurn } from './commandHandlers';
import type { TurnIdentity } from './turnIdentity';
import type { UserLocale } from './userLocale';
import { PrivacyTurn, type PrivacyTurnDeps } from './privacyTurn';
import { type StaffTextKey, staffText } from '../i18n/staff';
import { toActivity } from '../domain/messages';

export interface ConversationFlags {
  welcomed?: boolean;
}

export interface WeltoffenBotOptions {
  /** The conversation's state: its dialog stack, the greeting flag, the stored 1:1 reference. */
  conversationState: BotState;
  /** Loads and saves the turn's states with eTags (conversation and user state); see retryingTurn.ts. */
  turnStore: TurnStateStore;
  stateConflictRetries: number;
  onConflict?: (attempt: number) => void;
  /** The self-check, built by the composition root with its dependencies. */
  mainDialog: Dialog;
  /** The language the bot speaks with the user; the same object the dialogs ask. */
  locale: UserLocale;
  /** Answers questions about the project when no command or dialog takes the message. */
  faq?: FaqService;
  /** Called when a persisted dialog stack names dialogs this release does not know (older version). */
  onDialogReset?: (ids: readonly string[]) => void;
  /** Coordinators' and leads' commands in Teams, run before the self-check routing. */
  coordinator?: CoordinatorTurnDeps;
  /** Who is writing (web chat users may continue as another identity through a resume code). */
  identity: TurnIdentity;
  /** Membership, invitation, municipality and code commands, in every channel, before dialogs and the FAQ. */
  commands?: readonly CommandHandler[];
  /** Whether the turn carried a verified Bot Framework channel token (decided by the hosting). */
  isChannelAuthenticated: (context: TurnContext) => boolean;
  /** `meine daten`, `daten löschen`: handled before everything else (src/bot/privacyTurn.ts). */
  privacy?: Pick<PrivacyTurnDeps, 'service' | 'stateKeys' | 'now'>;
}

/** Routes activities; all state goes through the retrying turn so concurrent turns never lose data. */
export class WeltoffenBot extends TeamsActivityHandler {
  private readonly flags: StatePropertyAccessor<ConversationFlags>;
  private readonly dialogs: DialogStack;
  private readonly locale: UserLocale;
  private readonly coordinator: CoordinatorTurn | undefined;
  private readonly faq: FaqTurn | undefined;
  private readonly privacy: PrivacyTurn | undefined;
  private readonly greeting: GreetingTurn;

  constructor(private readonly options: WeltoffenBotOptions) {
    super();
    const { conversationState, locale } = options;
    this.locale = locale;
    this.coordinator = options.coordinator && new CoordinatorTurn(options.coordinator, conversationState, locale);
    this.flags = conversationState.createProperty<ConversationFlags>('flags');
    this.dialogs = new DialogStack(conversationState, options.mainDialog, options.onDialogReset);
    this.faq = options.faq && new FaqTurn(options.faq, locale);
    this.greeting = new GreetingTurn(locale, options.faq);
    this.privacy =
      options.privacy &&
      new PrivacyTurn({
        ...options.privacy,
        conversationState,
        identity: options.identity,
        locale,
        discardState: (ctx) => options.turnStore.discardState(ctx),
      });

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
    const { turnStore, stateConflictRetries, onConflict } = this.options;
    await runWithStateRetry(context, { store: turnStore, retries: stateConflictRetries, onConflict }, (ctx) =>
      super.run(ctx),
    );
  }

  private async reply(context: TurnContext, key: StaffTextKey): Promise<void> {
    await context.sendActivity(toActivity({ text: staffText(await this.locale.localeOf(context), key) }));
  }

  /**
   * Invokes: only `adaptiveCard/action` is implemented; every other name gets 501 before botbuilder's
   * Teams handlers dereference its value (a malformed value would otherwise surface as a 500). A
   * malformed card action gets the Universal Actions error response (400), never a 5xx.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return { status: StatusCodes.NOT_IMPLEMENTED };
    const problem = adaptiveCardActionProblem(context.activity.value);
    if (problem !== undefined) {
      const body: AdaptiveCardInvokeResponse = {
        statusCode: StatusCodes.BAD_REQUEST,
        type: 'application/vnd.microsoft.error',
        value: { code: problem.code, message: problem.message },
      };
      return { status: StatusCodes.BAD_REQUEST, body };
    }
    return super.onInvokeActivity(context);
  }

  /** Teams Universal Actions: the clicked card is replaced in place; follow-up messages go out as usual. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    _invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    await this.handleMessage(context);
    const replacement = context.turnState.get<AdaptiveCard | undefined>(INVOKE_CARD_KEY) ?? renderNoticeCard('✔').card;
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: replacement };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    context.turnState.delete(INVOKE_CARD_KEY);
    // A person's own data comes first: no command, dialog or FAQ may see (or store anything of) such a turn.
    if (this.privacy !== undefined && (await this.privacy.handle(context))) return;
    if (this.coordinator !== undefined) {
      if (await this.coordinator.handleCommand(context)) return;
      await this.coordinator.rememberPersonalReference(context);
    }
    const input = readTurnInput(context);
    const command = input.kind === 'text' ? recogniseCommand(input.text) : undefined;
    const { dc, reset } = await this.dialogs.open(context);
    if (input.kind === 'text' && command === undefined) {
      const handled = await this.runStandaloneCommand(context, input.text);
      if (handled !== undefined) {
        // The self-check runs in personal chats and the web chat only (see below).
        const selfCheckHere = conversationKind(context.activity) !== 'channel';
        if (handled === 'restart' && selfCheckHere) {
          await dc.cancelAllDialogs();
          await dc.beginDialog(this.dialogs.mainDialog.id);
        } else if (dc.activeDialog !== undefined) {
          await (handled === 'continue' ? dc.continueDialog() : dc.repromptDialog());
        } else if (handled === 'continue' && selfCheckHere) {
          await dc.beginDialog(this.dialogs.mainDialog.id);
        }
        return;
      }
    }
    // "Hallo", "was kann ich hier machen?" (also "was kannst du", otherwise the help command): greet back and say
    // what the bot does; inside a dialog briefly, and then the question or prompt again.
    const smallTalk =
      input.kind === 'text' && (command === undefined || command.kind === 'help')
        ? recogniseSmallTalk(input.text)
        : undefined;
    if (smallTalk !== undefined) {
      const inDialog = dc.activeDialog !== undefined;
      await this.greeting.reply(context, smallTalk, inDialog);
      if (inDialog) await dc.repromptDialog();
      return;
    }
    switch (command?.kind) {
      case 'help':
        await this.reply(context, 'help.selfcheck');
        // Onboarding's question is still open: ask it again below the overview.
        if (inOnboarding(dc)) await dc.repromptDialog();
        return;
      case 'language': {
        await this.locale.choose(context, command.locale);
        await this.reply(context, 'language.switched');
        if (dc.activeDialog !== undefined) await dc.repromptDialog();
        return;
      }
    }
    // Conversation state is per conversation: in a channel or group chat every member would share one
    // self-check session, so the self-check runs only in personal chats (and web chat).
    if (conversationKind(context.activity) === 'channel' && (input.kind === 'card' || command !== undefined)) {
      const text = staffText(await this.locale.localeOf(context), 'selfcheck.personalOnly');
      context.turnState.set(INVOKE_CARD_KEY, renderNoticeCard(text).card);
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
      await dc.beginDialog(this.dialogs.mainDialog.id);
      return;
    }
    if (input.kind === 'text' && this.faq !== undefined) {
      await this.faq.answer(context, input.text);
      return;
    }
    await this.reply(context, input.kind === 'text' ? 'unknown.text' : 'input.unsupported');
  }

  /** The first standalone command handler that recognises the text runs; undefined when none does. */
  private async runStandaloneCommand(context: TurnContext, rawText: string): Promise<AfterCommand | undefined> {
    const handlers = this.options.commands ?? [];
    if (handlers.length === 0) return undefined;
    const a = context.activity;
    const text = a.channelId === 'msteams' ? textWithoutBotMention(a, rawText) : rawText;
    const kind = conversationKind(a);
    for (const h of handlers) {
      if (h.conversations !== undefined && !h.conversations.includes(kind)) continue;
      const recognised = h.recognise(text);
      if (recognised === undefined) continue;
      const turn: CommandTurn = {
        context,
        text,
        identityKey: await this.options.identity.of(context),
        conversation: kind,
        verifiedTenantId:
          a.channelId === 'msteams' && this.options.isChannelAuthenticated(context) ? tenantIdOf(a) : undefined,
        locale: await this.locale.localeOf(context),
      };
      const outcome = await h.run(recognised, turn);
      if (outcome === undefined) continue;
      for (const reply of outcome.replies) await context.sendActivity(toActivity(reply));
      const first = outcome.replies[0];
      if (first !== undefined) context.turnState.set(INVOKE_CARD_KEY, renderNoticeCard(first.text).card);
      return outcome.dialog ?? 'reprompt';
    }
    return undefined;
  }

  private async handleMembersAdded(context: TurnContext, added: ChannelAccount[]): Promise<void> {
    const botId = context.activity.recipient?.id;
    const kind = conversationKind(context.activity);
    const botAdded = added.some((m) => m.id === botId);
    const userAdded = added.some((m) => m.id !== botId);
    // In channels only the bot's own arrival is worth a message; new team members are not greeted one by one.
    const shouldGreet = kind === 'channel' ? botAdded : botAdded || userAdded;
    if (!shouldGreet) return;
    const flags = await this.flags.get(context, {});
    if (flags.welcomed) return;
    await this.flags.set(context, { ...flags, welcomed: true });
    if (kind === 'webchat')
      return this.faq !== undefined ? this.faq.welcome(context) : this.reply(context, 'welcome.webchat');
    await this.reply(context, kind === 'personal' ? 'welcome.personal' : 'welcome.channel');
  }
}
