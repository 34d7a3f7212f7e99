import type { PrismaClient } from '../../generated/prisma/client';
import type { StoredReference } from '../../domain/model';
import type { PersonalConversation, ReminderRepository, StalledRespondent } from '../../domain/ports/reminders';
import type { Role } from '../../domain/selbstcheck';

export class PrismaReminderRepository implements ReminderRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async rememberConversation(identityKey: string, reference: StoredReference): Promise<void> {
    // Only writes when something changed, so an ordinary personal turn costs one cheap statement.
    await this.prisma.$executeRaw`
      INSERT INTO "personal_conversation" ("identity_key", "conversation_id", "service_url", "reference", "updated_at")
      VALUES (${identityKey}, ${reference.conversation.id}, ${reference.serviceUrl}, ${JSON.stringify(reference)}::jsonb, CURRENT_TIMESTAMP)
      ON CONFLICT ("identity_key") DO UPDATE
         SET "conversation_id" = EXCLUDED."conversation_id", "service_url" = EXCLUDED."service_url",
             "reference" = EXCLUDED."reference", "updated_at" = CURRENT_TIMESTAMP
       WHERE "personal_conversation"."conversation_id" IS DISTINCT FROM EXCLUDED."conversation_id"
          OR "personal_conversation"."service_url" IS DISTINCT FROM EXCLUDED."service_url"`;
  }

  async find(identityKey: string): Promise<PersonalConversation | undefined> {
    const r = await this.prisma.personalConversation.findUnique({ where: { identityKey } });
    return r === null
      ? undefined
      : {
          identityKey: r.identityKey,
          reference: r.reference as StoredReference,
          remindersEnabled: r.remindersEnabled,
          lastRemindedAt: r.lastRemindedAt,
        };
  }

  async setRemindersEnabled(identityKey: string, enabled: boolean): Promise<boolean> {
    const { count } = await this.prisma.personalConversation.updateMany({
      where: { identityKey },
      data: { remindersEnabled: enabled },
    });
    return count > 0;
  }

  /** Demo visitors are never reminded nor listed: their sandboxes and the demo municipality are left out. */
  async stalled(before: Date, municipalityId?: string): Promise<readonly StalledRespondent[]> {
    const rows = await this.prisma.$queryRaw<
      {
        respondent_id: string;
        identity_key: string;
        municipality_id: string;
        assessment_id: string;
        role: Role | null;
        last_answer_at: Date;
        answered: number;
        reminders_enabled: boolean | null;
        last_reminded_at: Date | null;
        has_conversation: boolean;
      }[]
    >`
      SELECT r."id" AS respondent_id, r."identity_key", a."municipality_id", a."id" AS assessment_id, r."role"::text AS role,
             max(an."answered_at") AS last_answer_at, count(*)::int AS answered,
             pc."reminders_enabled", pc."last_reminded_at", (pc."identity_key" IS NOT NULL) AS has_conversation
        FROM "answer" an
        JOIN "assessment" a ON a."id" = an."assessment_id" AND a."status" = 'in_progress' AND a."sandbox_of" IS NULL
        JOIN "municipality" m ON m."id" = a."municipality_id" AND NOT m."demo"
        JOIN "respondent" r ON r."id" = an."respondent_id"
        LEFT JOIN "personal_conversation" pc ON pc."identity_key" = r."identity_key"
       WHERE (${municipalityId ?? null}::text IS NULL OR a."municipality_id" = ${municipalityId ?? null}::text)
       GROUP BY r."id", r."identity_key", a."municipality_id", a."id", r."role", pc."reminders_enabled", pc."last_reminded_at", pc."identity_key"
      HAVING max(an."answered_at") < ${before}
       ORDER BY max(an."answered_at") ASC`;
    return rows.map((r) => ({
      respondentId: r.respondent_id,
      identityKey: r.identity_key,
      municipalityId: r.municipality_id,
      assessmentId: r.assessment_id,
      role: r.role,
      lastAnswerAt: r.last_answer_at,
      answered: r.answered,
      remindersEnabled: r.reminders_enabled,
      lastRemindedAt: r.last_reminded_at,
      hasConversation: r.has_conversation,
    }));
  }

  async markReminded(identityKey: string, at: Date): Promise<void> {
    await this.prisma.personalConversation.updateMany({ where: { identityKey }, data: { lastRemindedAt: at } });
  }
}
