import { BotState, type Storage, type StoreItems, type TurnContext } from 'botbuilder';
import type { AnswerMap } from '../../domain/selbstcheck';
import { PrismaStorage, type PrefetchedAnswers } from './prismaStorage';

const PREFETCHED_ANSWERS = Symbol('prefetchedAnswers');

/**
 * The answers read with this turn's state, once: later reads in the same turn (after an answer was
 * written) must go to the database again.
 */
export function takePrefetchedAnswers(
  context: TurnContext,
  assessmentId: string,
  respondentId: string,
): AnswerMap | undefined {
  const p = context.turnState.get<PrefetchedAnswers | undefined>(PREFETCHED_ANSWERS);
  context.turnState.delete(PREFETCHED_ANSWERS);
  return p !== undefined && p.assessmentId === assessmentId && p.respondentId === respondentId ? p.answers : undefined;
}

interface Cached {
  key: string;
  state: Record<string, unknown>;
  /** The eTag read from storage; undefined when the item did not exist yet. */
  eTag: string | undefined;
  /** The state as last read or written, serialised: a turn that changed nothing writes nothing. */
  json: string;
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
    /** The conversation state, whose dialog stack names the self-check session (see takePrefetchedAnswers). */
    private readonly holdsSelfCheckSession = false,
  ) {
    super(storage, (context) => Promise.resolve(keyOf(context)));
  }

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = context.turnState.get<Cached | undefined>(this.cacheKey);
    if (cached && !force) return cached.state;
    await OptimisticState.loadAll(context, [this], this.storage);
    return context.turnState.get<Cached>(this.cacheKey).state;
  }

  /**
   * Loads (or reloads) several states with one storage read: a turn needs conversation and user
   * state, and one round trip instead of two is a large share of a turn's cost.
   */
  static async loadAll(context: TurnContext, states: readonly OptimisticState[], storage: Storage): Promise<void> {
    const keys = states.map((s) => s.keyOf(context));
    const unique = [...new Set(keys)];
    const sessionState = states.find((s) => s.holdsSelfCheckSession);
    let items: StoreItems;
    context.turnState.delete(PREFETCHED_ANSWERS);
    if (sessionState !== undefined && storage instanceof PrismaStorage) {
      const read = await storage.readWithAnswers(unique, sessionState.keyOf(context));
      items = read.items;
      if (read.answers !== undefined) context.turnState.set(PREFETCHED_ANSWERS, read.answers);
    } else {
      items = await storage.read(unique);
    }
    states.forEach((s, i) => {
      const key = keys[i] ?? '';
      const item = items[key] as (Record<string, unknown> & { eTag?: string }) | undefined;
      // Items are parsed fresh per read; only two states sharing one key need copies of their own.
      const { eTag, ...state } = unique.length < keys.length ? structuredClone(item ?? {}) : (item ?? {});
      context.turnState.set(s.cacheKey, {
        key,
        state,
        eTag: item ? eTag : undefined,
        json: JSON.stringify(state),
      } satisfies Cached);
    });
  }

  /** The storage this state writes to (states loaded together must share it). */
  get backingStorage(): Storage {
    return this.storage;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const cached = context.turnState.get<Cached | undefined>(this.cacheKey);
    if (!cached) return;
    const json = JSON.stringify(cached.state);
    if (!force && json === cached.json) return;
    if (this.storage instanceof PrismaStorage) {
      cached.eTag = await this.storage.writeSerialized(cached.key, json, cached.eTag);
    } else {
      const item: Record<string, unknown> & { eTag?: string } = { ...cached.state, eTag: cached.eTag };
      await this.storage.write({ [cached.key]: item });
      cached.eTag = item.eTag;
    }
    cached.json = json;
  }

  override clear(context: TurnContext): Promise<void> {
    const cached = context.turnState.get<Cached | undefined>(this.cacheKey);
    const key = cached?.key ?? this.keyOf(context);
    // Keep the eTag: clearing is a change like any other and must not overwrite a newer write.
    context.turnState.set(this.cacheKey, { key, state: {}, eTag: cached?.eTag, json: '' } satisfies Cached);
    return Promise.resolve();
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.cacheKey);
    await this.storage.delete([this.keyOf(context)]);
  }

  override get(context: TurnContext): Record<string, unknown> | undefined {
    return context.turnState.get<Cached | undefined>(this.cacheKey)?.state;
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
