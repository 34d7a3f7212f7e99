/**
 * The audit trail: who did what accountable thing, when, for which municipality. Callers pass identity keys;
 * the trail stores only pseudonyms, and the one mapping from a pseudonym to a person is what an erasure deletes —
 * the events stay, the person is gone. Never message texts, names or codes (a code's first characters at most).
 */

export const AUDIT_ACTIONS = [
  'role_granted',
  'role_revoked',
  'tenant_registered',
  'tenant_removed',
  'code_issued',
  'code_used',
  'code_revoked',
  'member_removed',
  'round_closed',
  'export_issued',
  'export_downloaded',
  'dashboard_signin',
  'erasure',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Non-personal details: a role, a format, a code's first characters, a round number, a channel kind. */
export type AuditDetail = Readonly<Record<string, string | number | boolean | null>>;

export interface AuditEntry {
  readonly action: AuditAction;
  /** Identity key of who acted; null or omitted when the system acted. */
  readonly actor?: string | null;
  /** Identity key of the person acted upon (a role's holder, a removed member, the erased person). */
  readonly subject?: string | null;
  readonly municipalityId?: string | null;
  readonly detail?: AuditDetail;
}

export interface AuditRecord {
  /** Increasing with time; a string because the column is a 64-bit integer. */
  readonly id: string;
  readonly at: Date;
  readonly action: AuditAction;
  /** Pseudonyms (`P-XXXXXXXX`), never identity keys. */
  readonly actor: string | null;
  readonly subject: string | null;
  readonly municipalityId: string | null;
  readonly detail: AuditDetail;
}

export interface AuditQuery {
  /** Only events of this municipality; all events when omitted. */
  readonly municipalityId?: string;
  /** Newest first; at most this many. */
  readonly limit: number;
  /** Only events older than this id (paging). */
  readonly beforeId?: string;
}

export interface AuditLog {
  /** Appends one event, giving each person named a pseudonym (the same one every time until erased). */
  record(entry: AuditEntry, at?: Date): Promise<void>;
  list(query: AuditQuery): Promise<readonly AuditRecord[]>;
  /** The person's pseudonym, or null when they have none (never recorded, or erased). */
  pseudonymOf(identityKey: string): Promise<string | null>;
  /**
   * Erasure: records an `erasure` event under the person's pseudonym, then deletes the mapping, so the trail
   * keeps every event and no longer says whose they were. Returns the pseudonym, or null when there was none.
   */
  forget(identityKey: string, by?: string | null): Promise<string | null>;
}
