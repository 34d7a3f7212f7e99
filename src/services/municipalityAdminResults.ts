/**
 * What MunicipalityAdminService answers, as data: the bot words it (src/bot/replies/municipalityReplies.ts),
 * the dashboard's API maps it to status codes and JSON (src/http/dashboardAdmin.ts).
 */
import type { MunicipalityUsage } from '../domain/conversation/municipalityCommands';
import type { MunicipalityProblem } from '../domain/membership/municipalityRules';
import type { Municipality } from '../domain/model';

/** A municipality with the tenants registered for it (lower-case GUIDs). */
export interface MunicipalityListing extends Municipality {
  readonly tenants: readonly string[];
}

export interface TenantListing {
  readonly municipality: Municipality;
  readonly tenantId: string;
  readonly createdAt: Date;
}

export type MunicipalityAdminResult =
  | { readonly kind: 'help' }
  | { readonly kind: 'usage'; readonly topic: MunicipalityUsage }
  /** Not a coordinator (or outside the allowed tenants): one plain answer, nothing about the target. */
  | { readonly kind: 'denied' }
  | { readonly kind: 'list'; readonly municipalities: readonly MunicipalityListing[] }
  | { readonly kind: 'unknownMunicipality'; readonly name: string; readonly candidates: readonly string[] }
  | { readonly kind: 'ambiguousMunicipality'; readonly name: string; readonly candidates: readonly string[] }
  | { readonly kind: 'invalid'; readonly problem: MunicipalityProblem }
  /** Another municipality of the same state already has this name (it may be archived). */
  | { readonly kind: 'duplicateName'; readonly existing: Municipality }
  | { readonly kind: 'duplicateKey'; readonly existing: Municipality }
  /** The demo municipality stays as it is: not renamed, archived or given tenants. */
  | { readonly kind: 'demoLocked'; readonly municipality: Municipality }
  /** A change asked of an archived municipality: it has to be restored first. */
  | { readonly kind: 'isArchived'; readonly municipality: Municipality }
  | { readonly kind: 'created'; readonly municipality: Municipality }
  | { readonly kind: 'updated'; readonly municipality: Municipality; readonly before: Municipality }
  | { readonly kind: 'unchanged'; readonly municipality: Municipality }
  | { readonly kind: 'archived'; readonly municipality: Municipality; readonly already: boolean }
  | { readonly kind: 'restored'; readonly municipality: Municipality; readonly already: boolean }
  | { readonly kind: 'invalidTenantId'; readonly problem: 'format' | 'consumer' }
  | {
      readonly kind: 'tenantRegistered';
      readonly municipality: Municipality;
      readonly tenantId: string;
      /** False when it was registered already. */
      readonly added: boolean;
      /** Other municipalities the tenant is registered for. */
      readonly alsoFor: readonly string[];
    }
  | {
      readonly kind: 'tenantRemoved';
      readonly municipality: Municipality;
      readonly tenantId: string;
      readonly removed: boolean;
    }
  | { readonly kind: 'tenants'; readonly municipality: Municipality | null; readonly tenants: readonly TenantListing[] }
  /** Someone else changed the same municipality at the same moment; nothing was stored. */
  | { readonly kind: 'conflict' };
