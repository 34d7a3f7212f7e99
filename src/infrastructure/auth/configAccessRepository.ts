import type { RoleGrant } from '../../domain/access';
import type { AccessRepository } from '../../domain/ports';

/**
 * Stand-in until role grants are stored (issue #5): no stored grants, so only the bootstrap coordinators
 * from configuration (COORDINATOR_OBJECT_IDS) have a role. Granting needs the database-backed repository.
 */
export class ConfigOnlyAccessRepository implements AccessRepository {
  async grantsOf(): Promise<readonly RoleGrant[]> {
    return [];
  }
  async grant(): Promise<void> {
    throw new Error('role grants need the database-backed access repository');
  }
  async revoke(): Promise<boolean> {
    return false;
  }
}
