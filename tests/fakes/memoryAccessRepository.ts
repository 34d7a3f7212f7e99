import type { RoleGrant } from '../../src/domain/access';
import type { AccessRepository } from '../../src/domain/ports';

const same = (a: RoleGrant, b: RoleGrant) =>
  a.role === b.role && (a.role === 'coordinator' || (b.role === 'lead' && a.municipalityId === b.municipalityId));

/** In-memory role grants for tests (the database's is PrismaAccessRepository). */
export class MemoryAccessRepository implements AccessRepository {
  readonly rows = new Map<string, RoleGrant[]>();

  grantsOf(identityKey: string): Promise<readonly RoleGrant[]> {
    return Promise.resolve(this.rows.get(identityKey) ?? []);
  }
  grant(identityKey: string, grant: RoleGrant, _grantedBy?: string): Promise<void> {
    const list = this.rows.get(identityKey) ?? [];
    if (!list.some((g) => same(g, grant))) this.rows.set(identityKey, [...list, grant]);
    return Promise.resolve();
  }
  revoke(identityKey: string, grant: RoleGrant): Promise<boolean> {
    const list = this.rows.get(identityKey) ?? [];
    const next = list.filter((g) => !same(g, grant));
    this.rows.set(identityKey, next);
    return Promise.resolve(next.length !== list.length);
  }
}
