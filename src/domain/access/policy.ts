/**
 * Who may see and do what, for bot commands, the self-check dialog, exports and the dashboard alike.
 * Pure: callers load the principal's grants, own municipality and role there, then ask `decide`.
 * A denial carries no detail on purpose, so a refused request reveals nothing about the target.
 */
import type { Role } from '../selbstcheck';

/** Roles granted explicitly; every person with a municipality is implicitly a respondent there. */
export type RoleGrant = { readonly role: 'coordinator' } | { readonly role: 'lead'; readonly municipalityId: string };

export interface Principal {
  /** Channel-independent identity: `aad:<tenantId>:<objectId>` in Teams and for tab SSO tokens. */
  readonly identityKey: string;
  /** Grants from the database plus, for bootstrap coordinators, from configuration. */
  readonly grants: readonly RoleGrant[];
  /** The municipality the person is a verified member of (tenant, invitation code, demo), if any. */
  readonly municipalityId: string | null;
  /**
   * The person's function in that municipality, as they chose it when joining the self-check: information
   * for the analysis only. It grants nothing: closing a round and seeing results need the lead role.
   */
  readonly respondentRole: Role | null;
}

export type AccessAction =
  /** The person's own answers and own field summaries. */
  | 'view_own'
  /** A municipality's consolidated results, comparison card and change over rounds. */
  | 'view_results'
  /** Who answered (names/roles of respondents) and stalled respondents of a municipality. */
  | 'view_respondents'
  /** PDF/CSV/JSON exports of a municipality's answers. */
  | 'export'
  /** Mark a municipality's assessment complete (a coordinator's or lead's command). */
  | 'mark_complete'
  /** Close the municipality's round from within the self-check (`abschließen`): its lead (or a coordinator). */
  | 'close_round'
  /** Subscribe a channel to one municipality's summary cards. */
  | 'subscribe'
  /** Anything spanning all municipalities: subscribe to all, overview of all, delivery states. */
  | 'view_all'
  /** Grant or revoke roles. */
  | 'grant_roles';

export type Decision = { readonly allowed: true } | { readonly allowed: false };

const ALLOW: Decision = { allowed: true };
const DENY: Decision = { allowed: false };

export function isCoordinator(p: Principal): boolean {
  return p.grants.some((g) => g.role === 'coordinator');
}

export function leadMunicipalities(p: Principal): readonly string[] {
  return p.grants.flatMap((g) => (g.role === 'lead' ? [g.municipalityId] : []));
}

export function isLeadOf(p: Principal, municipalityId: string): boolean {
  return leadMunicipalities(p).includes(municipalityId);
}

/**
 * @param target the municipality the action concerns; required for every action except the
 *   municipality-independent ones (`view_all`, `grant_roles`), where it is ignored.
 */
export function decide(p: Principal, action: AccessAction, target?: { readonly municipalityId: string }): Decision {
  if (isCoordinator(p)) return ALLOW;
  switch (action) {
    case 'view_all':
    case 'grant_roles':
      return DENY;
    case 'view_own':
      return target === undefined || p.municipalityId === target.municipalityId ? ALLOW : DENY;
    case 'view_results':
    case 'view_respondents':
    case 'export':
    case 'mark_complete':
    case 'close_round':
    case 'subscribe':
      // Granted, never claimed: the function a respondent chose ("Verwaltungsspitze") gives no rights.
      return target !== undefined && isLeadOf(p, target.municipalityId) ? ALLOW : DENY;
  }
}

/** The municipalities whose results the principal may see; `'all'` for coordinators. */
export function visibleMunicipalities(p: Principal): 'all' | readonly string[] {
  return isCoordinator(p) ? 'all' : leadMunicipalities(p);
}
