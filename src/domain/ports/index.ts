/**
 * Ports: what the services need from storage, as plain data. Implemented in
 * src/infrastructure/repositories; nothing here knows about Prisma or botbuilder.
 */
import type { RoleGrant } from '../access';
import type { AnswerMap, Locale, Role, StoredAnswer } from '../selbstcheck';

export type MunicipalityKind = 'city' | 'district';

export interface Municipality {
  readonly id: string;
  readonly name: string;
  readonly kind: MunicipalityKind;
  /** Bundesland. */
  readonly state: string;
}

/**
 * A person answering the self-check.
 * @remarks `identityKey` is channel independent where the channel allows it (Teams: AAD object id + tenant),
 * so the same person continues in another Teams client; other channels fall back to `channelId:userId`.
 */
export interface Respondent {
  readonly id: string;
  readonly identityKey: string;
  readonly municipalityId: string | null;
  readonly role: Role | null;
  readonly locale: Locale | null;
  readonly consentedAt: Date | null;
}

export type RespondentPatch = Partial<Pick<Respondent, 'municipalityId' | 'role' | 'locale' | 'consentedAt'>>;

export type AssessmentStatus = 'in_progress' | 'completed';

/** One round of a municipality's self-check; the questionnaire version is pinned when the round starts. */
export interface Assessment {
  readonly id: string;
  readonly municipalityId: string;
  readonly questionnaireVersion: number;
  readonly round: number;
  readonly status: AssessmentStatus;
  readonly startedAt: Date;
  readonly completedAt: Date | null;
}

export interface AnswerWrite {
  readonly assessmentId: string;
  readonly respondentId: string;
  readonly questionId: string;
  readonly value: StoredAnswer;
  /** Null keeps an existing comment: answering again without a comment must not erase the evidence. */
  readonly comment: string | null;
  readonly questionnaireVersion: number;
  readonly channel: string;
  /** Set when this answer completes a field for the respondent: the outbox event is written with the answer. */
  readonly completion?: FieldCompletion;
}

/**
 * created: first answer; changed: a different value/comment (history row added); unchanged: same answer again
 * (a retried turn); closed: the round was completed meanwhile, nothing was written; deferred: inside a bot
 * turn, the write goes to the database with the turn's state (same statement, before any reply is sent) and
 * the turn runs again if it cannot be stored.
 */
export type AnswerWriteOutcome = 'created' | 'changed' | 'unchanged' | 'closed' | 'deferred';

export interface RespondentAnswerSet {
  readonly respondentId: string;
  readonly role: Role;
  readonly answers: AnswerMap;
}

export interface MunicipalityRepository {
  list(): Promise<readonly Municipality[]>;
  find(id: string): Promise<Municipality | undefined>;
}

export interface RespondentRepository {
  /** Returns the respondent with this identity, creating it on first contact (one round trip). */
  findOrCreate(identityKey: string, locale: Locale): Promise<Respondent>;
  findByIdentity(identityKey: string): Promise<Respondent | undefined>;
  findById(id: string): Promise<Respondent | undefined>;
  update(id: string, patch: RespondentPatch): Promise<Respondent>;
}

export interface AssessmentRepository {
  find(id: string): Promise<Assessment | undefined>;
  /** The newest round of the municipality that is still in progress. */
  findCurrent(municipalityId: string): Promise<Assessment | undefined>;
  /**
   * The municipality's round in progress, or a new round (last round + 1) pinned to `questionnaireVersion`.
   * Atomic: colleagues starting at the same moment end up in the same round.
   */
  currentOrStart(municipalityId: string, questionnaireVersion: number): Promise<Assessment>;
  /** Marks the round completed; undefined when it was not in progress (already completed or unknown). */
  complete(id: string, at: Date): Promise<Assessment | undefined>;
}

export interface AnswerRepository {
  /** Stores an answer and, on a change, its history, in one atomic step. */
  write(answer: AnswerWrite): Promise<AnswerWriteOutcome>;
  answersOf(assessmentId: string, respondentId: string): Promise<AnswerMap>;
  /** Every respondent's answers in the assessment (respondents without a role count as `other`). */
  answersOfAll(assessmentId: string): Promise<readonly RespondentAnswerSet[]>;
  historyCount(assessmentId: string, respondentId: string, questionId: string): Promise<number>;
  /** Starting over: removes the respondent's answers of a round still in progress; returns how many. */
  clear(assessmentId: string, respondentId: string): Promise<number>;
}

/** Explicit role grants (coordinator, municipal lead); bootstrap coordinators come from configuration. */
export interface AccessRepository {
  grantsOf(identityKey: string): Promise<readonly RoleGrant[]>;
  /** Idempotent: granting an existing grant again changes nothing. */
  grant(identityKey: string, grant: RoleGrant, grantedBy: string): Promise<void>;
  /** True when a grant was removed. */
  revoke(identityKey: string, grant: RoleGrant): Promise<boolean>;
}

/** One round of a municipality with a cheap fingerprint of its answers (dashboard, issue #8). */
export interface RoundSummary {
  readonly assessment: Assessment;
  /** Respondents with at least one answer in the round. */
  readonly respondents: number;
  readonly answers: number;
  /** Newest answer (or answer change) in the round; null without answers. */
  readonly lastAnswerAt: Date | null;
}

/** Read-only queries of the coordinators' dashboard. */
export interface DashboardRepository {
  /** Every round of the given municipalities (all when omitted), newest round first within a municipality. */
  rounds(municipalityIds?: readonly string[]): Promise<readonly RoundSummary[]>;
  /** Every respondent's answers per round (respondents without a role count as `other`). */
  answersOfRounds(assessmentIds: readonly string[]): Promise<ReadonlyMap<string, readonly RespondentAnswerSet[]>>;
}

// ---- Issue #5: coordinators (subscriptions, outbox, reminders) ----

/** A stored Bot Framework conversation reference (plain JSON; botbuilder types stay at the edge). */
export type StoredReference = Readonly<Record<string, unknown>> & {
  readonly serviceUrl: string;
  readonly conversation: { readonly id: string };
};

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
  subscribe(input: { readonly scope: SubscriptionScope; readonly reference: StoredReference; readonly tenantId: string | null; readonly teamId: string | null; readonly channelId: string | null; readonly createdBy: string; readonly locale: Locale }): Promise<ChannelSubscription>;
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
  recordSent(id: string, worker: string, activityId: string | null, attempt: AttemptRecord, now: Date): Promise<boolean>;
  recordRetry(id: string, worker: string, nextAttemptAt: Date, attempt: AttemptRecord, now: Date): Promise<boolean>;
  recordFinal(id: string, worker: string, state: 'failed' | 'skipped', attempt: AttemptRecord, now: Date): Promise<boolean>;
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
  enqueueReminder(input: { readonly idempotencyKey: string; readonly identityKey: string; readonly respondentId: string; readonly municipalityId: string; readonly assessmentId: string; readonly conversationId: string }): Promise<boolean>;
}

export interface PersonalConversation {
  readonly identityKey: string;
  readonly reference: StoredReference;
  readonly remindersEnabled: boolean;
  readonly lastRemindedAt: Date | null;
}

export interface StalledRespondent {
  readonly respondentId: string;
  readonly identityKey: string;
  readonly municipalityId: string;
  readonly assessmentId: string;
  readonly role: Role | null;
  readonly lastAnswerAt: Date;
  readonly answered: number;
  readonly remindersEnabled: boolean | null;
  readonly lastRemindedAt: Date | null;
  readonly hasConversation: boolean;
}

export interface ReminderRepository {
  /** Stores (or refreshes) the person's 1:1 conversation reference; keeps their reminder preference. */
  rememberConversation(identityKey: string, reference: StoredReference): Promise<void>;
  find(identityKey: string): Promise<PersonalConversation | undefined>;
  setRemindersEnabled(identityKey: string, enabled: boolean): Promise<boolean>;
  /** Respondents of rounds in progress whose last answer is older than `before` (optionally of one municipality). */
  stalled(before: Date, municipalityId?: string): Promise<readonly StalledRespondent[]>;
  markReminded(identityKey: string, at: Date): Promise<void>;
}

/** Time, injected so jobs can be tested with a controlled clock. */
export interface Clock {
  now(): Date;
}

/** Field completion decided by the service, passed to the answer write so the event is stored with it. */
export interface FieldCompletion {
  readonly fieldId: string;
  /** How many fields make an assessment complete (seven). */
  readonly totalFields: number;
}

export interface RoleGrantEntry {
  readonly identityKey: string;
  readonly grant: RoleGrant;
  readonly grantedBy: string;
  readonly grantedAt: Date;
}

/** Every stored grant, for the coordinators' overview. */
export interface RoleGrantListing {
  list(): Promise<readonly RoleGrantEntry[]>;
}

/** Rounds that have answers, newest round first per municipality (for comparisons and change over time). */
export interface ResultsRepository {
  roundsWithAnswers(): Promise<readonly Assessment[]>;
}

/** One stored answer with its history facts, for the workshop exports (CSV/JSON). */
export interface AnswerExportRow {
  readonly respondentId: string;
  /** Null when the respondent never chose a role. */
  readonly role: Role | null;
  readonly questionId: string;
  readonly value: StoredAnswer;
  readonly comment: string | null;
  readonly questionnaireVersion: number;
  readonly channel: string;
  readonly answeredAt: Date;
  /** Time of the first stored value (oldest history row), or answeredAt when there is no history. */
  readonly firstAnsweredAt: Date;
  /** How often the answer was changed after it was first given. */
  readonly changes: number;
}

export interface ExportSource {
  /** The municipality's newest round (in progress or completed). */
  latestAssessment(municipalityId: string): Promise<Assessment | undefined>;
  /** All answers of the round, ordered by respondent's first answer then question id. */
  answerRows(assessmentId: string): Promise<readonly AnswerExportRow[]>;
}

export type { RateBucket, RateDecision, RateLimits } from './rateLimits';
export type * from './delivery';
export type * from './exports';
