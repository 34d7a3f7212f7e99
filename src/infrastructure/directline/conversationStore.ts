import { createHash, randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** One Direct Line conversation, held in memory: web chat transcripts are transient by design. */
export interface DirectLineConversation {
  readonly id: string;
  readonly userId: string;
  readonly clientKey: string;
  /** The page's language (from the start request, then each message), for texts the Direct Line sends itself. */
  locale?: string;
  lastActiveAt: number;
  /** Watermark of the first activity still kept (older ones were trimmed). */
  firstWatermark: number;
  readonly activities: Partial<Activity>[];
}

export interface ConversationStoreOptions {
  /** Conversations untouched for this long are removed by `sweep`. */
  idleMs: number;
  /** Activities kept per conversation; older ones are dropped, watermarks stay monotonic. */
  maxActivities: number;
}

/**
 * The user id of a browser that keeps a secret of its own (the web chat page's `weltoffen.uid`): the same
 * secret gives the same user id in every conversation, so the bot's user state and the person's identity
 * survive a reload. A one-way hash: the id is shown to the browser and stored as the bot's state key, and
 * knowing it never lets anyone act as that user; the server keeps no secret. The `u-` form (32 hex) tells
 * these ids apart from the per-conversation `u_` ones.
 */
export function userIdOfSecret(secret: string): string {
  return `u-${createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 32)}`;
}

export class ConversationStore {
  private readonly conversations = new Map<string, DirectLineConversation>();

  constructor(private readonly options: ConversationStoreOptions) {}

  get size(): number {
    return this.conversations.size;
  }

  /** A new conversation, as `userId` (see `userIdOfSecret`) or, without one, as a user of its own. */
  create(clientKey: string, now: number, userId?: string): DirectLineConversation {
    const conversation: DirectLineConversation = {
      // Unguessable ids: the token is the access control, the id is a second, independent secret.
      id: randomUUID().replace(/-/g, ''),
      userId: userId ?? `u_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      clientKey,
      lastActiveAt: now,
      firstWatermark: 0,
      activities: [],
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  get(id: string): DirectLineConversation | undefined {
    return this.conversations.get(id);
  }

  touch(conversation: DirectLineConversation, now: number): void {
    conversation.lastActiveAt = now;
  }

  /** Appends with a server-assigned id `<conversation>|<watermark>` (the form Azure Direct Line uses). */
  append(conversation: DirectLineConversation, activity: Partial<Activity>, now: number): Partial<Activity> {
    const watermark = conversation.firstWatermark + conversation.activities.length;
    const stored: Partial<Activity> = {
      ...activity,
      id: `${conversation.id}|${String(watermark).padStart(7, '0')}`,
      timestamp: new Date(now),
    };
    conversation.activities.push(stored);
    const excess = conversation.activities.length - this.options.maxActivities;
    if (excess > 0) {
      conversation.activities.splice(0, excess);
      conversation.firstWatermark += excess;
    }
    return stored;
  }

  /**
   * Activities after `watermark` (undefined: from the start) and the new watermark. The watermark is
   * the count of activities ever appended, as a string, so clients can pass it back unchanged.
   */
  since(
    conversation: DirectLineConversation,
    watermark: number | undefined,
  ): { activities: Partial<Activity>[]; watermark: string } {
    const end = conversation.firstWatermark + conversation.activities.length;
    const from = Math.max(watermark ?? 0, conversation.firstWatermark);
    return {
      activities: conversation.activities.slice(from - conversation.firstWatermark),
      watermark: String(end),
    };
  }

  /** Removes idle conversations; returns how many. */
  sweep(now: number): number {
    let removed = 0;
    for (const [id, c] of this.conversations) {
      if (now - c.lastActiveAt >= this.options.idleMs) {
        this.conversations.delete(id);
        removed++;
      }
    }
    return removed;
  }
}
