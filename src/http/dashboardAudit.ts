/**
 * The audit trail in the dashboard, and the dashboard's sign-ins as entries of it.
 *
 *   GET /api/dashboard/audit[?municipality=<id>][&before=<entry id>]   coordinators only (403 for anyone else)
 *
 * Fifty entries a page, newest first; `before` pages to older ones. Both parameters are checked before any work
 * (an id of the municipality shape, an entry id of at most 18 digits, each at most once, nothing else): anything
 * else is a 400 that looks nothing up.
 *
 * A sign-in is recorded when the page asks who is signed in (`/api/dashboard/me`, the first request of every
 * page load), once per token: the page asks again on every view, and a token is what a sign-in produces (the
 * local stand-in's form, or Teams handing the tab a fresh SSO token). Which tokens were seen is kept in memory,
 * per instance, hashed; another instance may record the same sign-in once more.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { AuditLog } from '../domain/ports/audit';
import type { VerifiedIdentity } from '../infrastructure/auth/aadTokenVerifier';
import type { AuditService, AuditTrailResult } from '../services/auditService';
import type { Authenticated } from './dashboardAdmin';
import { sendError } from './errors';

export const AUDIT_PAGE_SIZE = 50;
const MUNICIPALITY_ID = /^[a-z0-9-]{1,64}$/;
const ENTRY_ID = /^[0-9]{1,18}$/;
const MAX_QUERY = 200;

export interface DashboardAuditDeps {
  readonly service: Pick<AuditService, 'trail'>;
  readonly authenticated: Authenticated;
  readonly sendJson: (req: Request, res: Response, value: unknown, status?: number) => void;
}

type AuditQuery = { readonly municipalityId?: string; readonly beforeId?: string };

/** The query, or a problem to answer with 400. */
export function readAuditQuery(raw: string): AuditQuery | { readonly problem: string } {
  if (raw.length > MAX_QUERY) return { problem: 'the query is too long' };
  const params = new URLSearchParams(raw);
  const out: { municipalityId?: string; beforeId?: string } = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length !== 1) return { problem: `${key.slice(0, 20)} may be given once` };
    const value = values[0] ?? '';
    if (key === 'municipality') {
      if (!MUNICIPALITY_ID.test(value)) return { problem: 'municipality must be a municipality id' };
      out.municipalityId = value;
    } else if (key === 'before') {
      if (!ENTRY_ID.test(value)) return { problem: 'before must be an entry id' };
      out.beforeId = value;
    } else return { problem: 'unknown query parameter' };
  }
  return out;
}

function body(result: Extract<AuditTrailResult, { kind: 'trail' }>) {
  return {
    municipality: result.municipality,
    entries: result.entries.map((e) => ({ ...e, at: e.at.toISOString() })),
    more: result.more,
    municipalities: result.municipalities,
  };
}

export function mountDashboardAudit(server: Server, deps: DashboardAuditDeps): void {
  server.get(
    '/api/dashboard/audit',
    deps.authenticated(async (req, res, who) => {
      const query = readAuditQuery(req.getQuery() ?? '');
      if ('problem' in query) return sendError(res, 400, 'InvalidQuery', query.problem);
      const result = await deps.service.trail(who.identityKey, {
        ...(query.municipalityId !== undefined ? { municipality: { id: query.municipalityId } } : {}),
        ...(query.beforeId !== undefined ? { beforeId: query.beforeId } : {}),
        limit: AUDIT_PAGE_SIZE,
      });
      if (result.kind === 'trail') return deps.sendJson(req, res, body(result));
      // A filter by id never asks for a name; anything but the trail is the one plain refusal.
      sendError(res, 403, 'Forbidden', 'your role does not allow this view');
    }),
  );
}

/** How long a seen token is remembered: the longest token life (the local stand-in's 8 hours). */
const REMEMBER_MS = 8 * 3600_000;
/** Bounds the memory; expired entries are dropped first, then everything when still full. */
const MAX_REMEMBERED = 10_000;

export class SignInRecorder {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly audit: Pick<AuditLog, 'record'>,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records the sign-in behind this token the first time it is seen (`via`: how the token was issued). A trail
   * that cannot be written does not keep the person out (every request is checked against the roles anyway);
   * the failure is logged and the next load tries again.
   */
  async signedIn(token: string, who: VerifiedIdentity, via: 'teams_sso' | 'local'): Promise<void> {
    const key = createHash('sha256').update(token).digest('base64url');
    const now = this.now();
    if ((this.seen.get(key) ?? 0) > now) return;
    if (this.seen.size >= MAX_REMEMBERED) {
      for (const [k, until] of this.seen) if (until <= now) this.seen.delete(k);
      if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
    }
    // Marked before the write, so the page's parallel first requests record one sign-in.
    this.seen.set(key, now + REMEMBER_MS);
    try {
      await this.audit.record({ action: 'dashboard_signin', actor: who.identityKey, detail: { via } });
    } catch (err) {
      this.seen.delete(key);
      const name = err instanceof Error ? err.name : typeof err;
      this.logger.warn({ action: 'dashboard_signin', error: name }, 'audit: sign-in could not be recorded');
    }
  }
}
