import type { PrismaClient } from '../../generated/prisma/client';
import type { Municipality } from '../../domain/model';
import type { MunicipalityRepository } from '../../domain/ports/selfCheck';

export class PrismaMunicipalityRepository implements MunicipalityRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<readonly Municipality[]> {
    const rows = await this.prisma.municipality.findMany({ orderBy: { name: 'asc' } });
    return rows.map(({ id, name, kind, state }) => ({ id, name, kind, state }));
  }

  async find(id: string): Promise<Municipality | undefined> {
    const row = await this.prisma.municipality.findUnique({ where: { id } });
    return row === null ? undefined : { id: row.id, name: row.name, kind: row.kind, state: row.state };
  }
}
