import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { renderNoticeCard } from '../../cards/noticeCard';
import { INVOKE_CARD_KEY } from '../../dialogs/turnInput';
import { recogniseCoordinatorCommand } from '../domain/conversation/coordinatorCommands';
import type { ReminderRepository, SubscriptionRepository } from '../domain/ports';
import type { CoordinatorService } from '../services/coordinatorService';
import { toActivity } from '../domain/messages';
import { coordinatorReplies } from './replies/coordinatorReplies';
import {
  aadIdentityOf,
  conversationKind,
  conversationReferenceOf,
  mentionedAadObjectId,
  teamAndChannelOf,
  tenantIdOf,
  textWithoutBotMention,
} from './teamsActivity';
import type { UserLocale } from './userLocale';

/** What the coordinators' commands and the reminders need from the composition root. */
export interface CoordinatorTurnDeps {
  readonly service: CoordinatorService;
  readonly subscriptions: Pick<SubscriptionRepository, 'refreshReference'>;
  readonly reminders: Pick<ReminderRepository, 'rememberConversation'>;
  /** Whether a consented respondent exists (a 1:1 reference is stored only then: nothing before consent). */
  readonly hasConsented: (identityKey: string) => Promise<boolean>;
  /**
   * Whether this turn came with a Bot Framework channel token the hosting verified. Only such turns may
   * leave anything behind for proactive use (channel subscriptions, references for reminders): the
   * serviceUrl of any other turn (local mode, the in-process Direct Line) is whatever the client said.
   * The hosting knows how it authenticated a turn, so the composition root hands this in.
   */
  readonly isChannelAuthenticated: (context: TurnContext) => boolean;
}

/** Which 1:1 reference this conversation has stored (in conversation state, so it costs no extra statement per turn). */
interface StoredPersonalReference {
  serviceUrl?: string;
}

/** Coordinators' and leads' commands in Teams, and the conversation references their messages and reminders go to. */
export class CoordinatorTurn {
  private readonly personalReference: StatePropertyAccessor<StoredPersonalReference>;

  constructor(
    private readonly deps: CoordinatorTurnDeps,
    conversationState: BotState,
    private readonly locale: UserLocale,
  ) {
    this.personalReference = conversationState.createProperty<StoredPersonalReference>('personalReference');
  }

  /** Runs a coordinator or lead command (Teams only, before the self-check routing); true when the message was one. */
  async handleCommand(context: TurnContext): Promise<boolean> {
    const coordinator = this.deps;
    const a = context.activity;
    if (a.channelId !== 'msteams' || typeof a.text !== 'string' || a.text.trim() === '') return false;
    const kind = conversationKind(a);
    const reference = conversationReferenceOf(a);
    // A channel's stored reference (its serviceUrl) is refreshed only from a turn with a verified channel token.
    const authenticated = coordinator.isChannelAuthenticated(context);
    if (kind === 'channel' && authenticated)
      await coordinator.subscriptions.refreshReference(a.conversation.id, reference);
    const command = recogniseCoordinatorCommand(textWithoutBotMention(a, a.text));
    if (command === undefined) return false;
    const { teamId, channelId } = teamAndChannelOf(a);
    const locale = await this.locale.localeOf(context);
    const result = await coordinator.service.handle(command, {
      identityKey: aadIdentityOf(a),
      tenantId: tenantIdOf(a),
      conversation: kind === 'webchat' ? 'other' : kind,
      reference,
      channelAuthenticated: authenticated,
      teamId,
      channelId,
      locale,
      resolveMention: (name) => mentionedAadObjectId(context, name),
    });
    const replies = coordinatorReplies(result, locale);
    for (const reply of replies) await context.sendActivity(toActivity(reply));
    const first = replies[0];
    if (first !== undefined) context.turnState.set(INVOKE_CARD_KEY, renderNoticeCard(first.text).card);
    return true;
  }

  /**
   * Stores the 1:1 conversation reference of a consented respondent, so that reminders reach them: once
   * per conversation, and again when Teams moves the conversation to another serviceUrl. Never from a
   * turn without a verified channel token (local mode, the in-process Direct Line).
   */
  async rememberPersonalReference(context: TurnContext): Promise<void> {
    const a = context.activity;
    if (a.channelId !== 'msteams' || conversationKind(a) !== 'personal' || !a.from?.aadObjectId) return;
    if (!this.deps.isChannelAuthenticated(context)) return;
    const stored = await this.personalReference.get(context, {});
    if (stored.serviceUrl === a.serviceUrl) return;
    const identityKey = aadIdentityOf(a);
    if (identityKey === undefined) return;
    if (!(await this.deps.hasConsented(identityKey))) return;
    await this.deps.reminders.rememberConversation(identityKey, conversationReferenceOf(a));
    await this.personalReference.set(context, { serviceUrl: a.serviceUrl });
  }
}
