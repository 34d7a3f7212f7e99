/**
 * Reading the audit trail: coordinators only (a granted coordinator role from a tenant the coordinator features
 * are open to, never a claim), in chat (`protokoll [<Kommune>]`) and in the dashboard. The trail names people only
 * by pseudonym; this service adds the municipalities' names (an id no longer known stays an id: the trail
 * outlives municipalities). Results are data; the bot and the dashboard word them.
 *
 * Recording lives with the actions themselves (coordinatorService, invitationService, municipalityAdminService,
 * resumeCodeService, the dashboard's sign-in); `recordQuietly` is for the sites whose person must not be stopped
 * by a trail that cannot be written.
 */
import { isCoordinator, parseAadIdentityKey } from '../domain/access';
import { matchMunicipality } from '../domain/conversation/coordinatorCommands';
import type { AuditAction, AuditDetail, AuditEntry, AuditLog } from '../domain/ports/audit';
import type { MunicipalityAdmin } from '../domain/ports/membership';
import type { AccessService } from './accessService';

export interface AuditServiceDeps {
  readonly access: Pick<AccessService, 'principalOf' | 'isAllowedTenant'>;
  readonly audit: Pick<AuditLog, 'list'>;
  readonly municipalities: Pick<MunicipalityAdmin, 'listAll'>;
}

export interface MunicipalityName {
  readonly id: string;
  readonly name: string;
}

export interface AuditTrailEntry {
  readonly id: string;
  readonly at: Date;
  readonly action: AuditAction;
  /** Pseudonyms (`P-…`); null when the system acted or nobody was acted upon. */
  readonly actor: string | null;
  readonly subject: string | null;
  /** The municipality's current name; its id when it is not known (any more). */
  readonly municipality: MunicipalityName | null;
  readonly detail: AuditDetail;
}

export type AuditTrailResult =
  /** Not a coordinator: one plain answer (the chat lets the message go on to the FAQ). */
  | { readonly kind: 'denied' }
  | { readonly kind: 'unknownMunicipality'; readonly name: string; readonly candidates: readonly string[] }
  | { readonly kind: 'ambiguousMunicipality'; readonly name: string; readonly candidates: readonly string[] }
  | {
      readonly kind: 'trail';
      /** The filter; null for all municipalities. */
      readonly municipality: MunicipalityName | null;
      /** Newest first. */
      readonly entries: readonly AuditTrailEntry[];
      /** Whether older entries exist (page on with the last entry's id). */
      readonly more: boolean;
      /** Every municipality, archived ones included (the dashboard's filter). */
      readonly municipalities: readonly MunicipalityName[];
    };

export interface AuditTrailQuery {
  /** A name as typed in chat (matched forgivingly), or an id from the dashboard (kept even when unknown). */
  readonly municipality?: { readonly id: string } | { readonly name: string };
  /** Only entries older than this id. */
  readonly beforeId?: string;
  /** Entries per page (1–100). */
  readonly limit: number;
}

/** Names offered when a name is not found: enough to spot a typo. */
const MAX_CANDIDATES = 25;
export const MAX_AUDIT_PAGE = 100;

export class AuditService {
  constructor(private readonly deps: AuditServiceDeps) {}

  /** Coordinators of an allowed tenant; Teams and tab identities only (`aad:<tenant>:<object id>`). */
  async mayRead(identityKey: string): Promise<boolean> {
    const aad = parseAadIdentityKey(identityKey.toLowerCase());
    if (aad === undefined || !(await this.deps.access.isAllowedTenant(aad.tenantId))) return false;
    return isCoordinator(await this.deps.access.principalOf(identityKey));
  }

  async trail(identityKey: string, query: AuditTrailQuery): Promise<AuditTrailResult> {
    if (!(await this.mayRead(identityKey))) return { kind: 'denied' };
    const all = await this.deps.municipalities.listAll();
    const names = new Map(all.map((m) => [m.id, m.name]));
    const named = (id: string): MunicipalityName => ({ id, name: names.get(id) ?? id });
    let filter: MunicipalityName | null = null;
    const ref = query.municipality;
    if (ref !== undefined && 'id' in ref) filter = named(ref.id);
    else if (ref !== undefined) {
      const match = matchMunicipality(ref.name, all);
      if (match.kind === 'ambiguous')
        return {
          kind: 'ambiguousMunicipality',
          name: ref.name,
          candidates: match.candidates.slice(0, MAX_CANDIDATES).map((m) => m.name),
        };
      if (match.kind === 'none')
        return {
          kind: 'unknownMunicipality',
          name: ref.name,
          candidates: all
            .filter((m) => !m.archived)
            .slice(0, MAX_CANDIDATES)
            .map((m) => m.name),
        };
      filter = { id: match.municipality.id, name: match.municipality.name };
    }
    const limit = Math.max(1, Math.min(MAX_AUDIT_PAGE, Math.floor(query.limit)));
    // One more than asked tells whether older entries exist.
    const rows = await this.deps.audit.list({
      limit: limit + 1,
      ...(filter !== null ? { municipalityId: filter.id } : {}),
      ...(query.beforeId !== undefined ? { beforeId: query.beforeId } : {}),
    });
    return {
      kind: 'trail',
      municipality: filter,
      entries: rows.slice(0, limit).map((r) => ({
        id: r.id,
        at: r.at,
        action: r.action,
        actor: r.actor,
        subject: r.subject,
        municipality: r.municipalityId === null ? null : named(r.municipalityId),
        detail: r.detail,
      })),
      more: rows.length > limit,
      municipalities: all.map((m) => ({ id: m.id, name: m.name })),
    };
  }
}

/** Where a quiet record's failure is reported (the composition root passes the logger). */
export interface AuditFailureLog {
  warn(obj: object, msg: string): void;
}

/**
 * Records an event without letting a failure reach the person acting: for uses (a code redeemed at consent, a
 * resume code, a sign-in) whose turn must not fail because the trail could not be written. The failure is
 * logged with the action and the error's kind only (no identities).
 */
export async function recordQuietly(
  audit: Pick<AuditLog, 'record'>,
  entry: AuditEntry,
  log: AuditFailureLog | undefined,
): Promise<void> {
  try {
    await audit.record(entry);
  } catch (err) {
    // Name and code only: a database error's message may quote the values of the statement.
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
    log?.warn(
      { action: entry.action, error: err instanceof Error ? err.name : typeof err, code },
      'audit: event could not be recorded',
    );
  }
}
