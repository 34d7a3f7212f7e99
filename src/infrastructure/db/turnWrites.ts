import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlRunner } from './database';

/** The bot-state row a turn writes at its end, with the eTag it read. */
export interface StateUpdate {
  readonly key: string;
  readonly data: string;
  readonly nextETag: string;
  readonly eTag: string;
}

/** How a combined statement went: the state row updated, or why not. */
export type CombinedOutcome = 'written' | 'state_conflict' | 'write_rejected';

/**
 * A write a turn hands over to be sent together with its bot-state update (one round trip instead of
 * two), or on its own before any other statement of the turn, so nothing in the turn reads past it.
 */
export interface PendingWrite {
  /** Sends the write alone; throws DeferredWriteRejected when it could not be stored. */
  run(sql: SqlRunner): Promise<void>;
  /** The write and the state update as one statement, in which neither happens without the other. */
  withState(update: StateUpdate): {
    text: string;
    params: unknown[];
    outcome(row: Record<string, unknown> | undefined): CombinedOutcome;
  };
}

/**
 * A deferred write turned out impossible when it was finally sent (the round was closed by someone else
 * meanwhile). Nothing of the turn was stored; the turn runs again with writes sent at once, so the
 * dialog learns the real outcome and answers accordingly.
 */
export class DeferredWriteRejected extends Error {
  constructor() {
    super('a deferred write was rejected; the turn runs again without deferring');
    this.name = 'DeferredWriteRejected';
  }
}

/** The writes of one turn attempt. */
export class TurnWrites {
  private pending: { readonly write: PendingWrite; readonly sql: SqlRunner } | undefined;

  constructor(readonly deferAllowed: boolean) {}

  /** Keeps `write` for the state update; one kept earlier is sent first (order stays as given). */
  async defer(write: PendingWrite, sql: SqlRunner): Promise<void> {
    await this.flush();
    this.pending = { write, sql };
  }

  /** Hands the kept write to the state update that will carry it. */
  take(): PendingWrite | undefined {
    const p = this.pending;
    this.pending = undefined;
    return p?.write;
  }

  /** Sends a kept write on its own: before another statement of the turn, or at its end. */
  async flush(): Promise<void> {
    const p = this.pending;
    this.pending = undefined;
    if (p !== undefined) await p.write.run(p.sql);
  }

  get hasPending(): boolean {
    return this.pending !== undefined;
  }
}

const current = new AsyncLocalStorage<TurnWrites>();

/** Runs one turn attempt with its own write buffer. */
export function withTurnWrites<T>(writes: TurnWrites, fn: () => Promise<T>): Promise<T> {
  return current.run(writes, fn);
}

/** The running turn's buffer; undefined outside turns (jobs, HTTP routes, tests calling services). */
export function currentTurnWrites(): TurnWrites | undefined {
  return current.getStore();
}

/** A SqlRunner that sends the turn's kept write before any other statement. */
export function flushingSqlRunner(inner: SqlRunner): SqlRunner {
  return {
    async query<R>(text: string, params?: readonly unknown[]) {
      const writes = current.getStore();
      if (writes?.hasPending) await writes.flush();
      return inner.query<R>(text, params);
    },
  };
}

/**
 * The same for Prisma: a driver adapter factory whose connections send the turn's kept write before any
 * query or transaction, so a read through Prisma later in the turn (the overall summary) sees it.
 */
export function flushingAdapter<F extends { connect(): Promise<object> }>(factory: F): F {
  const flushFirst =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const writes = current.getStore();
      if (writes?.hasPending) await writes.flush();
      return fn(...args);
    };
  const wrapConnection = <C extends object>(connection: C): C =>
    new Proxy(connection, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        const bound = (value as (...a: unknown[]) => unknown).bind(target);
        return prop === 'queryRaw' || prop === 'executeRaw' || prop === 'startTransaction'
          ? flushFirst(bound as (...a: unknown[]) => Promise<unknown>)
          : bound;
      },
    });
  return new Proxy(factory, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop === 'connect' && typeof value === 'function') {
        return async () => wrapConnection(await (value as () => Promise<object>).call(target));
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
