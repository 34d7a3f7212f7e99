import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';

/**
 * How one attempt of a turn loads and saves its state. The bot defines what it needs; the composition
 * root hands in the database-backed implementation (infrastructure cannot import the bot, so it matches
 * this shape without naming it, and the compiler checks the match where the two are wired).
 */
export interface TurnStateStore {
  /**
   * Loads the turn's state (again from storage when `fresh`), runs `logic`, and saves what changed with the
   * eTags that were read. With `deferWrites`, a write of the turn (an answer) may travel with the state update.
   */
  attempt(
    context: TurnContext,
    options: { fresh: boolean; deferWrites: boolean },
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
  /**
   * The turn erased the person's state (issue #17): nothing of this attempt's state may be saved, or the
   * erasure would be undone by the very turn that performed it.
   */
  discardState(context: TurnContext): void;
  /** Another turn of the same conversation or user saved first: the attempt must run again from fresh state. */
  isConflict(error: unknown): boolean;
  /** A write that was to travel with the state update could not be stored: run again with writes sent at once. */
  isDeferredWriteRejected(error: unknown): boolean;
}

export interface RetryingTurnOptions {
  store: TurnStateStore;
  /** How many times a turn is run again after an eTag conflict. */
  retries: number;
  onConflict?: (attempt: number) => void;
}

export class TurnConflictError extends Error {
  constructor(readonly attempts: number) {
    super(`state conflict persisted after ${attempts} attempts`);
    this.name = 'TurnConflictError';
  }
}

/** Sending the replies of a turn failed after its state and answers were saved. */
export class ReplyDeliveryError extends Error {
  constructor(cause: unknown) {
    super('the turn was saved, but its replies could not be delivered', { cause });
    this.name = 'ReplyDeliveryError';
  }
}

/**
 * The scale-out pattern (BotBuilder-Samples 42.scaleout): run the turn against freshly loaded state
 * with outgoing activities held back, save with the eTags that were read, and send the held-back
 * activities only once the save succeeded. On an eTag conflict (another turn of this conversation
 * won, on this or another instance) the turn runs again from fresh state, so the user never sees
 * the replies of a discarded attempt.
 */
export async function runWithStateRetry(
  context: TurnContext,
  options: RetryingTurnOptions,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  const held: Partial<Activity>[] = [];
  let holding = true;
  context.onSendActivities(async (_ctx, activities, next) => {
    if (!holding) return next();
    held.push(...activities);
    return activities.map((): ResourceResponse => ({ id: '' }));
  });

  try {
    await runAttempts(context, options, logic, held);
  } catch (err) {
    // Nothing of the failed turn was saved, so none of its replies may go out; what the error handler
    // sends next (the apology) must reach the user instead of being held back with them.
    held.length = 0;
    holding = false;
    throw err;
  }
  holding = false;
  if (held.length === 0) return;
  try {
    await context.sendActivities(held);
  } catch (err) {
    // Everything was saved; only the delivery failed (the Bot Connector, not the database).
    throw new ReplyDeliveryError(err);
  }
}

/** Runs the turn until its state is saved, again from fresh state after an eTag conflict; `held` keeps the last attempt's replies. */
async function runAttempts(
  context: TurnContext,
  options: RetryingTurnOptions,
  logic: (context: TurnContext) => Promise<void>,
  held: Partial<Activity>[],
): Promise<void> {
  // Writes of the turn (an answer) travel with its state update; if one cannot be stored after all,
  // the turn runs once more with every write sent at once, so the dialog sees the real outcome.
  let deferWrites = true;
  for (let attempt = 1; ; attempt++) {
    held.length = 0;
    try {
      await options.store.attempt(context, { fresh: attempt > 1, deferWrites }, logic);
      return;
    } catch (err) {
      if (deferWrites && options.store.isDeferredWriteRejected(err)) {
        deferWrites = false;
        continue;
      }
      if (!options.store.isConflict(err)) throw err;
      if (attempt > options.retries) throw new TurnConflictError(attempt);
      options.onConflict?.(attempt);
    }
  }
}
