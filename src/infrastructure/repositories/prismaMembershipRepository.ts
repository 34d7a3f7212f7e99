import type { PrismaClient } from '../../generated/prisma/client';
import type { MembershipSource, Respondent } from '../../domain/model';
import type { Member, MembershipRepository } from '../../domain/ports/membership';
import { toRespondent } from './prismaRespondentRepository';

export class PrismaMembershipRepository implements MembershipRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async join(respondentId: string, municipalityId: string, source: MembershipSource): Promise<Respondent> {
    // Locking the municipality row serialises people joining it at the same moment (as starting a round
    // does), so the next free number read here is still free when it is written.
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "municipality" WHERE "id" = ${municipalityId} FOR UPDATE`;
      const rows = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "respondent" SET
          "member_no" = CASE WHEN "municipality_id" = ${municipalityId} AND "member_no" IS NOT NULL THEN "member_no"
            ELSE (SELECT COALESCE(MAX(r."member_no"), 0) + 1 FROM "respondent" r WHERE r."municipality_id" = ${municipalityId}) END,
          "membership" = ${source}::"membership_source",
          "municipality_id" = ${municipalityId}
        WHERE "id" = ${respondentId}
        RETURNING "id"`;
      if (rows.length === 0) throw new Error('unknown respondent');
      return toRespondent(await tx.respondent.findUniqueOrThrow({ where: { id: respondentId } }));
    });
  }

  async members(municipalityId: string): Promise<readonly Member[]> {
    const rows = await this.prisma.$queryRaw<
      { id: string; member_no: number; role: Respondent['role']; membership: MembershipSource; answers: number }[]
    >`
      SELECT r."id", r."member_no", r."role", r."membership",
             (SELECT count(*)::int FROM "answer" a JOIN "assessment" s ON s."id" = a."assessment_id"
               WHERE a."respondent_id" = r."id" AND s."municipality_id" = ${municipalityId}
                 AND s."status" = 'in_progress' AND s."sandbox_of" IS NULL) AS answers
        FROM "respondent" r
       WHERE r."municipality_id" = ${municipalityId} AND r."member_no" IS NOT NULL AND r."membership" IS NOT NULL
       ORDER BY r."member_no"`;
    return rows.map((r) => ({
      respondentId: r.id,
      memberNo: r.member_no,
      role: r.role,
      membership: r.membership,
      answersInCurrentRound: r.answers,
    }));
  }

  async remove(municipalityId: string, memberNo: number): Promise<{ readonly answersRemoved: number } | undefined> {
    return this.prisma.$transaction(async (tx) => {
      const member = await tx.respondent.findFirst({ where: { municipalityId, memberNo } });
      if (member === null) return undefined;
      const { count } = await tx.answer.deleteMany({
        where: { respondentId: member.id, assessment: { municipalityId, status: 'in_progress', sandboxOf: null } },
      });
      await tx.respondent.update({
        where: { id: member.id },
        data: { municipalityId: null, membership: null, memberNo: null },
      });
      await tx.roleGrant.deleteMany({
        where: { identityKey: member.identityKey.toLowerCase(), role: 'lead', municipalityId },
      });
      return { answersRemoved: count };
    });
  }
}
