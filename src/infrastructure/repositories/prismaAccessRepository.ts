import type { PrismaClient } from '../../generated/prisma/client';
import type { RoleGrant } from '../../domain/access';
import type { AccessRepository, RoleGrantListing } from '../../domain/ports/access';

/** Role grants in `role_grant`; identity keys are stored lower-cased like `aadIdentityKey` makes them. */
export class PrismaAccessRepository implements AccessRepository, RoleGrantListing {
  constructor(private readonly prisma: PrismaClient) {}

  async grantsOf(identityKey: string): Promise<readonly RoleGrant[]> {
    const rows = await this.prisma.roleGrant.findMany({
      where: { identityKey: identityKey.toLowerCase() },
      orderBy: [{ role: 'asc' }, { municipalityId: 'asc' }],
    });
    return rows.flatMap((r): RoleGrant[] =>
      r.role === 'coordinator'
        ? [{ role: 'coordinator' }]
        : r.municipalityId !== null
          ? [{ role: 'lead', municipalityId: r.municipalityId }]
          : [],
    );
  }

  async grant(identityKey: string, grant: RoleGrant, grantedBy: string): Promise<void> {
    const municipalityId = grant.role === 'lead' ? grant.municipalityId : null;
    // ON CONFLICT on the NULLS NOT DISTINCT index keeps a repeated grant a no-op (also when two run at once).
    await this.prisma.$executeRaw`
      INSERT INTO "role_grant" ("id", "identity_key", "role", "municipality_id", "granted_by", "granted_at")
      VALUES (gen_random_uuid()::text, ${identityKey.toLowerCase()}, ${grant.role}::"grant_role", ${municipalityId}, ${grantedBy}, CURRENT_TIMESTAMP)
      ON CONFLICT ("identity_key", "role", "municipality_id") DO NOTHING`;
  }

  async revoke(identityKey: string, grant: RoleGrant): Promise<boolean> {
    const { count } = await this.prisma.roleGrant.deleteMany({
      where: {
        identityKey: identityKey.toLowerCase(),
        role: grant.role,
        municipalityId: grant.role === 'lead' ? grant.municipalityId : null,
      },
    });
    return count > 0;
  }

  /** Every grant, for the `rollen` overview of coordinators. */
  async list(): Promise<readonly { identityKey: string; grant: RoleGrant; grantedBy: string; grantedAt: Date }[]> {
    const rows = await this.prisma.roleGrant.findMany({
      orderBy: [{ role: 'asc' }, { municipalityId: 'asc' }, { grantedAt: 'asc' }],
    });
    return rows.flatMap((r) => {
      const grant: RoleGrant | undefined =
        r.role === 'coordinator'
          ? { role: 'coordinator' }
          : r.municipalityId !== null
            ? { role: 'lead', municipalityId: r.municipalityId }
            : undefined;
      return grant ? [{ identityKey: r.identityKey, grant, grantedBy: r.grantedBy, grantedAt: r.grantedAt }] : [];
    });
  }
}
