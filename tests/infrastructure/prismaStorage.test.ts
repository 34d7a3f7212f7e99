import { TestAdapter, type TurnContext } from 'botbuilder';
import { OptimisticState, conversationKey } from '../../src/infrastructure/state/optimisticState';
import type { Database } from '../../src/infrastructure/db/database';
import { ETagConflictError, PrismaStorage, isETagConflict } from '../../src/infrastructure/state/prismaStorage';
import { runWithStateRetry } from '../../src/bot/retryingTurn';
import { BotStateTurnStore } from '../../src/infrastructure/bot/botStateTurnStore';
import { openMigratedTestDatabase, usingPostgres } from '../support/testDatabase';

const dbName = usingPostgres ? 'PostgreSQL' : 'PGlite';

/** The storage's items are untyped (botbuilder's StoreItems); these tests write only `{ v, eTag }` items. */
interface Item {
  v?: unknown;
  eTag?: string;
}

describe(`PrismaStorage on ${dbName}`, () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let storage: PrismaStorage;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedTestDatabase());
    storage = new PrismaStorage(db.sql);
  });
  afterAll(async () => dispose());

  /** One stored item; a missing one fails the test here rather than as a TypeError further down. */
  async function readItem(key: string): Promise<Item> {
    const item = (await storage.read([key]))[key] as Item | undefined;
    if (item === undefined) throw new Error(`no stored item ${key}`);
    return item;
  }

  it('writes, reads with an eTag, and deletes', async () => {
    await storage.write({ a: { n: 1, nested: { ok: true } } });
    const read = await storage.read(['a', 'missing']);
    expect(Object.keys(read)).toEqual(['a']);
    expect(read.a).toEqual({ n: 1, nested: { ok: true }, eTag: expect.any(String) as unknown });
    await storage.delete(['a']);
    expect(await storage.read(['a'])).toEqual({});
  });

  it('of two writers holding the same eTag exactly one wins, the other gets an eTag conflict', async () => {
    await storage.write({ race: { v: 0 } });
    const race = await readItem('race');
    const results = await Promise.allSettled([1, 2, 3, 4].map((v) => storage.write({ race: { v, eTag: race.eTag } })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(3);
    for (const l of lost) expect(isETagConflict(l.reason)).toBe(true);
    const after = await readItem('race');
    expect([1, 2, 3, 4]).toContain(after.v);
    expect(after.eTag).not.toBe(race.eTag);
  });

  it('a stale eTag is refused and changes nothing', async () => {
    await storage.write({ stale: { v: 'first' } });
    const stale = await readItem('stale');
    await storage.write({ stale: { v: 'second', eTag: stale.eTag } });
    await expect(storage.write({ stale: { v: 'third', eTag: stale.eTag } })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await readItem('stale')).v).toBe('second');
  });

  it('"*" overwrites whatever is stored', async () => {
    await storage.write({ star: { v: 1 } });
    await storage.write({ star: { v: 2, eTag: '*' } });
    expect((await readItem('star')).v).toBe(2);
  });

  it('two first writes of a new key (no eTag): one wins, the other conflicts', async () => {
    const results = await Promise.allSettled([storage.write({ fresh: { v: 1 } }), storage.write({ fresh: { v: 2 } })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('concurrent turns of one conversation lose no update and send each reply once', async () => {
    const conversationState = new OptimisticState(storage, conversationKey);
    const counter = conversationState.createProperty<number[]>('seen');
    const adapter = new TestAdapter();
    // Rethrown so the concurrent turns below see their own failures instead of a swallowed error.
    adapter.onTurnError = (_ctx, err) => Promise.reject(err);
    // Every turn appends its own number; with lost updates the final list would be shorter.
    const turn = (n: number) =>
      adapter.processActivity(
        { type: 'message', text: String(n), conversation: { id: 'concurrent' } } as never,
        async (ctx: TurnContext) => {
          await runWithStateRetry(
            ctx,
            { store: new BotStateTurnStore([conversationState]), retries: 10 },
            async (c) => {
              const seen = await counter.get(c, []);
              await new Promise((r) => setTimeout(r, 5));
              await counter.set(c, [...seen, n]);
              await c.sendActivity(`got ${n}`);
            },
          );
        },
      );
    await Promise.all([1, 2, 3, 4, 5].map(turn));
    const check = new OptimisticState(storage, conversationKey);
    const ctx = {
      activity: { channelId: 'test', conversation: { id: 'concurrent' } },
      turnState: new Map(),
    } as unknown as TurnContext;
    const stored = await check.createProperty<number[]>('seen').get(ctx, []);
    expect([...stored].sort()).toEqual([1, 2, 3, 4, 5]);
    // What reached the channel: the adapter's queue of sent activities.
    const sent = adapter.activeQueue.map((a) => a.text ?? '');
    expect([...sent].sort()).toEqual(['got 1', 'got 2', 'got 3', 'got 4', 'got 5']);
  });
});
