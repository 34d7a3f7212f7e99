import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client';
import type { AuditDetail, AuditEntry, AuditLog, AuditQuery, AuditRecord } from '../../domain/ports/audit';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `P-` and 8 Crockford characters (40 random bits): short enough to read out, unrelated to the identity. */
export function newPseudonym(): string {
  const bytes = randomBytes(8);
  let out = '';
  for (let i = 0; i < 8; i++) out += ALPHABET[(bytes[i] ?? 0) & 31];
  return `P-${out}`;
}

export class PrismaAuditLog implements AuditLog {
  constructor(private readonly prisma: PrismaClient) {}

  /** The person's pseudonym, created on first use; a collision of random pseudonyms is retried. */
  private async pseudonym(identityKey: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const rows = await this.prisma.$queryRaw<{ pseudonym: string }[]>`
        INSERT INTO "audit_pseudonym" ("identity_key", "pseudonym") VALUES (${identityKey}, ${newPseudonym()})
        ON CONFLICT ("identity_key") DO UPDATE SET "identity_key" = EXCLUDED."identity_key"
        RETURNING "pseudonym"`.catch((err: unknown) => {
        if (attempt < 3 && String(err).includes('audit_pseudonym_pseudonym_key')) return [];
        throw err;
      });
      const found = rows[0]?.pseudonym;
      if (found !== undefined) return found;
    }
  }

  async record(entry: AuditEntry, at?: Date): Promise<void> {
    const actor = entry.actor ? await this.pseudonym(entry.actor) : null;
    const subject = entry.subject ? await this.pseudonym(entry.subject) : null;
    await this.prisma.auditEvent.create({
      data: {
        action: entry.action,
        actor,
        subject,
        municipalityId: entry.municipalityId ?? null,
        ...(entry.detail !== undefined ? { detail: { ...entry.detail } } : {}),
        ...(at !== undefined ? { at } : {}),
      },
    });
  }

  async list(query: AuditQuery): Promise<readonly AuditRecord[]> {
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        ...(query.municipalityId !== undefined ? { municipalityId: query.municipalityId } : {}),
        ...(query.beforeId !== undefined && /^\d{1,18}$/.test(query.beforeId)
          ? { id: { lt: BigInt(query.beforeId) } }
          : {}),
      },
      orderBy: { id: 'desc' },
      take: Math.max(1, Math.min(query.limit, 500)),
    });
    return rows.map((r) => ({
      id: r.id.toString(),
      at: r.at,
      action: r.action,
      actor: r.actor,
      subject: r.subject,
      municipalityId: r.municipalityId,
      detail: (r.detail ?? {}) as AuditDetail,
    }));
  }

  async pseudonymOf(identityKey: string): Promise<string | null> {
    const row = await this.prisma.auditPseudonym.findUnique({ where: { identityKey } });
    return row?.pseudonym ?? null;
  }

  async forget(identityKey: string, by?: string | null): Promise<string | null> {
    const pseudonym = await this.pseudonymOf(identityKey);
    if (pseudonym === null) return null;
    const actor = by && by !== identityKey ? await this.pseudonym(by) : pseudonym;
    await this.prisma.$transaction([
      this.prisma.auditEvent.create({ data: { action: 'erasure', actor, subject: pseudonym } }),
      this.prisma.auditPseudonym.deleteMany({ where: { identityKey } }),
    ]);
    return pseudonym;
  }
}
