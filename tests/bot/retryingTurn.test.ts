import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { TurnConflictError, runWithStateRetry, type TurnStateStore } from '../../src/bot/retryingTurn';

class Conflict extends Error {}
class Rejected extends Error {}

/** A store whose attempts fail as scripted: the retrying turn only sees the TurnStateStore interface. */
function scriptedStore(failures: ('conflict' | 'rejected')[]) {
  const attempts: { fresh: boolean; deferWrites: boolean }[] = [];
  const store: TurnStateStore = {
    async attempt(context, options, logic) {
      attempts.push(options);
      await logic(context);
      const failure = failures.shift();
      if (failure === 'conflict') throw new Conflict();
      if (failure === 'rejected') throw new Rejected();
    },
    discardState: () => undefined,
    isConflict: (error) => error instanceof Conflict,
    isDeferredWriteRejected: (error) => error instanceof Rejected,
  };
  return { store, attempts };
}

async function turn(store: TurnStateStore, retries: number, onConflict?: (attempt: number) => void) {
  const adapter = new TestAdapter();
  let error: unknown;
  let n = 0;
  await adapter.processActivity(
    { type: 'message', text: 'x', conversation: { id: 'c' } } as Partial<Activity>,
    async (context: TurnContext) => {
      try {
        await runWithStateRetry(context, { store, retries, onConflict }, async (c) => {
          n++;
          await c.sendActivity(`attempt ${n}`);
        });
      } catch (err) {
        error = err;
      }
    },
  );
  return { sent: adapter.activeQueue.map((a) => a.text), error };
}

describe('the retrying turn', () => {
  it('runs again from fresh state after a conflict and sends only the replies of the attempt that was saved', async () => {
    const { store, attempts } = scriptedStore(['conflict', 'conflict']);
    const conflicts: number[] = [];
    const { sent, error } = await turn(store, 3, (a) => conflicts.push(a));
    expect(error).toBeUndefined();
    expect(sent).toEqual(['attempt 3']);
    expect(attempts.map((a) => a.fresh)).toEqual([false, true, true]);
    expect(conflicts).toEqual([1, 2]);
  });

  it('runs once more without deferring writes when a deferred write was rejected', async () => {
    const { store, attempts } = scriptedStore(['rejected']);
    const { sent } = await turn(store, 0);
    expect(sent).toEqual(['attempt 2']);
    expect(attempts).toEqual([
      { fresh: false, deferWrites: true },
      { fresh: true, deferWrites: false },
    ]);
  });

  it('gives up after the configured retries and sends nothing of the failed attempts', async () => {
    const { store } = scriptedStore(['conflict', 'conflict', 'conflict']);
    const { sent, error } = await turn(store, 1);
    expect(error).toBeInstanceOf(TurnConflictError);
    expect(sent).toEqual([]);
  });
});
