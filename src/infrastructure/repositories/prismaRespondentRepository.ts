import { Prisma, type PrismaClient, type Respondent as RespondentRow } from '../../generated/prisma/client';
import type { Respondent, RespondentPatch } from '../../domain/model';
import type { RespondentRepository } from '../../domain/ports/selfCheck';
import type { Locale } from '../../domain/selbstcheck';

function toLocale(value: string | null): Locale | null {
  return value === 'de' || value === 'en' ? value : null;
}

export function toRespondent(row: RespondentRow): Respondent {
  return {
    id: row.id,
    identityKey: row.identityKey,
    municipalityId: row.municipalityId,
    role: row.role,
    locale: toLocale(row.locale),
    consentedAt: row.consentedAt,
    membership: row.membership,
    memberNo: row.memberNo,
  };
}

export class PrismaRespondentRepository implements RespondentRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findOrCreate(identityKey: string, locale: Locale): Promise<Respondent> {
    // Read first: the common case (known respondent) is one SELECT. Two first-contact turns racing both
    // insert; the loser gets P2002 and reads the winner's row.
    const existing = await this.prisma.respondent.findUnique({ where: { identityKey } });
    if (existing !== null) return toRespondent(existing);
    try {
      return toRespondent(await this.prisma.respondent.create({ data: { identityKey, locale } }));
    } catch (err) {
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
      return toRespondent(await this.prisma.respondent.findUniqueOrThrow({ where: { identityKey } }));
    }
  }

  async findById(id: string): Promise<Respondent | undefined> {
    const row = await this.prisma.respondent.findUnique({ where: { id } });
    return row === null ? undefined : toRespondent(row);
  }

  async findByIdentity(identityKey: string): Promise<Respondent | undefined> {
    const row = await this.prisma.respondent.findUnique({ where: { identityKey } });
    return row === null ? undefined : toRespondent(row);
  }

  async update(id: string, patch: RespondentPatch): Promise<Respondent> {
    return toRespondent(await this.prisma.respondent.update({ where: { id }, data: patch }));
  }
}
