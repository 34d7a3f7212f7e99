/**
 * Resolves who is asking (bot commands, exports, dashboard) into a Principal for the access policy.
 * Bootstrap coordinators come from configuration so a fresh installation has someone who can grant roles.
 */
import { decide, parseAadIdentityKey, type AccessAction, type Decision, type Principal } from '../domain/access';
import type { AccessRepository, RespondentRepository } from '../domain/ports';

export interface BootstrapCoordinators {
  /** AAD object ids of the first coordinators. */
  readonly objectIds: readonly string[];
  /** Tenants whose users may use coordinator features at all; empty = the bootstrap coordinators' own. */
  readonly tenantIds: readonly string[];
}

export interface AccessServiceDeps {
  readonly access: AccessRepository;
  readonly respondents: Pick<RespondentRepository, 'findByIdentity'>;
  readonly bootstrap: BootstrapCoordinators;
}

export class AccessService {
  private readonly objectIds: ReadonlySet<string>;
  private readonly tenantIds: ReadonlySet<string>;

  constructor(private readonly deps: AccessServiceDeps) {
    this.objectIds = new Set(deps.bootstrap.objectIds.map((id) => id.toLowerCase()));
    this.tenantIds = new Set(deps.bootstrap.tenantIds.map((id) => id.toLowerCase()));
  }

  /** A tenant allow-list only applies when one is configured. */
  isAllowedTenant(tenantId: string): boolean {
    return this.tenantIds.size === 0 || this.tenantIds.has(tenantId.toLowerCase());
  }

  isBootstrapCoordinator(identityKey: string): boolean {
    const aad = parseAadIdentityKey(identityKey.toLowerCase());
    return aad !== undefined && this.objectIds.has(aad.objectId) && this.isAllowedTenant(aad.tenantId);
  }

  async principalOf(identityKey: string): Promise<Principal> {
    const [grants, respondent] = await Promise.all([
      this.deps.access.grantsOf(identityKey),
      this.deps.respondents.findByIdentity(identityKey),
    ]);
    const bootstrap = this.isBootstrapCoordinator(identityKey) && !grants.some((g) => g.role === 'coordinator');
    return {
      identityKey,
      grants: bootstrap ? [{ role: 'coordinator' }, ...grants] : grants,
      municipalityId: respondent?.municipalityId ?? null,
      respondentRole: respondent?.role ?? null,
    };
  }

  async check(
    identityKey: string,
    action: AccessAction,
    target?: { municipalityId: string },
  ): Promise<Decision & { principal: Principal }> {
    const principal = await this.principalOf(identityKey);
    return { ...decide(principal, action, target), principal };
  }
}
