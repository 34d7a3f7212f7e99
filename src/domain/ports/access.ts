/**
 * Stored role grants. The decisions themselves are made by the access policy (src/domain/access); this
 * port only loads and changes the grants it reads.
 */
import type { RoleGrant } from '../access';

/** Explicit role grants (coordinator, municipal lead); bootstrap coordinators come from configuration. */
export interface AccessRepository {
  grantsOf(identityKey: string): Promise<readonly RoleGrant[]>;
  /** Idempotent: granting an existing grant again changes nothing. */
  grant(identityKey: string, grant: RoleGrant, grantedBy: string): Promise<void>;
  /** True when a grant was removed. */
  revoke(identityKey: string, grant: RoleGrant): Promise<boolean>;
}

export interface RoleGrantEntry {
  readonly identityKey: string;
  readonly grant: RoleGrant;
  readonly grantedBy: string;
  readonly grantedAt: Date;
}

/** Every stored grant, for the coordinators' overview. */
export interface RoleGrantListing {
  list(): Promise<readonly RoleGrantEntry[]>;
}
