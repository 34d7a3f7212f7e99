/**
 * Ports of the proactive sender: the Bot Connector behind `ConversationGateway`, and the message of a
 * delivery built outside the services (cards and texts live in the bot layer) behind `OutboxMessageRenderer`.
 */
import type { BotMessage } from '../messages';
import type { StoredReference } from '../model';
import type { ChannelSubscription, ClaimedDelivery } from './outbox';

export type GatewayResult =
  | { readonly ok: true; readonly activityId: string | null }
  | {
      readonly ok: false;
      readonly status: number | null;
      readonly code: string | null;
      readonly retryAfterMs: number | null;
      readonly detail: string;
    };

/** Talks to the Bot Connector (botbuilder stays behind this port). Returns failures; throws only on bugs or crashes. */
export interface ConversationGateway {
  post(reference: StoredReference, message: BotMessage): Promise<GatewayResult>;
  update(reference: StoredReference, activityId: string, message: BotMessage): Promise<GatewayResult>;
}

/** Builds the message of a delivery from the current results; undefined when there is nothing to say any more. */
export interface OutboxMessageRenderer {
  render(delivery: ClaimedDelivery): Promise<BotMessage | undefined>;
  /** Plain text telling coordinators that a channel subscription broke. */
  staleAlert(subscription: ChannelSubscription, reason: string): BotMessage;
}
