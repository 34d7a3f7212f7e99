/**
 * A person's traces in every table (see src/infrastructure/db/privacyRegistry.ts): found from the identity key
 * and the ids the turn knows, collected for `meine daten` and erased for `daten löschen`. Raw SQL on purpose:
 * the erasure must be one transaction over a dozen tables, and several steps are set-based (every bot state
 * row that names the respondent, every row another person's grant or subscription names them in).
 */
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type {
  ErasurePreview,
  ErasureReason,
  ErasureReport,
  PersonRef,
  PersonalDataDocument,
  PersonalDataStore,
} from '../../domain/ports/privacy';
import { newPseudonym } from './prismaAuditLog';
import { collectDocument } from './personalDataDocument';

type Tx = Prisma.TransactionClient;

/** What stands in for an erased person's identity key in another row (who granted a role, who subscribed). */
export const ERASED_ACTOR = 'erased';

/** The ids a person is known by, derived from the identity key, the turn and the database. */
export interface Traces {
  readonly identityKey: string;
  readonly respondentId: string | null;
  /** Channel user ids (Teams `29:…`, web chat user ids). */
  readonly userIds: readonly string[];
  /** The AAD object id, for a Teams identity (`aad:<tenant>:<oid>`). */
  readonly aadObjectId: string | null;
  /** Bot state keys of conversations the person had with the bot, as far as they can be known. */
  readonly conversationKeys: readonly string[];
  /** Personal (1:1) conversation ids, for deliveries to them. */
  readonly personalConversationIds: readonly string[];
}

/** `<channel>:<userId>` → the user id; `aad:<tenant>:<oid>` → none (Teams user ids come from references). */
function userIdOfKey(identityKey: string): { userId: string | null; aadObjectId: string | null } {
  if (identityKey.startsWith('aad:')) {
    const oid = identityKey.split(':')[2];
    return { userId: null, aadObjectId: oid !== undefined && oid !== '' ? oid : null };
  }
  const at = identityKey.indexOf(':');
  return { userId: at > 0 ? identityKey.slice(at + 1) : null, aadObjectId: null };
}

/**
 * With `lock`, the respondent row is locked for the erasure: a second erasure of the same person running at
 * the same moment (the retention job on two instances) waits, then finds the identity key gone and erases nothing.
 */
export async function tracesOf(tx: Tx, person: PersonRef, lock = false): Promise<Traces> {
  const key = person.identityKey;
  const [respondent] = lock
    ? await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "respondent" WHERE "identity_key" = ${key} FOR UPDATE`
    : await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "respondent" WHERE "identity_key" = ${key}`;
  const personal = await tx.$queryRaw<{ conversation_id: string; channel: string | null; user_id: string | null }[]>`
    SELECT "conversation_id", "reference"->>'channelId' AS channel, "reference"->'user'->>'id' AS user_id
      FROM "personal_conversation" WHERE "identity_key" = ${key}`;
  const own = userIdOfKey(key);
  const userIds = new Set(person.channelUserIds.filter((u) => u !== ''));
  if (own.userId !== null) userIds.add(own.userId);
  for (const p of personal) if (p.user_id) userIds.add(p.user_id);
  const conversationKeys = new Set(person.conversationKeys);
  for (const p of personal) conversationKeys.add(`${p.channel ?? 'msteams'}/conversations/${p.conversation_id}`);
  return {
    identityKey: key,
    respondentId: respondent?.id ?? null,
    userIds: [...userIds],
    aadObjectId: own.aadObjectId,
    conversationKeys: [...conversationKeys],
    personalConversationIds: personal.map((p) => p.conversation_id),
  };
}

/**
 * Bot state rows of the person: their user state (per channel user id), the conversations the turn and the
 * personal chat name, every row whose dialog stack names their respondent, and other browsers linked to them
 * with a resume code. A full scan of bot_state: erasure and "my data" are rare, and a missed row would be a leak.
 */
export async function stateKeysOf(tx: Tx, t: Traces): Promise<string[]> {
  const rows = await tx.$queryRaw<{ key: string }[]>`
    SELECT b."key" FROM "bot_state" b
     WHERE b."key" = ANY(${t.conversationKeys}::text[])
        OR EXISTS (SELECT 1 FROM unnest(${t.userIds}::text[]) u WHERE right(b."key", length(u) + 7) = '/users/' || u)
        OR b."data"->'linkedIdentity'->>'identityKey' = ${t.identityKey}
        OR (${t.respondentId}::text IS NOT NULL
            AND jsonb_path_exists(b."data", 'lax $.**.respondentId ? (@ == $r)', jsonb_build_object('r', ${t.respondentId}::text)))`;
  return rows.map((r) => r.key);
}

export class PrismaPersonalDataStore implements PersonalDataStore {
  constructor(private readonly prisma: PrismaClient) {}

  async preview(person: PersonRef): Promise<ErasurePreview> {
    return this.prisma.$transaction(async (tx) => {
      const t = await tracesOf(tx, person);
      const [r] = await tx.$queryRaw<{ name: string | null; role: string | null }[]>`
        SELECT m."name", r."role"::text AS role FROM "respondent" r LEFT JOIN "municipality" m ON m."id" = r."municipality_id"
         WHERE r."id" = ${t.respondentId}`;
      const answers = await tx.$queryRaw<{ kept: boolean; round: number; n: number }[]>`
        SELECT (a."status" = 'completed' AND a."sandbox_of" IS NULL) AS kept, a."round", count(*)::int AS n
          FROM "answer" x JOIN "assessment" a ON a."id" = x."assessment_id"
         WHERE x."respondent_id" = ${t.respondentId}
         GROUP BY 1, 2`;
      const [counts] = await tx.$queryRaw<{ roles: number; other: number }[]>`
        SELECT (SELECT count(*)::int FROM "role_grant" WHERE "identity_key" = ${t.identityKey}) AS roles,
               (SELECT count(*)::int FROM "resume_code" WHERE "identity_key" = ${t.identityKey})
             + (SELECT count(*)::int FROM "personal_conversation" WHERE "identity_key" = ${t.identityKey})
             + (SELECT count(*)::int FROM "download_link" WHERE "issuer" = ${t.identityKey})
             + (SELECT count(*)::int FROM "audit_pseudonym" WHERE "identity_key" = ${t.identityKey})
             + (SELECT count(*)::int FROM "role_grant" WHERE "granted_by" = ${t.identityKey})
             + (SELECT count(*)::int FROM "invitation" WHERE "created_by" = ${t.identityKey})
             + (SELECT count(*)::int FROM "municipality_tenant" WHERE "created_by" = ${t.identityKey})
             + (SELECT count(*)::int FROM "channel_subscription" WHERE "created_by" = ${t.identityKey}) AS other`;
      const state = await stateKeysOf(tx, t);
      const kept = answers.filter((a) => a.kept);
      const open = answers.filter((a) => !a.kept);
      const roles = counts?.roles ?? 0;
      return {
        anything: t.respondentId !== null || roles + (counts?.other ?? 0) + state.length > 0,
        municipalityName: r?.name ?? null,
        role: r?.role ?? null,
        openAnswers: open.reduce((s, a) => s + a.n, 0),
        keptAnswers: kept.reduce((s, a) => s + a.n, 0),
        keptRounds: [...new Set(kept.map((a) => a.round))].sort((a, b) => a - b),
        roles,
      };
    });
  }

  collect(person: PersonRef, now: Date): Promise<PersonalDataDocument> {
    return this.prisma.$transaction(async (tx) => {
      const t = await tracesOf(tx, person);
      return collectDocument(tx, t, await stateKeysOf(tx, t), now);
    });
  }

  erase(person: PersonRef, reason: ErasureReason = 'request'): Promise<ErasureReport> {
    return this.prisma.$transaction(async (tx) => eraseTraces(tx, await tracesOf(tx, person, true), reason));
  }
}

async function eraseTraces(tx: Tx, t: Traces, reason: ErasureReason): Promise<ErasureReport> {
  const key = t.identityKey;
  const r = t.respondentId;
  const tables: Record<string, number> = {};
  const count = (table: string, n: number) => {
    if (n > 0) tables[table] = (tables[table] ?? 0) + n;
  };
  const stateKeys = await stateKeysOf(tx, t);
  count('bot_state', await tx.$executeRaw`DELETE FROM "bot_state" WHERE "key" = ANY(${stateKeys}::text[])`);

  let removedAnswers = 0;
  let keptAnswers = 0;
  if (r !== null) {
    // Answers of rounds still open, and the person's demo sandboxes, go; completed rounds keep their answers
    // (the recorded result depends on them) without the person's own words.
    removedAnswers = await tx.$executeRaw`
      DELETE FROM "answer" x USING "assessment" a
       WHERE a."id" = x."assessment_id" AND x."respondent_id" = ${r}
         AND (a."status" <> 'completed' OR a."sandbox_of" IS NOT NULL)`;
    count('answer', removedAnswers);
    count('assessment', await tx.$executeRaw`DELETE FROM "assessment" WHERE "sandbox_of" = ${r}`);
    count(
      'answer_history',
      await tx.$executeRaw`
        UPDATE "answer_history" h SET "comment" = NULL FROM "answer" x
         WHERE h."answer_id" = x."id" AND x."respondent_id" = ${r} AND h."comment" IS NOT NULL`,
    );
    keptAnswers = await tx.$executeRaw`UPDATE "answer" SET "comment" = NULL WHERE "respondent_id" = ${r}`;
    // Reminder events name the respondent in their idempotency key: they go with their deliveries.
    count(
      'outbox_event',
      await tx.$executeRaw`DELETE FROM "outbox_event" WHERE "respondent_id" = ${r} AND "kind" = 'reminder'`,
    );
    count(
      'outbox_event',
      await tx.$executeRaw`UPDATE "outbox_event" SET "respondent_id" = NULL WHERE "respondent_id" = ${r}`,
    );
    if (keptAnswers > 0) {
      // A fresh id (answers follow through ON UPDATE CASCADE) and a random identity key: the row keeps the
      // municipality, the function and the member number the recorded result shows, and links to nobody.
      count(
        'respondent',
        await tx.$executeRaw`
          UPDATE "respondent" SET "id" = gen_random_uuid()::text, "identity_key" = 'erased:' || gen_random_uuid()::text,
                 "locale" = NULL, "consented_at" = NULL, "membership" = NULL
           WHERE "id" = ${r}`,
      );
    } else {
      count('respondent', await tx.$executeRaw`DELETE FROM "respondent" WHERE "id" = ${r}`);
    }
  }
  count(
    'outbox_delivery',
    await tx.$executeRaw`
      DELETE FROM "outbox_delivery"
       WHERE "identity_key" = ${key} OR ("subscription_id" IS NULL AND "conversation_id" = ANY(${t.personalConversationIds}::text[]))`,
  );
  count(
    'personal_conversation',
    await tx.$executeRaw`DELETE FROM "personal_conversation" WHERE "identity_key" = ${key}`,
  );
  count('resume_code', await tx.$executeRaw`DELETE FROM "resume_code" WHERE "identity_key" = ${key}`);
  count('role_grant', await tx.$executeRaw`DELETE FROM "role_grant" WHERE "identity_key" = ${key}`);
  count('download_link', await tx.$executeRaw`DELETE FROM "download_link" WHERE "issuer" = ${key}`);
  // Where the person acted for others, the row stays and no longer says who.
  count(
    'role_grant',
    await tx.$executeRaw`UPDATE "role_grant" SET "granted_by" = ${ERASED_ACTOR} WHERE "granted_by" = ${key}`,
  );
  count(
    'invitation',
    await tx.$executeRaw`UPDATE "invitation" SET "created_by" = ${ERASED_ACTOR} WHERE "created_by" = ${key}`,
  );
  count(
    'municipality_tenant',
    await tx.$executeRaw`UPDATE "municipality_tenant" SET "created_by" = ${ERASED_ACTOR} WHERE "created_by" = ${key}`,
  );
  count(
    'channel_subscription',
    await tx.$executeRaw`
      UPDATE "channel_subscription"
         SET "created_by" = CASE WHEN "created_by" = ${key} THEN ${ERASED_ACTOR} ELSE "created_by" END,
             "reference" = CASE WHEN "reference"->'user'->>'id' = ANY(${t.userIds}::text[])
                                  OR "reference"->'user'->>'aadObjectId' = ${t.aadObjectId}::text
                                THEN "reference" - 'user' ELSE "reference" END
       WHERE "created_by" = ${key} OR "reference"->'user'->>'id' = ANY(${t.userIds}::text[])
          OR "reference"->'user'->>'aadObjectId' = ${t.aadObjectId}::text`,
  );

  const erased = Object.keys(tables).length > 0;
  // The trail keeps every event and loses the person: the erasure is recorded under their pseudonym (a fresh
  // one when they had none), then the one mapping to them is deleted.
  const [p] = await tx.$queryRaw<{ pseudonym: string }[]>`
    DELETE FROM "audit_pseudonym" WHERE "identity_key" = ${key} RETURNING "pseudonym"`;
  if (p !== undefined) count('audit_pseudonym', 1);
  if (erased || p !== undefined) {
    const pseudonym = p?.pseudonym ?? newPseudonym();
    const detail = JSON.stringify({ reason, removedAnswers, keptAnswers });
    await tx.$executeRaw`
      INSERT INTO "audit_event" ("action", "actor", "subject", "detail")
      VALUES ('erasure', ${reason === 'request' ? pseudonym : null}, ${pseudonym}, ${detail}::jsonb)`;
  }
  return { erased: erased || p !== undefined, removedAnswers, keptAnswers, tables };
}
