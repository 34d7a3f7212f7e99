import type { Activity, BotState, ResourceResponse, TurnContext } from 'botbuilder';
import { isETagConflict } from '../infrastructure/state/prismaStorage';
import { OptimisticState } from '../infrastructure/state/optimisticState';
import { DeferredWriteRejected, TurnWrites, withTurnWrites } from '../infrastructure/db/turnWrites';

export interface RetryingTurnOptions {
  states: readonly BotState[];
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
    // sends next (the apology) must reach the user instead of being held back with them (issue #13).
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
    const writes = new TurnWrites(deferWrites);
    try {
      await withTurnWrites(writes, async () => {
        await loadFresh(context, options.states, attempt > 1);
        await logic(context);
        for (const state of options.states) await state.saveChanges(context, false);
        await writes.flush(); // one no state update took along (the state did not change)
      });
      return;
    } catch (err) {
      if (err instanceof DeferredWriteRejected && deferWrites) {
        deferWrites = false;
        continue;
      }
      if (!isETagConflict(err)) throw err;
      if (attempt > options.retries) throw new TurnConflictError(attempt);
      options.onConflict?.(attempt);
    }
  }
}

/** Loads all states up front in one read where possible; on a retry, reloads them even if cached. */
async function loadFresh(context: TurnContext, states: readonly BotState[], force: boolean): Promise<void> {
  const optimistic = states.filter((s): s is OptimisticState => s instanceof OptimisticState);
  const first = optimistic[0];
  if (first && optimistic.every((s) => s.backingStorage === first.backingStorage)) {
    await OptimisticState.loadAll(context, optimistic, first.backingStorage);
  } else {
    for (const s of optimistic) await s.load(context, force);
  }
  for (const s of states) if (!(s instanceof OptimisticState)) await s.load(context, force);
}
