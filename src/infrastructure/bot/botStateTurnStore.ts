import type { BotState, TurnContext } from 'botbuilder';
import { DeferredWriteRejected, TurnWrites, withTurnWrites } from '../db/turnWrites';
import { OptimisticState } from '../state/optimisticState';
import { isETagConflict } from '../state/prismaStorage';

/**
 * How a turn attempt reads and saves the bot's states (conversation and user) on the database: all
 * states loaded up front, saved with the eTags that were read (OptimisticState over PrismaStorage), and
 * the turn's answer write carried along with the state update (TurnWrites). This is the store the bot's
 * retrying turn (src/bot/retryingTurn.ts, `TurnStateStore`) runs its attempts against.
 */
const DISCARD = Symbol('weltoffen.discardState');

export class BotStateTurnStore {
  constructor(private readonly states: readonly BotState[]) {}

  discardState(context: TurnContext): void {
    context.turnState.set(DISCARD, true);
  }

  async attempt(
    context: TurnContext,
    options: { fresh: boolean; deferWrites: boolean },
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const writes = new TurnWrites(options.deferWrites);
    await withTurnWrites(writes, async () => {
      await loadFresh(context, this.states, options.fresh);
      context.turnState.delete(DISCARD);
      await logic(context);
      if (context.turnState.get(DISCARD) !== true)
        for (const state of this.states) await state.saveChanges(context, false);
      await writes.flush(); // one no state update took along (the state did not change)
    });
  }

  isConflict(error: unknown): boolean {
    return isETagConflict(error);
  }

  isDeferredWriteRejected(error: unknown): boolean {
    return error instanceof DeferredWriteRejected;
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
