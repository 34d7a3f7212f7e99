/**
 * The proactive sender (shared/guides/proactive-delivery.md): claims due outbox deliveries, has their
 * message built from current domain results (renderer port), posts it through the gateway and records the outcome.
 * Runs as a background loop in every instance; FOR UPDATE SKIP LOCKED in the repository keeps instances apart.
 */
import { FIELD_IDS } from '../domain/selbstcheck';
import type {
  AttemptRecord,
  ClaimedDelivery,
  Clock,
  ConversationGateway,
  GatewayResult,
  OutboxMessageRenderer,
  OutboxRepository,
  ReminderRepository,
  StoredReference,
  SubscriptionRepository,
  ChannelSubscription,
} from '../domain/ports';

export interface DeliveryOptions {
  readonly worker: string;
  readonly batchSize: number;
  readonly leaseMs: number;
  readonly pollMs: number;
  /** Give up after this many attempts or this age (about a day). */
  readonly maxAttempts: number;
  readonly maxAgeMs: number;
  /** Teams allows about 1 message per second per conversation; keep below. */
  readonly perConversationGapMs: number;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Every this many ticks, look for completed assessments whose event was missed (0 = never). */
  readonly sweepEveryTicks?: number;
}

export const DEFAULT_DELIVERY_OPTIONS: Omit<DeliveryOptions, 'worker'> = {
  batchSize: 10,
  leaseMs: 120_000,
  pollMs: 1000,
  maxAttempts: 12,
  maxAgeMs: 24 * 3600_000,
  perConversationGapMs: 1100,
  sweepEveryTicks: 60,
};

export interface DeliveryDeps {
  readonly outbox: OutboxRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly reminders: ReminderRepository;
  readonly gateway: ConversationGateway;
  /** Builds the card or text of a delivery (the bot layer's outbox messages). */
  readonly renderer: OutboxMessageRenderer;
  readonly clock: Clock;
  readonly options: DeliveryOptions;
  /**
   * Whether a stored reference's serviceUrl may be called (the domain's serviceUrl policy). Checked
   * before every post and update, so a reference stored before the policy existed cannot be abused either.
   */
  readonly serviceUrlAllowed: (serviceUrl: string) => boolean;
  readonly log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** The outcome recorded when a stored reference names a serviceUrl the policy refuses. */
export const SERVICE_URL_REFUSED = 'serviceUrl not allowed: not posted';

export type FailureClass = 'retry' | 'gone' | 'fatal';

/** 403/404: the bot was removed or blocked (not retryable); 429/412/5xx/network: retry; other 4xx: a bug or configuration. */
export function classifyFailure(status: number | null): FailureClass {
  if (status === null) return 'retry';
  if (status === 403 || status === 404) return 'gone';
  if (status === 429 || status === 412 || status === 408 || status >= 500) return 'retry';
  return 'fatal';
}

const RESCHEDULE_MINUTES = [1, 5, 15, 60];

/**
 * Delay before attempt `attempts + 1`. Retry-After wins when given; otherwise full jitter from 1 s capped at
 * 60 s for the first three attempts, then 1, 5, 15, 60 minutes.
 */
export function retryDelayMs(
  attempts: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== null && retryAfterMs >= 0) return retryAfterMs;
  if (attempts <= 3) return Math.round(random() * Math.min(60_000, 1000 * 2 ** (attempts - 1)));
  const minutes = RESCHEDULE_MINUTES[Math.min(attempts - 4, RESCHEDULE_MINUTES.length - 1)] ?? 60;
  return minutes * 60_000;
}

export interface TickResult {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  settled: number;
}

export class DeliveryService {
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private readonly lastPost = new Map<string, number>();
  private ticks = 0;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly deps: DeliveryDeps) {
    this.sleep = deps.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = deps.options.random ?? Math.random;
  }

  get worker(): string {
    return this.deps.options.worker;
  }

  /** One pass: settle uncertain deliveries, then claim and send what is due. */
  async tick(): Promise<TickResult> {
    const { outbox, clock, options } = this.deps;
    const result: TickResult = { sent: 0, retried: 0, failed: 0, skipped: 0, settled: 0 };
    const sweepEvery = options.sweepEveryTicks ?? 0;
    if (sweepEvery > 0 && this.ticks++ % sweepEvery === 0) {
      const added = await outbox.sweepCompletions(FIELD_IDS.length);
      if (added > 0) this.deps.log?.info({ added }, 'assessment-completed events added by the sweep');
    }
    for (const d of await outbox.claimUncertain(options.worker, options.batchSize, options.leaseMs, clock.now())) {
      await this.settle(d, result);
    }
    for (const d of await outbox.claim(options.worker, options.batchSize, options.leaseMs, clock.now())) {
      if (this.stopping) break; // claimed rows left behind expire and are settled, never re-posted blindly
      await this.deliver(d, result);
    }
    return result;
  }

  /** Starts the background loop; `stop` finishes the delivery in progress and returns. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = (async () => {
      while (!this.stopping) {
        try {
          await this.tick();
        } catch (err) {
          this.deps.log?.warn({ err, worker: this.worker }, 'outbox tick failed');
        }
        if (this.stopping) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.deps.options.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    })();
  }

  /** Runs the next pass now (e.g. right after an answer created events). */
  kick(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  private attempt(outcome: string, status: number | null = null, code: string | null = null): AttemptRecord {
    return { at: this.deps.clock.now().toISOString(), worker: this.worker, status, code, outcome };
  }

  private async target(
    d: ClaimedDelivery,
  ): Promise<{ reference: StoredReference; subscription?: ChannelSubscription } | { skip: string }> {
    if (d.subscriptionId !== null) {
      const subscription = await this.deps.subscriptions.find(d.subscriptionId);
      if (subscription === undefined) return { skip: 'unsubscribed' };
      if (subscription.status !== 'active') return { skip: `subscription stale: ${subscription.staleReason ?? ''}` };
      return { reference: subscription.reference, subscription };
    }
    if (d.identityKey !== null) {
      const personal = await this.deps.reminders.find(d.identityKey);
      if (personal === undefined) return { skip: 'no personal conversation' };
      if (d.kind === 'reminder' && !personal.remindersEnabled) return { skip: 'reminders turned off' };
      return { reference: personal.reference };
    }
    return { skip: 'unsubscribed' };
  }

  private async pace(conversationId: string): Promise<void> {
    const last = this.lastPost.get(conversationId);
    const wait = last === undefined ? 0 : last + this.deps.options.perConversationGapMs - Date.now();
    if (wait > 0) await this.sleep(wait);
    this.lastPost.set(conversationId, Date.now());
  }

  private async deliver(d: ClaimedDelivery, result: TickResult): Promise<void> {
    const { outbox, clock, options } = this.deps;
    const target = await this.target(d);
    if ('skip' in target) {
      await outbox.recordFinal(d.id, options.worker, 'skipped', this.attempt(target.skip), clock.now());
      result.skipped++;
      return;
    }
    if (await this.refused(d, target)) {
      result.failed++;
      return;
    }
    const message = await this.deps.renderer.render(d);
    if (message === undefined) {
      await outbox.recordFinal(d.id, options.worker, 'skipped', this.attempt('nothing to send'), clock.now());
      result.skipped++;
      return;
    }
    await this.pace(d.conversationId);
    // A throw here (crash, bug) leaves the row claimed: its lease expires and it is settled as uncertain.
    const sent = await this.deps.gateway.post(target.reference, message);
    const now = clock.now();
    if (sent.ok) {
      await outbox.recordSent(d.id, options.worker, sent.activityId, this.attempt('sent', null, null), now);
      result.sent++;
      this.deps.log?.info(
        { delivery: d.id, kind: d.kind, conversation: d.conversationId, attempts: d.attempts },
        'outbox delivery sent',
      );
      return;
    }
    const cls = classifyFailure(sent.status);
    const record = this.attempt(sent.detail, sent.status, sent.code);
    if (cls === 'gone') {
      await outbox.recordFinal(d.id, options.worker, 'failed', record, now);
      result.failed++;
      if (target.subscription) await this.markStale(target.subscription, sent);
      return;
    }
    const age = now.getTime() - d.createdAt.getTime();
    if (cls === 'fatal' || d.attempts >= options.maxAttempts || age > options.maxAgeMs) {
      await outbox.recordFinal(d.id, options.worker, 'failed', record, now);
      result.failed++;
      this.deps.log?.warn(
        { delivery: d.id, status: sent.status, code: sent.code, attempts: d.attempts },
        'outbox delivery failed',
      );
      return;
    }
    const delay = retryDelayMs(d.attempts, sent.retryAfterMs, this.random);
    // 429 slows every instance down, not just this row.
    if (sent.status === 429) await outbox.throttle(new Date(now.getTime() + delay));
    await outbox.recordRetry(d.id, options.worker, new Date(now.getTime() + delay), record, now);
    result.retried++;
    this.deps.log?.info(
      { delivery: d.id, status: sent.status, code: sent.code, delayMs: delay, attempts: d.attempts },
      'outbox delivery retry scheduled',
    );
  }

  /**
   * A delivery whose lease ran out during a post may or may not be in Teams. The Bot Connector has no
   * idempotency key, so it is never posted again: a summary card is settled by updating the channel's card
   * for that municipality (its own, when known, else the newest one) to the current state; a reminder is dropped.
   */
  private async settle(d: ClaimedDelivery, result: TickResult): Promise<void> {
    const { outbox, clock, options } = this.deps;
    const skip = async (why: string) => {
      await outbox.recordFinal(d.id, options.worker, 'skipped', this.attempt(why), clock.now());
      result.skipped++;
    };
    if (d.kind === 'reminder') return skip('uncertain: reminder not resent (at most once)');
    const target = await this.target(d);
    if ('skip' in target) return skip(target.skip);
    if (await this.refused(d, target)) {
      result.failed++;
      return;
    }
    const activityId =
      d.activityId ??
      (d.subscriptionId !== null ? await outbox.latestSentActivity(d.subscriptionId, d.municipalityId) : undefined);
    if (activityId === undefined) return skip('uncertain: not re-posted, no earlier card to update');
    const message = await this.deps.renderer.render(d);
    if (message === undefined) return skip('nothing to send');
    const updated = await this.deps.gateway.update(target.reference, activityId, message);
    if (updated.ok) {
      await outbox.recordSent(
        d.id,
        options.worker,
        activityId,
        this.attempt('settled by updating the posted card'),
        clock.now(),
      );
      result.settled++;
      return;
    }
    return skip(`uncertain: update failed (${updated.status ?? 'network'})`);
  }

  /**
   * A reference whose serviceUrl the policy refuses is never called: the delivery fails with a clear reason and
   * a channel subscription is marked stale (without alerts), so nothing is queued for it any more.
   */
  private async refused(
    d: ClaimedDelivery,
    target: { reference: StoredReference; subscription?: ChannelSubscription },
  ): Promise<boolean> {
    if (this.deps.serviceUrlAllowed(target.reference.serviceUrl)) return false;
    const { outbox, clock, options } = this.deps;
    await outbox.recordFinal(d.id, options.worker, 'failed', this.attempt(SERVICE_URL_REFUSED), clock.now());
    if (target.subscription) await this.deps.subscriptions.markStale(target.subscription.id, 'serviceUrl not allowed');
    this.deps.log?.warn(
      { delivery: d.id, kind: d.kind, subscription: target.subscription?.id },
      'outbox delivery refused: stored serviceUrl is not allowed',
    );
    return true;
  }

  private async markStale(
    subscription: ChannelSubscription,
    failure: Extract<GatewayResult, { ok: false }>,
  ): Promise<void> {
    const reason = `${failure.status ?? ''} ${failure.code ?? ''}`.trim();
    await this.deps.subscriptions.markStale(subscription.id, reason);
    this.deps.log?.warn(
      { subscription: subscription.id, scope: subscription.scope, reason },
      'channel subscription is stale (bot removed or blocked)',
    );
    // Tell coordinators where we still can: the other channels that follow all municipalities.
    const alert = this.deps.renderer.staleAlert(subscription, reason);
    const others = (await this.deps.subscriptions.list()).filter(
      (s) => s.status === 'active' && s.scope === '*' && s.id !== subscription.id,
    );
    for (const s of others) {
      if (!this.deps.serviceUrlAllowed(s.reference.serviceUrl)) continue;
      const r = await this.deps.gateway.post(s.reference, alert);
      if (!r.ok)
        this.deps.log?.warn({ subscription: s.id, status: r.status }, 'stale-subscription alert not delivered');
    }
  }
}
