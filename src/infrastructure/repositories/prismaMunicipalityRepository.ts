import { Prisma, type PrismaClient, type Municipality as MunicipalityRow } from '../../generated/prisma/client';
import type { Municipality } from '../../domain/model';
import type {
  MunicipalityAdmin,
  MunicipalityPatch,
  MunicipalityWrite,
  NewMunicipality,
} from '../../domain/ports/membership';
import type { MunicipalityRepository } from '../../domain/ports/selfCheck';

export function toMunicipality(row: MunicipalityRow): Municipality {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    state: row.state,
    officialKey: row.officialKey,
    archived: row.archivedAt !== null,
    demo: row.demo,
  };
}

const isUniqueViolation = (err: unknown): boolean =>
  err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
const isNotFound = (err: unknown): boolean =>
  err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2025';

export class PrismaMunicipalityRepository implements MunicipalityRepository, MunicipalityAdmin {
  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<readonly Municipality[]> {
    const rows = await this.prisma.municipality.findMany({ where: { archivedAt: null }, orderBy: { name: 'asc' } });
    return rows.map(toMunicipality);
  }

  async find(id: string): Promise<Municipality | undefined> {
    const row = await this.prisma.municipality.findUnique({ where: { id } });
    return row === null ? undefined : toMunicipality(row);
  }

  async listAll(): Promise<readonly Municipality[]> {
    return (await this.prisma.municipality.findMany({ orderBy: { name: 'asc' } })).map(toMunicipality);
  }

  async create(input: NewMunicipality): Promise<MunicipalityWrite> {
    try {
      return toMunicipality(await this.prisma.municipality.create({ data: { ...input } }));
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      throw err;
    }
  }

  async update(id: string, patch: MunicipalityPatch): Promise<MunicipalityWrite> {
    return this.write(() => this.prisma.municipality.update({ where: { id }, data: { ...patch } }));
  }

  async setArchived(id: string, at: Date | null): Promise<MunicipalityWrite> {
    return this.write(() => this.prisma.municipality.update({ where: { id }, data: { archivedAt: at } }));
  }

  private async write(run: () => Promise<MunicipalityRow>): Promise<MunicipalityWrite> {
    try {
      return toMunicipality(await run());
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      if (isNotFound(err)) return 'unknown';
      throw err;
    }
  }
}
