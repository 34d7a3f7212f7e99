/**
 * Resolves who is asking (bot commands, exports, dashboard) into a Principal for the access policy.
 * Bootstrap coordinators come from configuration so a fresh installation has someone who can grant roles.
 * Tenants are allowed when configured (COORDINATOR_TENANT_IDS) or registered by coordinators for a
 * municipality that is not archived.
 */
import { decide, parseAadIdentityKey, type AccessAction, type Decision, type Principal } from '../domain/access';
import { looksLikeTenantId } from '../domain/membership/municipalityRules';
import type { AccessRepository, RespondentRepository, TenantRegistry } from '../domain/ports';

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
  /** Tenants registered for municipalities; without it only the configured tenants are allowed. */
  readonly tenants?: Pick<TenantRegistry, 'municipalitiesOfTenant'>;
  /** Milliseconds since some epoch, for the registered-tenant cache (tests pass their own). */
  readonly now?: () => number;
}

/**
 * How long a registered-tenant answer is reused. The check runs for every dashboard request and coordinator
 * command; this instance forgets its answers at once when its coordinators change registrations, other
 * instances see a change within this time.
 */
export const TENANT_CACHE_MS = 30_000;
/** Bounds the cache; it starts over when full (only real, signed-in tenants reach it). */
const TENANT_CACHE_SIZE = 1000;

export class AccessService {
  private readonly objectIds: ReadonlySet<string>;
  private readonly tenantIds: ReadonlySet<string>;
  private readonly registered = new Map<string, { readonly allowed: boolean; readonly until: number }>();

  constructor(private readonly deps: AccessServiceDeps) {
    this.objectIds = new Set(deps.bootstrap.objectIds.map((id) => id.toLowerCase()));
    this.tenantIds = new Set(deps.bootstrap.tenantIds.map((id) => id.toLowerCase()));
  }

  /** The configured allow-list; it only applies when one is configured. */
  isConfiguredTenant(tenantId: string): boolean {
    return this.tenantIds.size === 0 || this.tenantIds.has(tenantId.toLowerCase());
  }

  /** Configured, or registered for a municipality that is not archived (and not the demo). */
  async isAllowedTenant(tenantId: string): Promise<boolean> {
    if (this.isConfiguredTenant(tenantId)) return true;
    const registry = this.deps.tenants;
    const id = tenantId.toLowerCase();
    if (registry === undefined || !looksLikeTenantId(id)) return false;
    const now = (this.deps.now ?? Date.now)();
    const cached = this.registered.get(id);
    if (cached !== undefined && cached.until > now) return cached.allowed;
    const allowed = (await registry.municipalitiesOfTenant(id)).length > 0;
    if (this.registered.size >= TENANT_CACHE_SIZE) this.registered.clear();
    this.registered.set(id, { allowed, until: now + TENANT_CACHE_MS });
    return allowed;
  }

  /** Called after registrations or archiving changed, so this instance applies them at once. */
  forgetRegisteredTenants(): void {
    this.registered.clear();
  }

  /** Bootstrap coordinators come from configuration, so only the configured tenants count for them. */
  isBootstrapCoordinator(identityKey: string): boolean {
    const aad = parseAadIdentityKey(identityKey.toLowerCase());
    return aad !== undefined && this.objectIds.has(aad.objectId) && this.isConfiguredTenant(aad.tenantId);
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
