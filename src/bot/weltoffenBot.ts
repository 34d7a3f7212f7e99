import {
  ActivityTypes,
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext as BotTurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type BotState,
  type ChannelAccount,
  type InvokeResponse,
  StatusCodes,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, type DialogState, type DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { card, textBlock } from '../../cards/adaptiveCard';
import { DIALOG_IDS, KNOWN_DIALOG_IDS } from '../../dialogs/dialogIds';
import { MainDialog, identityKeyOf } from '../../dialogs/mainDialog';
import type { DialogDeps } from '../../dialogs/session';
import { INVOKE_CARD_KEY, adaptiveCardActionProblem, readTurnInput } from '../../dialogs/turnInput';
import { recogniseCommand } from '../domain/conversation/commands';
import type { SelfCheckService } from '../services/selfCheckService';
import { faqLocaleOf, type FaqService } from '../services/faqService';
import { renderFaqReply, renderFaqWelcome, type FaqReply } from '../../cards/faqReply';
import { FAQ_WELCOME } from '../i18n/faqTexts';
import { t, type MessageKey } from '../i18n/catalog';
import { uiLocaleOf, type UiLocale } from '../i18n/locale';
import { runWithStateRetry } from './retryingTurn';
import { recogniseCoordinatorCommand } from '../domain/conversation/coordinatorCommands';
import type { CoordinatorService } from '../services/coordinatorService';
import { toActivity } from '../domain/messages';
import { coordinatorReplies } from './replies/coordinatorReplies';
import type { ReminderRepository, StoredReference, SubscriptionRepository } from '../domain/ports';
import { aadIdentityKey } from '../services/accessService';
import { isChannelAuthenticated } from '../infrastructure/bot/channelAuthentication';

export interface UserPreferences {
  locale?: UiLocale;
  /** The respondent's stored language was looked up once for this channel user (a new device or channel). */
  storedLocaleChecked?: boolean;
}

export interface ConversationFlags {
  welcomed?: boolean;
}

export interface WeltoffenBotOptions {
  conversationState: BotState;
  userState: BotState;
  stateConflictRetries: number;
  /** Answers read together with the turn's state (saves the dialog a round trip); see DialogDeps. */
  prefetchedAnswers?: DialogDeps['prefetchedAnswers'];
  onConflict?: (attempt: number) => void;
  selfCheck: SelfCheckService;
  /** Answers questions about the project when no command or dialog takes the message. */
  faq?: FaqService;
  /** Called when a persisted dialog stack names dialogs this release does not know (older version). */
  onDialogReset?: (ids: readonly string[]) => void;
  /** Issue #5: coordinator/lead commands in Teams, run before the self-check routing. */
  coordinator?: {
    readonly service: CoordinatorService;
    readonly subscriptions: Pick<SubscriptionRepository, 'refreshReference'>;
    readonly reminders: Pick<ReminderRepository, 'rememberConversation'>;
    /** Whether a consented respondent exists (a 1:1 reference is stored only then: nothing before consent). */
    readonly hasConsented: (identityKey: string) => Promise<boolean>;
  };
}

/** Which 1:1 reference this conversation has stored (in conversation state, so it costs no extra statement per turn). */
interface StoredPersonalReference {
  serviceUrl?: string;
}

/** Every id on a (nested) dialog stack; component dialogs keep their inner stack in `state.dialogs`. */
function stackIds(state: DialogState | undefined): string[] {
  return (state?.dialogStack ?? []).flatMap((instance) => {
    const inner = (instance.state as { dialogs?: DialogState } | undefined)?.dialogs;
    return [instance.id, ...stackIds(inner)];
  });
}

type ConversationKind = 'personal' | 'channel' | 'webchat';

/** The turnState key under which botbuilder-dialogs' DialogStateManager caches its configuration (not exported). */
const STATE_MANAGER_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/** How many of the most asked questions the web chat greeting offers as buttons. */
const WELCOME_QUESTIONS = 3;

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
  private stateManagerConfiguration: DialogStateManagerConfiguration | undefined;
  private readonly preferences: StatePropertyAccessor<UserPreferences>;
  private readonly flags: StatePropertyAccessor<ConversationFlags>;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  private readonly personalReference: StatePropertyAccessor<StoredPersonalReference>;

  constructor(private readonly options: WeltoffenBotOptions) {
    super();
    this.personalReference = options.conversationState.createProperty<StoredPersonalReference>('personalReference');
    this.states = [options.conversationState, options.userState];
    this.preferences = options.userState.createProperty<UserPreferences>('preferences');
    this.flags = options.conversationState.createProperty<ConversationFlags>('flags');
    // Conversation state = this dialog stack (with the session ids) + flags; answers live in the database.
    this.dialogState = options.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(
      new MainDialog({ service: options.selfCheck, localeOf: (ctx) => this.localeOf(ctx), prefetchedAnswers: options.prefetchedAnswers }),
    );

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

  /**
   * The user's choice on this channel; else, once per channel user, the language a known respondent chose
   * elsewhere (Teams on another device, web chat); else the channel's locale.
   */
  private async localeOf(context: TurnContext): Promise<UiLocale> {
    const prefs = await this.preferences.get(context, {});
    if (prefs.locale !== undefined) return prefs.locale;
    if (prefs.storedLocaleChecked !== true) {
      const respondent = await this.options.selfCheck.findRespondentByIdentity(identityKeyOf(context));
      const stored = respondent?.consentedAt != null && respondent.locale !== null ? respondent.locale : undefined;
      await this.preferences.set(context, { ...prefs, storedLocaleChecked: true, ...(stored !== undefined ? { locale: stored } : {}) });
      if (stored !== undefined) return stored;
    }
    return uiLocaleOf(context.activity.locale);
  }

  private async reply(context: TurnContext, key: MessageKey): Promise<void> {
    await context.sendActivity({ type: ActivityTypes.Message, text: t(await this.localeOf(context), key), textFormat: 'markdown' });
  }

  /**
   * Invokes: only `adaptiveCard/action` is implemented; every other name gets 501 before botbuilder's
   * Teams handlers dereference its value (a malformed value would otherwise surface as a 500). A
   * malformed card action gets the Universal Actions error response (400), never a 5xx (issue #13).
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return { status: StatusCodes.NOT_IMPLEMENTED };
    const problem = adaptiveCardActionProblem(context.activity.value);
    if (problem !== undefined) {
      const body: AdaptiveCardInvokeResponse = { statusCode: StatusCodes.BAD_REQUEST, type: 'application/vnd.microsoft.error', value: { code: problem.code, message: problem.message } };
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
    // botbuilder-dialogs rebuilds its memory-scope configuration (a dozen scope and resolver objects from
    // its component registry) for every turn and caches it only in turnState; the scopes keep no per-turn
    // state, so one configuration serves all turns.
    if (this.stateManagerConfiguration !== undefined) context.turnState.set(STATE_MANAGER_CONFIGURATION_KEY, this.stateManagerConfiguration);
    const dc = await this.dialogs.createContext(context);
    this.stateManagerConfiguration ??= context.turnState.get(STATE_MANAGER_CONFIGURATION_KEY) as DialogStateManagerConfiguration | undefined;
    return { dc, reset: unknown.length > 0 };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    context.turnState.delete(INVOKE_CARD_KEY);
    if (await this.handleCoordinatorCommand(context)) return;
    await this.rememberPersonalReference(context);
    const input = readTurnInput(context);
    const command = input.kind === 'text' ? recogniseCommand(input.text) : undefined;
    const { dc, reset } = await this.createDialogContext(context);
    switch (command?.kind) {
      case 'help':
        await this.reply(context, 'help.selfcheck');
        return;
      case 'language': {
        const prefs = await this.preferences.get(context, {});
        await this.preferences.set(context, { ...prefs, locale: command.locale, storedLocaleChecked: true });
        // A respondent's choice follows them to other devices and channels, and into reminders.
        const respondent = await this.options.selfCheck.findRespondentByIdentity(identityKeyOf(context));
        if (respondent?.consentedAt != null && respondent.locale !== command.locale) {
          await this.options.selfCheck.updateRespondent(respondent.id, { locale: command.locale });
        }
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

  /** Issue #5: coordinator and lead commands (Teams only); true when the message was one. */
  private async handleCoordinatorCommand(context: TurnContext): Promise<boolean> {
    const coordinator = this.options.coordinator;
    const a = context.activity;
    if (coordinator === undefined || a.channelId !== 'msteams' || typeof a.text !== 'string' || a.text.trim() === '') return false;
    const kind = conversationKind(context);
    const reference = BotTurnContext.getConversationReference(a) as unknown as StoredReference;
    // Issue #13: only a turn with a verified channel token may refresh a stored reference (its serviceUrl).
    const authenticated = isChannelAuthenticated(context);
    if (kind === 'channel' && authenticated) await coordinator.subscriptions.refreshReference(a.conversation.id, reference);
    const withoutBot = BotTurnContext.removeMentionText({ ...a, text: a.text } as Activity, a.recipient?.id ?? '');
    const command = recogniseCoordinatorCommand(withoutBot ?? a.text);
    if (command === undefined) return false;
    const tenantId = (a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id) || undefined;
    const objectId = a.from?.aadObjectId;
    const channelData = a.channelData as { team?: { id?: string }; channel?: { id?: string } } | undefined;
    const locale = await this.localeOf(context);
    const result = await coordinator.service.handle(command, {
      identityKey: tenantId !== undefined && objectId ? aadIdentityKey(tenantId, objectId) : undefined,
      tenantId,
      conversation: kind === 'webchat' ? 'other' : kind,
      reference,
      channelAuthenticated: authenticated,
      teamId: channelData?.team?.id ?? null,
      channelId: channelData?.channel?.id ?? null,
      locale,
      resolveMention: (name) => this.resolveMention(context, name),
    });
    const replies = coordinatorReplies(result, locale);
    for (const reply of replies) await context.sendActivity(toActivity(reply));
    const first = replies[0];
    if (first !== undefined) context.turnState.set(INVOKE_CARD_KEY, card([textBlock(first.text)], [], first.text));
    return true;
  }

  /** The AAD object id of a person @mentioned in the message (from the mention entity, else the Teams roster). */
  private async resolveMention(context: TurnContext, name: string): Promise<string | undefined> {
    const mentions = (context.activity.entities ?? []).filter((e) => e.type === 'mention') as {
      mentioned?: { id?: string; name?: string; aadObjectId?: string };
      text?: string;
    }[];
    const found = mentions.find((m) => m.mentioned?.id !== context.activity.recipient?.id && (m.mentioned?.name === name || m.text === `<at>${name}</at>`));
    if (found?.mentioned?.aadObjectId) return found.mentioned.aadObjectId;
    if (!found?.mentioned?.id) return undefined;
    try {
      return (await TeamsInfo.getMember(context, found.mentioned.id)).aadObjectId ?? undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Issue #5: stores the 1:1 conversation reference of a consented respondent for reminders, once per
   * conversation and again when Teams moves the conversation to another serviceUrl; only from authenticated turns.
   */
  private async rememberPersonalReference(context: TurnContext): Promise<void> {
    const coordinator = this.options.coordinator;
    const a = context.activity;
    if (coordinator === undefined || a.channelId !== 'msteams' || conversationKind(context) !== 'personal' || !a.from?.aadObjectId) return;
    // Issue #13: never from a turn without a verified channel token (local mode, in-process Direct Line).
    if (!isChannelAuthenticated(context)) return;
    const stored = await this.personalReference.get(context, {});
    if (stored.serviceUrl === a.serviceUrl) return;
    const tenantId = (a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id) || undefined;
    if (tenantId === undefined) return;
    const identityKey = aadIdentityKey(tenantId, a.from.aadObjectId);
    if (!(await coordinator.hasConsented(identityKey))) return;
    await coordinator.reminders.rememberConversation(identityKey, BotTurnContext.getConversationReference(a) as unknown as StoredReference);
    await this.personalReference.set(context, { serviceUrl: a.serviceUrl });
  }

  private async answerFromFaq(context: TurnContext, text: string): Promise<void> {
    const faq = this.options.faq;
    if (!faq) return;
    const prefs = await this.preferences.get(context, {});
    const result = faq.answer(text, prefs.locale ?? faqLocaleOf(context.activity.locale));
    const reply = renderFaqReply(result, faq.contact);
    // Staff who typed something else than a question still learn how to start the self-check; in the same
    // message, because Web Chat shows only the last message's buttons (the closest questions).
    const staffHint = result.kind === 'not_sure' && (result.locale === 'de' || result.locale === 'en') ? `\n\n${t(result.locale, 'faq.staffHint')}` : '';
    await this.sendFaqReply(context, { ...reply, text: reply.text + staffHint });
  }

  private async sendFaqReply(context: TurnContext, reply: FaqReply): Promise<void> {
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: reply.text,
      textFormat: 'markdown',
      locale: reply.locale,
      ...(reply.suggestedActions ? { suggestedActions: { ...reply.suggestedActions, to: [] } } : {}),
    });
  }

  /**
   * Web chat visitors are mostly citizens: greet in the page's language (all six FAQ languages) and offer
   * the most asked questions as buttons, so nobody has to guess what to type.
   */
  private async welcomeWebChat(context: TurnContext): Promise<void> {
    const faq = this.options.faq;
    if (!faq) return this.reply(context, 'welcome.webchat');
    // The page's language when only the FAQ speaks it (Leichte Sprache, tr, ar, uk); else the bot's own.
    const page = faqLocaleOf(context.activity.locale);
    const locale = page !== undefined && page !== 'de' && page !== 'en' ? page : await this.localeOf(context);
    const text = locale === 'de' || locale === 'en' ? t(locale, 'welcome.webchat') : FAQ_WELCOME[locale];
    await this.sendFaqReply(context, renderFaqWelcome(text, locale, faq.topQuestions(locale, WELCOME_QUESTIONS)));
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
    if (kind === 'webchat') return this.welcomeWebChat(context);
    await this.reply(context, kind === 'personal' ? 'welcome.personal' : 'welcome.channel');
  }
}
