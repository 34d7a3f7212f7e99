import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { AnswerMap } from '../../domain/selbstcheck';
import type { SqlRunner } from '../db/database';
import { DeferredWriteRejected, currentTurnWrites } from '../db/turnWrites';

/** Thrown when a write's eTag no longer matches the stored item (another turn or instance wrote first). */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    // Same wording as botbuilder's MemoryStorage, so code written against it keeps working.
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

export function isETagConflict(err: unknown): err is ETagConflictError {
  return err instanceof ETagConflictError;
}

/**
 * botbuilder Storage on the Prisma-managed `bot_state` table with optimistic concurrency, each write
 * one conditional statement:
 * - eTag `*`: unconditional upsert;
 * - a concrete eTag: update only while the stored eTag still matches;
 * - no eTag (state that did not exist when read): insert only if still absent.
 * The last rule is stricter than MemoryStorage on purpose: two first turns of one conversation
 * must not silently overwrite each other.
 * It runs on every turn, so it talks to the driver directly (see SqlRunner): the table and its
 * migration stay Prisma's, only the per-query interpreter is skipped.
 */
/** The self-check answers of the session found in a conversation's state, read together with it. */
export interface PrefetchedAnswers {
  readonly assessmentId: string;
  readonly respondentId: string;
  readonly answers: AnswerMap;
}

// The session ids sit somewhere in the persisted dialog stack ({ session: { assessmentId, respondentId } });
// a recursive JSON path finds them without the storage knowing the stack's shape.
const READ_WITH_ANSWERS = `
  WITH s AS (SELECT key, data, etag FROM bot_state WHERE key = ANY($1)),
  sess AS (
    SELECT jsonb_path_query_first(data, 'lax $.**.session ? (exists(@.assessmentId) && exists(@.respondentId))') AS j
      FROM s WHERE key = $2
  )
  SELECT key, data, etag AS "eTag", NULL::jsonb AS answers FROM s
  UNION ALL
  SELECT NULL, sess.j, NULL,
         (SELECT COALESCE(jsonb_object_agg(question_id, value), '{}'::jsonb) FROM answer
           WHERE assessment_id = sess.j->>'assessmentId' AND respondent_id = sess.j->>'respondentId')
    FROM sess WHERE sess.j IS NOT NULL`;

export class PrismaStorage implements Storage {
  constructor(private readonly db: SqlRunner) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const { rows } = await this.db.query<{ key: string; data: unknown; eTag: string }>(
      'SELECT key, data, etag AS "eTag" FROM bot_state WHERE key = ANY($1)',
      [keys],
    );
    const items: StoreItems = {};
    for (const row of rows) {
      items[row.key] = { ...(row.data as Record<string, unknown>), eTag: row.eTag };
    }
    return items;
  }

  /**
   * `read` plus, in the same statement, the stored answers of the self-check session in `sessionKey`'s
   * item: a self-check turn needs both, and one round trip less is a large share of its cost.
   */
  async readWithAnswers(
    keys: string[],
    sessionKey: string,
  ): Promise<{ items: StoreItems; answers?: PrefetchedAnswers }> {
    const { rows } = await this.db.query<{
      key: string | null;
      data: unknown;
      eTag: string | null;
      answers: AnswerMap | null;
    }>(READ_WITH_ANSWERS, [keys, sessionKey]);
    const items: StoreItems = {};
    let answers: PrefetchedAnswers | undefined;
    for (const row of rows) {
      if (row.key === null) {
        const session = row.data as { assessmentId?: unknown; respondentId?: unknown };
        if (typeof session.assessmentId === 'string' && typeof session.respondentId === 'string') {
          answers = {
            assessmentId: session.assessmentId,
            respondentId: session.respondentId,
            answers: row.answers ?? {},
          };
        }
      } else {
        items[row.key] = { ...(row.data as Record<string, unknown>), eTag: row.eTag };
      }
    }
    return { items, ...(answers ? { answers } : {}) };
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...rest } = (item ?? {}) as Record<string, unknown> & { eTag?: unknown };
      const next = await this.writeSerialized(key, JSON.stringify(rest), eTag);
      // Callers keep the written object; give it the new eTag so their next write succeeds.
      if (item && typeof item === 'object') (item as { eTag?: string }).eTag = next;
    }
  }

  /**
   * Writes one item that is already JSON (OptimisticState has serialised it to see whether it changed;
   * a turn's state is not serialised twice). Returns the new eTag; throws ETagConflictError when the
   * stored item is not the one the eTag names.
   */
  async writeSerialized(key: string, data: string, eTag: unknown): Promise<string> {
    const next = randomUUID();
    const updatesExisting = typeof eTag === 'string' && eTag !== '*' && eTag !== '';
    // An answer kept by this turn goes along with the conditional update, in the same statement (see TurnWrites).
    const pending = updatesExisting ? currentTurnWrites()?.take() : undefined;
    if (pending !== undefined && updatesExisting) {
      const combined = pending.withState({ key, data, nextETag: next, eTag });
      const { rows } = await this.db.query(combined.text, combined.params);
      const outcome = combined.outcome(rows[0]);
      if (outcome === 'state_conflict') throw new ETagConflictError(key);
      if (outcome === 'write_rejected') throw new DeferredWriteRejected();
      return next;
    }
    let affected: number;
    if (eTag === '*') {
      ({ rowCount: affected } = await this.db.query(
        `INSERT INTO bot_state (key, data, etag, updated_at) VALUES ($1, $2::jsonb, $3, now())
         ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, etag = EXCLUDED.etag, updated_at = EXCLUDED.updated_at`,
        [key, data, next],
      ));
    } else if (updatesExisting) {
      ({ rowCount: affected } = await this.db.query(
        'UPDATE bot_state SET data = $2::jsonb, etag = $3, updated_at = now() WHERE key = $1 AND etag = $4',
        [key, data, next, eTag],
      ));
    } else {
      ({ rowCount: affected } = await this.db.query(
        `INSERT INTO bot_state (key, data, etag, updated_at) VALUES ($1, $2::jsonb, $3, now())
         ON CONFLICT (key) DO NOTHING`,
        [key, data, next],
      ));
    }
    if (affected === 0) throw new ETagConflictError(key);
    return next;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1)', [keys]);
  }
}
