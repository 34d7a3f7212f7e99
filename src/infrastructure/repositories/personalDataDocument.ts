/**
 * The `meine daten` document: everything stored about one person, read in the erasure's transaction shape
 * (src/infrastructure/repositories/prismaPersonalDataStore.ts finds the traces). Other people's identities
 * are left out — who granted a role is someone else's data — and codes only ever exist as hashes, which
 * are not shown either.
 */
import type { Prisma } from '../../generated/prisma/client';
import type { PersonalDataDocument } from '../../domain/ports/privacy';
import type { Traces } from './prismaPersonalDataStore';

type Tx = Prisma.TransactionClient;

/** Bumped when the document's shape changes, so a reader can tell versions apart. */
export const MY_DATA_FORMAT = 1;

export async function collectDocument(
  tx: Tx,
  t: Traces,
  stateKeys: readonly string[],
  now: Date,
): Promise<PersonalDataDocument> {
  const key = t.identityKey;
  const r = t.respondentId;
  const respondent = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT r."id", r."municipality_id" AS "municipalityId", m."name" AS "municipalityName", r."role"::text AS role,
           r."locale", r."consented_at" AS "consentedAt", r."membership"::text AS membership, r."member_no" AS "memberNo",
           r."created_at" AS "createdAt"
      FROM "respondent" r LEFT JOIN "municipality" m ON m."id" = r."municipality_id" WHERE r."id" = ${r}`;
  const answers = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT a."municipality_id" AS "municipalityId", a."round", a."status"::text AS "roundStatus",
           a."sandbox_of" IS NOT NULL AS "demoSandbox", x."question_id" AS "questionId", x."value"::text AS value,
           x."comment", x."channel", x."questionnaire_version" AS "questionnaireVersion", x."answered_at" AS "answeredAt",
           coalesce((SELECT jsonb_agg(jsonb_build_object('value', h."value", 'comment', h."comment", 'channel', h."channel",
                                                          'changedAt', h."changed_at") ORDER BY h."changed_at", h."id")
                       FROM "answer_history" h WHERE h."answer_id" = x."id"), '[]'::jsonb) AS history
      FROM "answer" x JOIN "assessment" a ON a."id" = x."assessment_id"
     WHERE x."respondent_id" = ${r}
     ORDER BY a."municipality_id", a."round", x."question_id"`;
  const roles = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT "role"::text AS role, "municipality_id" AS "municipalityId", "granted_at" AS "grantedAt"
      FROM "role_grant" WHERE "identity_key" = ${key} ORDER BY "granted_at"`;
  const personal = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT "conversation_id" AS "conversationId", "service_url" AS "serviceUrl", "reference",
           "reminders_enabled" AS "remindersEnabled", "last_reminded_at" AS "lastRemindedAt", "updated_at" AS "updatedAt"
      FROM "personal_conversation" WHERE "identity_key" = ${key}`;
  const subscriptions = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT "scope", "team_id" AS "teamId", "channel_id" AS "channelId", "status"::text AS status, "created_at" AS "createdAt",
           CASE WHEN "created_by" = ${key} THEN 'created' ELSE 'named in reference' END AS relation,
           CASE WHEN "reference"->'user'->>'id' = ANY(${t.userIds}::text[])
                  OR "reference"->'user'->>'aadObjectId' = ${t.aadObjectId}::text
                THEN "reference"->'user' END AS "referenceUser"
      FROM "channel_subscription"
     WHERE "created_by" = ${key} OR "reference"->'user'->>'id' = ANY(${t.userIds}::text[])
        OR "reference"->'user'->>'aadObjectId' = ${t.aadObjectId}::text`;
  const deliveries = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT e."kind"::text AS kind, d."state"::text AS state, d."attempts", d."created_at" AS "createdAt",
           d."next_attempt_at" AS "nextAttemptAt", d."sent_at" AS "sentAt"
      FROM "outbox_delivery" d JOIN "outbox_event" e ON e."id" = d."event_id"
     WHERE d."identity_key" = ${key}
        OR (d."subscription_id" IS NULL AND d."conversation_id" = ANY(${t.personalConversationIds}::text[]))
     ORDER BY d."created_at"`;
  const acted = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT 'invitation' AS what, "municipality_id" AS "municipalityId", "role"::text AS detail, "created_at" AS "at"
      FROM "invitation" WHERE "created_by" = ${key}
    UNION ALL
    SELECT 'tenant', "municipality_id", "tenant_id", "created_at" FROM "municipality_tenant" WHERE "created_by" = ${key}
    UNION ALL
    SELECT 'role_grant', "municipality_id", "role"::text, "granted_at" FROM "role_grant" WHERE "granted_by" = ${key}
    ORDER BY 4`;
  const [resume] = await tx.$queryRaw<{ createdAt: Date }[]>`
    SELECT "created_at" AS "createdAt" FROM "resume_code" WHERE "identity_key" = ${key}`;
  const links = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT "purpose"::text AS purpose, "municipality_id" AS "municipalityId", "format", "uses", "max_uses" AS "maxUses",
           "expires_at" AS "expiresAt", "created_at" AS "createdAt"
      FROM "download_link" WHERE "issuer" = ${key} ORDER BY "created_at"`;
  const [pseudonym] = await tx.$queryRaw<{ pseudonym: string }[]>`
    SELECT "pseudonym" FROM "audit_pseudonym" WHERE "identity_key" = ${key}`;
  const audit =
    pseudonym === undefined
      ? []
      : await tx.$queryRaw<Record<string, unknown>[]>`
          SELECT "at", "action"::text AS action, "municipality_id" AS "municipalityId", "detail",
                 CASE WHEN "actor" = ${pseudonym.pseudonym} THEN 'actor' ELSE 'subject' END AS "as"
            FROM "audit_event" WHERE "actor" = ${pseudonym.pseudonym} OR "subject" = ${pseudonym.pseudonym}
           ORDER BY "id"`;
  const state = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT "key", "data", "updated_at" AS "updatedAt" FROM "bot_state" WHERE "key" = ANY(${[...stateKeys]}::text[])
     ORDER BY "key"`;
  return {
    format: MY_DATA_FORMAT,
    generatedAt: now.toISOString(),
    identity: { identityKey: key, channelUserIds: t.userIds },
    respondent: respondent[0] ?? null,
    answers,
    roles,
    personalConversations: personal,
    channelSubscriptions: subscriptions,
    openAndRecentDeliveries: deliveries,
    actionsForOthers: acted,
    resumeCode: resume === undefined ? null : { createdAt: resume.createdAt, note: 'stored only as a hash' },
    downloadLinks: links,
    auditTrail: { pseudonym: pseudonym?.pseudonym ?? null, events: audit },
    botState: state,
  };
}
