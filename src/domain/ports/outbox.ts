/**
 * Messages to Teams channels and persons, written with the data that causes them and delivered later:
 * channel subscriptions (who receives a municipality's summary cards) and the delivery outbox.
 */
import type { StoredReference } from '../model';
import type { Locale } from '../selbstcheck';

/** '*' subscribes a channel to every municipality (coordinators only). */
export type SubscriptionScope = string;
export const ALL_MUNICIPALITIES: SubscriptionScope = '*';

export interface ChannelSubscription {
  readonly id: string;
  readonly conversationId: string;
  readonly scope: SubscriptionScope;
  readonly reference: StoredReference;
  /** Language of the cards posted to the channel (the subscriber's at subscription time). */
  readonly locale: Locale;
  readonly status: 'active' | 'stale';
  readonly staleReason: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface SubscriptionRepository {
  /** Idempotent; re-subscribing a stale subscription makes it active again with the fresh reference. */
  subscribe(input: {
    readonly scope: SubscriptionScope;
    readonly reference: StoredReference;
    readonly tenantId: string | null;
    readonly teamId: string | null;
    readonly channelId: string | null;
    readonly createdBy: string;
    readonly locale: Locale;
  }): Promise<ChannelSubscription>;
  /** Removes the channel's subscriptions of that scope (or all of the channel's when scope is undefined); returns how many. */
  unsubscribe(conversationId: string, scope?: SubscriptionScope): Promise<number>;
  ofConversation(conversationId: string): Promise<readonly ChannelSubscription[]>;
  list(): Promise<readonly ChannelSubscription[]>;
  find(id: string): Promise<ChannelSubscription | undefined>;
  /** Keeps `serviceUrl` fresh from inbound activities of the channel. */
  refreshReference(conversationId: string, reference: StoredReference): Promise<void>;
  markStale(id: string, reason: string): Promise<void>;
}

export type DeliveryState = 'queued' | 'claimed' | 'sent' | 'retry_wait' | 'failed' | 'skipped' | 'uncertain';
export type OutboxEventKind = 'field_completed' | 'assessment_completed' | 'reminder';

/** A claimed delivery with what the sender needs to build and address the message. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly kind: OutboxEventKind;
  readonly municipalityId: string;
  readonly assessmentId: string | null;
  readonly respondentId: string | null;
  readonly fieldId: string | null;
  readonly subscriptionId: string | null;
  readonly identityKey: string | null;
  readonly conversationId: string;
  /** The subscription's card language; null for deliveries to a person (they carry their own). */
  readonly locale: Locale | null;
  readonly attempts: number;
  readonly activityId: string | null;
  readonly state: DeliveryState;
  readonly createdAt: Date;
}

export interface AttemptRecord {
  readonly at: string;
  readonly worker: string;
  readonly status: number | null;
  readonly code: string | null;
  readonly outcome: string;
}

export interface DeliveryCount {
  readonly state: DeliveryState;
  readonly kind: OutboxEventKind;
  readonly count: number;
}

export interface DeliveryProblem {
  readonly id: string;
  readonly kind: OutboxEventKind;
  readonly municipalityId: string;
  readonly conversationId: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly updatedAt: Date;
}

export interface OutboxRepository {
  /**
   * Claims due deliveries (queued, retry_wait past due) with FOR UPDATE SKIP LOCKED and a lease, counting the
   * attempt before the post. Expired leases of other workers become 'uncertain' first. Respects the shared throttle.
   */
  claim(worker: string, limit: number, leaseMs: number, now: Date): Promise<readonly ClaimedDelivery[]>;
  /** Uncertain deliveries to settle (a crash or lost answer between post and record). */
  claimUncertain(worker: string, limit: number, leaseMs: number, now: Date): Promise<readonly ClaimedDelivery[]>;
  /** All record* calls only apply while this worker still holds the row. */
  recordSent(
    id: string,
    worker: string,
    activityId: string | null,
    attempt: AttemptRecord,
    now: Date,
  ): Promise<boolean>;
  recordRetry(id: string, worker: string, nextAttemptAt: Date, attempt: AttemptRecord, now: Date): Promise<boolean>;
  recordFinal(
    id: string,
    worker: string,
    state: 'failed' | 'skipped',
    attempt: AttemptRecord,
    now: Date,
  ): Promise<boolean>;
  /** The newest sent delivery of the same kind of card to the same channel and municipality (for settling by update). */
  latestSentActivity(subscriptionId: string, municipalityId: string): Promise<string | undefined>;
  throttledUntil(now: Date): Promise<Date | undefined>;
  throttle(until: Date): Promise<void>;
  counts(): Promise<readonly DeliveryCount[]>;
  problems(limit: number): Promise<readonly DeliveryProblem[]>;
  /** Re-queues failed and uncertain deliveries (a coordinator's "retry failed"); returns how many. */
  requeueFailed(now: Date): Promise<number>;
  /** Marks the round complete and writes its event and deliveries in one statement; false when it was not in progress. */
  completeAssessment(assessmentId: string, now: Date): Promise<boolean>;
  /**
   * Writes the assessment-completed event (and deliveries) for rounds whose seven fields were each completed
   * by someone but which have none yet: two respondents finishing the last two fields at the same moment do
   * not see each other's events inside their statements. Returns how many were added.
   */
  sweepCompletions(totalFields: number): Promise<number>;
  /** Writes a reminder event + its delivery to the person's 1:1 chat (idempotent per key). True when new. */
  enqueueReminder(input: {
    readonly idempotencyKey: string;
    readonly identityKey: string;
    readonly respondentId: string;
    readonly municipalityId: string;
    readonly assessmentId: string;
    readonly conversationId: string;
  }): Promise<boolean>;
}
