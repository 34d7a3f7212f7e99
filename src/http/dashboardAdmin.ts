/**
 * The dashboard's management API for coordinators: municipalities (add, change, archive, restore) and their
 * registered Microsoft Entra tenants, under /api/dashboard/admin/. Same sign-in as the rest of the dashboard
 * (bearer token), bodies through the bounded jsonBody reader and checked with zod, and the same service as the
 * chat commands. Bad input is a 400 that changes nothing; a denial is one plain 403 before any lookup.
 *
 *   GET    /api/dashboard/admin/municipalities                      list (with tenants) + the states and kinds
 *   POST   /api/dashboard/admin/municipalities                      { name, kind, state, officialKey? }
 *   PATCH  /api/dashboard/admin/municipalities/:id                  { name?, kind?, state?, officialKey? }
 *   POST   /api/dashboard/admin/municipalities/:id/archive | restore
 *   POST   /api/dashboard/admin/municipalities/:id/tenants          { tenantId }
 *   DELETE /api/dashboard/admin/municipalities/:id/tenants/:tenant
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { FEDERAL_STATES } from '../domain/membership/municipalityRules';
import { MUNICIPALITY_KINDS, type Municipality, type MunicipalityKind } from '../domain/model';
import type { VerifiedIdentity } from '../infrastructure/auth/aadTokenVerifier';
import type { MunicipalityAdminResult } from '../services/municipalityAdminResults';
import type { MunicipalityAdminService, MunicipalityRef } from '../services/municipalityAdminService';
import { routeParam, sendError } from './errors';
import { jsonBody } from './jsonBody';

/** The dashboard's sign-in wrapper: verifies the bearer token, then runs the handler (see dashboard.ts). */
export type Authenticated = (
  handler: (req: Request, res: Response, who: VerifiedIdentity) => Promise<void>,
) => (req: Request, res: Response) => Promise<void>;

export interface DashboardAdminDeps {
  readonly service: MunicipalityAdminService;
  readonly authenticated: Authenticated;
  readonly sendJson: (req: Request, res: Response, value: unknown, status?: number) => void;
  readonly logger: Logger;
}

const BASE = '/api/dashboard/admin/municipalities';
const ID = /^[a-z0-9-]{1,64}$/;

const kind = z.enum(MUNICIPALITY_KINDS as [MunicipalityKind, ...MunicipalityKind[]]);
const officialKey = z.string().max(20).nullable();
const CreateBody = z.strictObject({
  name: z.string().max(200),
  kind,
  state: z.string().max(60),
  officialKey: officialKey.optional(),
});
const UpdateBody = z
  .strictObject({
    name: z.string().max(200).optional(),
    kind: kind.optional(),
    state: z.string().max(60).optional(),
    officialKey: officialKey.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'name every field to change' });
const TenantBody = z.strictObject({ tenantId: z.string().max(80) });

function sendDetail(res: Response, status: number, code: string, message: string, detail: object): void {
  res.status(status);
  res.json({ code, message, ...detail });
}

const ref = (m: Municipality) => ({ id: m.id, name: m.name, archived: m.archived });

export function mountDashboardAdmin(server: Server, deps: DashboardAdminDeps): void {
  const json = jsonBody({ maxBytes: 4096 });
  const { authenticated, service } = deps;

  /** One result, one answer: the same mapping for every route. */
  const answer = (req: Request, res: Response, result: MunicipalityAdminResult): void => {
    switch (result.kind) {
      case 'denied':
      case 'help':
      case 'usage':
        return sendError(res, 403, 'Forbidden', 'your role does not allow this');
      case 'unknownMunicipality':
      case 'ambiguousMunicipality':
        return sendError(res, 404, 'NotFound', 'no such municipality');
      case 'invalid':
        return sendDetail(res, 400, 'InvalidMunicipality', 'the municipality data is not valid', {
          problem: result.problem,
        });
      case 'invalidTenantId':
        return sendDetail(res, 400, 'InvalidTenantId', 'a tenant id is a GUID', { problem: result.problem });
      case 'duplicateName':
      case 'duplicateKey':
        return sendDetail(
          res,
          409,
          result.kind === 'duplicateName' ? 'DuplicateName' : 'DuplicateKey',
          'already taken',
          {
            existing: ref(result.existing),
          },
        );
      case 'demoLocked':
        return sendError(res, 409, 'DemoLocked', 'the demo municipality cannot be changed');
      case 'isArchived':
        return sendError(res, 409, 'Archived', 'restore the municipality first');
      case 'conflict':
        return sendError(res, 409, 'Conflict', 'changed at the same moment; nothing was stored');
      case 'list':
        return deps.sendJson(req, res, {
          municipalities: result.municipalities,
          kinds: MUNICIPALITY_KINDS,
          states: FEDERAL_STATES.map((s) => ({ name: s.name, code: s.code })),
        });
      case 'tenants':
        return deps.sendJson(req, res, { tenants: result.tenants });
      case 'tenantRemoved':
        if (!result.removed) return sendError(res, 404, 'NotFound', 'the tenant is not registered for it');
        break;
    }
    // Changes go to the log without who made them: identity keys are personal data (issue #17); the audit
    // trail records who acted, under a pseudonym an erasure can sever.
    const m = result.municipality;
    deps.logger.info({ action: result.kind, municipality: m.id }, 'dashboard: municipality managed');
    const status = result.kind === 'created' ? 201 : 200;
    const extra =
      result.kind === 'tenantRegistered'
        ? { tenantId: result.tenantId, added: result.added, alsoFor: result.alsoFor }
        : result.kind === 'tenantRemoved'
          ? { tenantId: result.tenantId }
          : result.kind === 'archived' || result.kind === 'restored'
            ? { already: result.already }
            : {};
    deps.sendJson(req, res, { result: result.kind, municipality: m, ...extra }, status);
  };

  /** The route's municipality id, or a 404 (nothing is looked up for a malformed one). */
  const target = (req: Request, res: Response): MunicipalityRef | undefined => {
    const id = routeParam(req, 'id');
    if (ID.test(id)) return { id };
    sendError(res, 404, 'NotFound', 'no such municipality');
    return undefined;
  };

  /** The body, or a 400 naming the first problem (the values themselves are not echoed). */
  function body<T>(req: Request, res: Response, schema: z.ZodType<T>): T | undefined {
    const parsed = schema.safeParse(req.body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    sendError(res, 400, 'InvalidBody', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
    return undefined;
  }

  server.get(
    BASE,
    authenticated(async (req, res, who) => answer(req, res, await service.list(who.identityKey))),
  );
  server.post(
    BASE,
    json,
    authenticated(async (req, res, who) => {
      const b = body(req, res, CreateBody);
      if (b === undefined) return;
      const result = await service.create(who.identityKey, { ...b, officialKey: b.officialKey ?? null });
      answer(req, res, result);
    }),
  );
  server.patch(
    `${BASE}/:id`,
    json,
    authenticated(async (req, res, who) => {
      const m = target(req, res);
      const b = m && body(req, res, UpdateBody);
      if (m === undefined || b === undefined) return;
      const change = {
        ...(b.name !== undefined ? { name: b.name } : {}),
        ...(b.kind !== undefined ? { kind: b.kind } : {}),
        ...(b.state !== undefined ? { state: b.state } : {}),
        ...(b.officialKey !== undefined ? { officialKey: b.officialKey } : {}),
      };
      answer(req, res, await service.update(who.identityKey, m, change));
    }),
  );
  for (const action of ['archive', 'restore'] as const)
    server.post(
      `${BASE}/:id/${action}`,
      authenticated(async (req, res, who) => {
        const m = target(req, res);
        if (m === undefined) return;
        answer(req, res, await service.setArchived(who.identityKey, m, action === 'archive'));
      }),
    );
  server.post(
    `${BASE}/:id/tenants`,
    json,
    authenticated(async (req, res, who) => {
      const m = target(req, res);
      const b = m && body(req, res, TenantBody);
      if (m === undefined || b === undefined) return;
      answer(req, res, await service.registerTenant(who.identityKey, m, b.tenantId));
    }),
  );
  server.del(
    `${BASE}/:id/tenants/:tenant`,
    authenticated(async (req, res, who) => {
      const m = target(req, res);
      if (m === undefined) return;
      const tenant = routeParam(req, 'tenant');
      answer(req, res, await service.removeTenant(who.identityKey, m, tenant.slice(0, 80)));
    }),
  );
}
