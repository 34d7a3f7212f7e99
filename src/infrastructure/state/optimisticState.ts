import { createHash } from 'node:crypto';
import { BotState, type Storage, type TurnContext } from 'botbuilder';

interface Cached {
  key: string;
  state: Record<string, unknown>;
  /** The eTag read from storage; undefined when the item did not exist yet. */
  eTag: string | undefined;
  hash: string;
}

function hashOf(state: Record<string, unknown>): string {
  return createHash('sha1').update(JSON.stringify(state)).digest('base64');
}

/**
 * BotState with real optimistic concurrency. botbuilder's own BotState.saveChanges always writes
 * with eTag "*", so two turns of one conversation silently overwrite each other. This one writes
 * with the eTag it read (or "must not exist yet" for new state), so the storage rejects a stale
 * write and the turn can be retried from fresh state (see bot/retryingTurn.ts).
 */
export class OptimisticState extends BotState {
  private readonly cacheKey = Symbol('optimisticState');

  constructor(
    storage: Storage,
    private readonly keyOf: (context: TurnContext) => string,
  ) {
    super(storage, async (context) => keyOf(context));
  }

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (cached && !force) return cached.state;
    await OptimisticState.loadAll(context, [this], this.storage);
    return (context.turnState.get(this.cacheKey) as Cached).state;
  }

  /**
   * Loads (or reloads) several states with one storage read: a turn needs conversation and user
   * state, and one round trip instead of two is a large share of a turn's cost.
   */
  static async loadAll(context: TurnContext, states: readonly OptimisticState[], storage: Storage): Promise<void> {
    const keys = states.map((s) => s.keyOf(context));
    const items = await storage.read([...new Set(keys)]);
    states.forEach((s, i) => {
      const key = keys[i] as string;
      const item = items[key] as (Record<string, unknown> & { eTag?: string }) | undefined;
      // A fresh copy per state: two states sharing a key must not share one object.
      const { eTag, ...state } = structuredClone(item ?? {});
      context.turnState.set(s.cacheKey, { key, state, eTag: item ? eTag : undefined, hash: hashOf(state) } satisfies Cached);
    });
  }

  /** The storage this state writes to (states loaded together must share it). */
  get backingStorage(): Storage {
    return this.storage;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (!cached) return;
    const hash = hashOf(cached.state);
    if (!force && hash === cached.hash) return;
    const item: Record<string, unknown> & { eTag?: string } = { ...cached.state, eTag: cached.eTag };
    await this.storage.write({ [cached.key]: item });
    cached.eTag = item.eTag;
    cached.hash = hash;
  }

  override async clear(context: TurnContext): Promise<void> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    const key = cached?.key ?? this.keyOf(context);
    // Keep the eTag: clearing is a change like any other and must not overwrite a newer write.
    context.turnState.set(this.cacheKey, { key, state: {}, eTag: cached?.eTag, hash: '' } satisfies Cached);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.cacheKey);
    await this.storage.delete([this.keyOf(context)]);
  }

  override get(context: TurnContext): Record<string, unknown> | undefined {
    return (context.turnState.get(this.cacheKey) as Cached | undefined)?.state;
  }
}

export const conversationKey = (context: TurnContext): string => {
  const { channelId, conversation } = context.activity;
  if (!channelId || !conversation?.id) throw new Error('activity lacks channelId or conversation.id');
  return `${channelId}/conversations/${conversation.id}`;
};

export const userKey = (context: TurnContext): string => {
  const { channelId, from } = context.activity;
  if (!channelId || !from?.id) throw new Error('activity lacks channelId or from.id');
  return `${channelId}/users/${from.id}`;
};
