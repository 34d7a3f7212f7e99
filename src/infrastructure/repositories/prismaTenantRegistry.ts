import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import type { TenantRegistration, TenantRegistry } from '../../domain/ports/membership';

/** Tenant ids are GUIDs; stored lower-cased so every client's spelling finds them. */
export class PrismaTenantRegistry implements TenantRegistry {
  constructor(private readonly prisma: PrismaClient) {}

  async register(municipalityId: string, tenantId: string, createdBy: string): Promise<boolean> {
    try {
      await this.prisma.municipalityTenant.create({
        data: { municipalityId, tenantId: tenantId.toLowerCase(), createdBy },
      });
      return true;
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return false;
      throw err;
    }
  }

  async remove(municipalityId: string, tenantId: string): Promise<boolean> {
    const { count } = await this.prisma.municipalityTenant.deleteMany({
      where: { municipalityId, tenantId: tenantId.toLowerCase() },
    });
    return count > 0;
  }

  async list(municipalityId?: string): Promise<readonly TenantRegistration[]> {
    const rows = await this.prisma.municipalityTenant.findMany({
      where: municipalityId === undefined ? {} : { municipalityId },
      orderBy: [{ municipalityId: 'asc' }, { createdAt: 'asc' }],
    });
    return rows.map(({ municipalityId: m, tenantId, createdAt }) => ({ municipalityId: m, tenantId, createdAt }));
  }

  async municipalitiesOfTenant(tenantId: string): Promise<readonly string[]> {
    const rows = await this.prisma.municipalityTenant.findMany({
      where: { tenantId: tenantId.toLowerCase(), municipality: { archivedAt: null, demo: false } },
      orderBy: { municipalityId: 'asc' },
      select: { municipalityId: true },
    });
    return rows.map((r) => r.municipalityId);
  }
}
