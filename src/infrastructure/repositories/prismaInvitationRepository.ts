import type { Invitation as InvitationRow, PrismaClient } from '../../generated/prisma/client';
import type {
  InvitationCheck,
  InvitationInfo,
  InvitationRepository,
  NewInvitation,
} from '../../domain/ports/membership';
import { codeHash } from './codeHash';

function toInfo(row: InvitationRow): InvitationInfo {
  return {
    id: row.id,
    municipalityId: row.municipalityId,
    role: row.role,
    codeStart: row.codeStart,
    maxUses: row.maxUses,
    uses: row.uses,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
  };
}

type Row = InvitationRow & { municipality: { archivedAt: Date | null } };

function checkRow(row: Row | null, now: Date): InvitationCheck {
  if (row === null) return { ok: false, problem: 'unknown' };
  if (row.revokedAt !== null) return { ok: false, problem: 'revoked' };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, problem: 'expired' };
  if (row.maxUses !== null && row.uses >= row.maxUses) return { ok: false, problem: 'used_up' };
  if (row.municipality.archivedAt !== null) return { ok: false, problem: 'archived' };
  return { ok: true, invitation: toInfo(row) };
}

/** How long expired and revoked codes stay in `einladungen`, so a lead sees what became of them. */
const LISTED_AFTER_END_MS = 30 * 24 * 3600 * 1000;

export class PrismaInvitationRepository implements InvitationRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: NewInvitation): Promise<InvitationInfo> {
    const { code, ...rest } = input;
    return toInfo(await this.prisma.invitation.create({ data: { ...rest, codeHash: codeHash(code) } }));
  }

  async check(code: string, now: Date): Promise<InvitationCheck> {
    const row = await this.prisma.invitation.findUnique({
      where: { codeHash: codeHash(code) },
      include: { municipality: { select: { archivedAt: true } } },
    });
    return checkRow(row, now);
  }

  async use(invitationId: string, now: Date): Promise<InvitationCheck> {
    // One conditional UPDATE: two people redeeming the last use at once cannot both get in.
    const updated = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE "invitation" AS i SET "uses" = i."uses" + 1
        FROM "municipality" AS m
       WHERE i."id" = ${invitationId} AND m."id" = i."municipality_id" AND m."archived_at" IS NULL
         AND i."revoked_at" IS NULL AND i."expires_at" > ${now}
         AND (i."max_uses" IS NULL OR i."uses" < i."max_uses")
      RETURNING i."id"`;
    const row = await this.prisma.invitation.findUnique({
      where: { id: invitationId },
      include: { municipality: { select: { archivedAt: true } } },
    });
    if (updated.length > 0 && row !== null) return { ok: true, invitation: toInfo(row) };
    const check = checkRow(row, now);
    return check.ok ? { ok: false, problem: 'used_up' } : check;
  }

  async list(municipalityId: string): Promise<readonly InvitationInfo[]> {
    const rows = await this.prisma.invitation.findMany({
      where: { municipalityId, expiresAt: { gt: new Date(Date.now() - LISTED_AFTER_END_MS) } },
      orderBy: { createdAt: 'desc' },
      take: 50,
    });
    return rows.map(toInfo);
  }

  async revoke(
    municipalityIds: readonly string[] | 'all',
    codeStart: string,
    now: Date,
  ): Promise<readonly InvitationInfo[]> {
    const where = {
      codeStart,
      revokedAt: null,
      expiresAt: { gt: now },
      ...(municipalityIds === 'all' ? {} : { municipalityId: { in: [...municipalityIds] } }),
    };
    const rows = await this.prisma.invitation.findMany({ where });
    if (rows.length === 0) return [];
    await this.prisma.invitation.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { revokedAt: now } });
    return rows.map((r) => toInfo({ ...r, revokedAt: now }));
  }
}
