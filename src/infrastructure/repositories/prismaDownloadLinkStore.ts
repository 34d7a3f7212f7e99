import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client';
import {
  DOWNLOAD_PURPOSES,
  type DownloadLinkGrant,
  type DownloadLinkStore,
  type DownloadPurpose,
  type RedeemResult,
} from '../../domain/ports/downloads';

/** 256 bits from the machine's cryptographic source; base64url gives the 43 characters the port's pattern expects. */
const TOKEN_BYTES = 32;

/**
 * Only the hash is stored: a copy of the table (a backup, a log of statements) opens nothing. The token is
 * random and long, so a plain SHA-256 is enough — there is nothing to brute-force as with a password.
 */
function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

interface RedeemedRow {
  purpose: string;
  issuer: string;
  municipality_id: string | null;
  format: string;
  locale: string;
  expires_at: Date;
  uses: number;
  max_uses: number;
}

function purposeOf(value: string): DownloadPurpose {
  const found = DOWNLOAD_PURPOSES.find((p) => p === value);
  if (found === undefined) throw new Error('download_link: unknown purpose in the database');
  return found;
}

export class PrismaDownloadLinkStore implements DownloadLinkStore {
  constructor(private readonly prisma: PrismaClient) {}

  async issue(grant: DownloadLinkGrant, sweepBefore: Date): Promise<{ token: string }> {
    await this.deleteExpired(sweepBefore);
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    await this.prisma.downloadLink.create({
      data: {
        tokenHash: tokenHash(token),
        purpose: grant.purpose,
        issuer: grant.issuer,
        municipalityId: grant.municipalityId,
        format: grant.format,
        locale: grant.locale,
        maxUses: grant.maxUses ?? 1,
        expiresAt: grant.expiresAt,
      },
    });
    return { token };
  }

  async redeem(token: string, now: Date): Promise<RedeemResult> {
    const hash = tokenHash(token);
    // One conditional UPDATE: of two requests with the same single-use token, exactly one gets the row back.
    const rows = await this.prisma.$queryRaw<RedeemedRow[]>`
      UPDATE "download_link" SET "uses" = "uses" + 1
       WHERE "token_hash" = ${hash} AND "uses" < "max_uses" AND "expires_at" > ${now}
      RETURNING "purpose"::text AS "purpose", "issuer", "municipality_id", "format", "locale", "expires_at",
                "uses", "max_uses"`;
    const row = rows[0];
    if (row !== undefined) {
      return {
        kind: 'ok',
        link: {
          purpose: purposeOf(row.purpose),
          issuer: row.issuer,
          municipalityId: row.municipality_id,
          format: row.format,
          locale: row.locale,
          expiresAt: row.expires_at,
          uses: Number(row.uses),
          maxUses: Number(row.max_uses),
        },
      };
    }
    // Nothing was changed; only now is it worth asking why, for the answer to the person holding the link.
    const found = await this.prisma.downloadLink.findUnique({
      where: { tokenHash: hash },
      select: { expiresAt: true },
    });
    if (found === null) return { kind: 'unknown' };
    return found.expiresAt.getTime() <= now.getTime() ? { kind: 'expired' } : { kind: 'used' };
  }

  async deleteExpired(before: Date): Promise<number> {
    const { count } = await this.prisma.downloadLink.deleteMany({ where: { expiresAt: { lt: before } } });
    return count;
  }
}
