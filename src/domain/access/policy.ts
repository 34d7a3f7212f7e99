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
  /** The municipality the person answers for as a respondent, if any. */
  readonly municipalityId: string | null;
  /** The person's function in that municipality, as they chose it when joining the self-check. */
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
  /** Close the round of one's own municipality from within the self-check. */
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

/** Respondent roles that coordinate the self-check in their municipality and so may close its round. */
export const ROLES_THAT_CLOSE_ROUNDS: readonly Role[] = ['mayor', 'department_head', 'integration_officer'];

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
  // Decided before the coordinator shortcut: closing a round is the municipality's own step, taken by the
  // respondent who coordinates the self-check there; a coordinator's or lead's grant does not allow it.
  if (action === 'close_round') return mayCloseRound(p, target) ? ALLOW : DENY;
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
    case 'subscribe':
      return target !== undefined && isLeadOf(p, target.municipalityId) ? ALLOW : DENY;
  }
}

function mayCloseRound(p: Principal, target: { readonly municipalityId: string } | undefined): boolean {
  return (
    target !== undefined &&
    p.municipalityId === target.municipalityId &&
    p.respondentRole !== null &&
    ROLES_THAT_CLOSE_ROUNDS.includes(p.respondentRole)
  );
}

/** The municipalities whose results the principal may see; `'all'` for coordinators. */
export function visibleMunicipalities(p: Principal): 'all' | readonly string[] {
  return isCoordinator(p) ? 'all' : leadMunicipalities(p);
}
