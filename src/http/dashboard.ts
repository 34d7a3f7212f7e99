/**
 * Coordinators' dashboard: static pages under /dashboard/ (Teams personal tab, channel tab
 * configuration and content) and a JSON API under /api/dashboard/ that answers only with a valid sign-in
 * token (Teams SSO, or the local stand-in in development and tests) and applies the shared role policy.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Logger } from 'pino';
import restify, { type Request, type Response } from 'restify';
import { sendStaticAsset, staticAsset, type StaticAsset } from './staticAsset';
import {
  ANSWER_LABELS,
  FIELD_IDS,
  FIELD_NAMES,
  LEVEL_LABELS,
  LEVELS,
  ROLES,
  ROLE_LABELS,
  TRAFFIC_LIGHT_LABELS,
} from '../domain/selbstcheck';
import { TokenError, type TokenVerifier, type VerifiedIdentity } from '../infrastructure/auth/aadTokenVerifier';
import { chooseVerifier, type LocalSignIn } from '../infrastructure/auth/localSignIn';
import type { AuditLog } from '../domain/ports/audit';
import type { AuditService } from '../services/auditService';
import { mountDashboardAudit, SignInRecorder } from './dashboardAudit';
import { projectRoot } from '../infrastructure/projectRoot';
import type { DashboardService } from '../services/dashboardService';
import type { MunicipalityAdminService } from '../services/municipalityAdminService';
import { mountDashboardAdmin, type Authenticated } from './dashboardAdmin';
import { routeParam, sendError } from './errors';
import { jsonBody } from './jsonBody';
import type { Lifecycle } from './server';

export interface DashboardDeps {
  readonly service: DashboardService;
  readonly logger: Logger;
  /** Teams SSO token check; undefined when no tab app (client id) is configured. */
  readonly sso: TokenVerifier | undefined;
  /** Client id the page asks Teams for (shown to the page only to explain missing SSO). */
  readonly ssoClientId?: string;
  /** The local sign-in stand-in; only in development and tests (config.ts refuses it elsewhere). */
  readonly localSignIn: LocalSignIn | undefined;
  readonly lifecycle?: Lifecycle;
  /** Municipality and tenant management for coordinators (routes in dashboardAdmin.ts). */
  readonly admin?: MunicipalityAdminService;
  /** The audit trail: coordinators read it (dashboardAudit.ts); sign-ins are recorded in it. */
  readonly audit?: { readonly trail: Pick<AuditService, 'trail'>; readonly log: Pick<AuditLog, 'record'> };
}

const GZIP = { gzip: true };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** Teams (web, desktop, Outlook and microsoft365.com hosts) frames the tab; nobody else may. */
const FRAME_ANCESTORS =
  "'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.office.com https://*.office365.com https://*.microsoft365.com https://*.cloud.microsoft https://*.skype.com";
// The Teams SDK (loaded only inside Teams) fetches its list of valid host origins from res.cdn.office.net.
const PAGE_HEADERS = {
  'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://res.cdn.office.net; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors ${FRAME_ANCESTORS}`,
  'referrer-policy': 'no-referrer',
};

/** JSON answers are private to the signed-in person and compressed when large. */
function sendJson(req: Request, res: Response, value: unknown, status = 200): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'private, no-store',
    vary: 'accept-encoding, authorization',
    'x-content-type-options': 'nosniff',
  };
  if (body.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')))
    res.sendRaw(status, gzipSync(body), { ...headers, 'content-encoding': 'gzip' });
  else res.sendRaw(status, body, headers);
}

export function mountDashboard(server: restify.Server, deps: DashboardDeps): { teamsJsPath: string } {
  const root = projectRoot();
  const dir = path.join(root, 'src', 'http', 'public', 'dashboard');
  const teamsDir = path.join(root, 'node_modules', '@microsoft', 'teams-js');
  const teamsVersion = (JSON.parse(readFileSync(path.join(teamsDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const teamsJsPath = `/dashboard/vendor/teams-js-${teamsVersion}.min.js`;
  const teamsJs = staticAsset(
    readFileSync(path.join(teamsDir, 'dist', 'umd', 'MicrosoftTeams.min.js')),
    TYPES['.js'] ?? '',
    'public, max-age=31536000, immutable',
    GZIP,
  );

  // Our own small files change with releases: revalidate each time (cheap with the ETag).
  const files = new Map<string, StaticAsset>();
  for (const name of [
    'index.html',
    'config.html',
    'app.js',
    'config.js',
    'common.js',
    'charts.js',
    'widgets.js',
    'municipality.js',
    'admin.js',
    'audit.js',
    'style.css',
    'i18n.json',
  ]) {
    const raw = readFileSync(path.join(dir, name));
    const body = name.endsWith('.html')
      ? Buffer.from(raw.toString('utf8').replaceAll('{{TEAMS_JS}}', teamsJsPath), 'utf8')
      : raw;
    files.set(name, staticAsset(body, TYPES[path.extname(name)] ?? 'application/octet-stream', 'no-cache', GZIP));
  }
  const page = (name: string) => async (req: Request, res: Response) => {
    const file = files.get(name);
    if (file) sendStaticAsset(req, res, file, PAGE_HEADERS);
  };

  server.get('/dashboard', async (req: Request, res: Response) => {
    const query = req.getQuery();
    res.header('location', `/dashboard/${query ? `?${query}` : ''}`);
    res.send(301);
  });
  server.get('/dashboard/', page('index.html'));
  server.get('/dashboard/vendor/:file', async (req: Request, res: Response) => {
    if (req.path() !== teamsJsPath) return sendError(res, 404, 'NotFound', 'no such file');
    sendStaticAsset(req, res, teamsJs);
  });
  server.get('/dashboard/:file', async (req: Request, res: Response) => {
    const name = routeParam(req, 'file');
    const file = files.get(name);
    if (!file) return sendError(res, 404, 'NotFound', 'no such file');
    sendStaticAsset(req, res, file, name.endsWith('.html') ? PAGE_HEADERS : {});
  });

  // Labels of the questionnaire's scales: public texts, the same for everyone.
  const labels = staticAsset(
    Buffer.from(
      JSON.stringify({
        fields: Object.fromEntries(FIELD_IDS.map((f) => [f, FIELD_NAMES[f]])),
        levels: Object.fromEntries(LEVELS.map((l) => [l, LEVEL_LABELS[l]])),
        trafficLights: TRAFFIC_LIGHT_LABELS,
        roles: Object.fromEntries(ROLES.map((r) => [r, ROLE_LABELS[r]])),
        answers: ANSWER_LABELS,
      }),
    ),
    TYPES['.json'] ?? '',
    'no-cache',
    GZIP,
  );
  server.get('/api/dashboard/labels', async (req: Request, res: Response) => sendStaticAsset(req, res, labels));

  // Only which sign-in exists: no identity keys (a coordinator's key is what a forged sign-in would need).
  server.get('/api/dashboard/auth-config', async (req: Request, res: Response) =>
    sendJson(req, res, { sso: deps.sso !== undefined, localSignIn: deps.localSignIn !== undefined }),
  );

  const json = jsonBody({ maxBytes: 4096 });
  server.post('/api/dashboard/local-signin', json, async (req: Request, res: Response) => {
    if (deps.localSignIn === undefined) return sendError(res, 404, 'NotFound', 'local sign-in is not enabled');
    const key = (req.body as { identityKey?: unknown } | undefined)?.identityKey;
    const issued = typeof key === 'string' ? deps.localSignIn.issue(key) : undefined;
    if (issued === undefined)
      return sendError(res, 400, 'InvalidIdentity', 'identityKey must look like aad:<tenant id>:<object id>');
    deps.logger.info('dashboard: local sign-in (not for production)');
    sendJson(req, res, issued);
  });

  const signIns = deps.audit && new SignInRecorder(deps.audit.log, deps.logger);
  /** The request's bearer token (already verified when a handler runs). */
  const bearer = (req: Request) => /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];

  /** Verifies the bearer token, then runs the handler while counting it as in flight for graceful shutdown. */
  const authenticated: Authenticated =
    (handler: (req: Request, res: Response, who: VerifiedIdentity) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      if (deps.lifecycle?.draining())
        return sendError(res, 503, 'ShuttingDown', 'the service is shutting down; retry shortly');
      const token = bearer(req);
      const verifier = token === undefined ? undefined : chooseVerifier(token, deps.sso, deps.localSignIn);
      if (token === undefined || verifier === undefined) {
        res.header('www-authenticate', 'Bearer');
        return sendError(res, 401, 'Unauthorized', 'sign in to see the dashboard');
      }
      let who: VerifiedIdentity;
      try {
        who = await verifier.verify(token);
      } catch (err) {
        if (!(err instanceof TokenError)) throw err;
        deps.logger.warn({ reason: err.message, path: req.path() }, 'dashboard: token rejected');
        res.header('www-authenticate', 'Bearer error="invalid_token"');
        return sendError(res, 401, 'Unauthorized', 'the sign-in token is not valid; sign in again');
      }
      const work = handler(req, res, who).catch((err: unknown) => {
        deps.logger.error({ err, path: req.path() }, 'dashboard request failed');
        if (!res.headersSent) sendError(res, 500, 'InternalError', 'the dashboard data could not be loaded');
      });
      await (deps.lifecycle ? deps.lifecycle.track(work) : work);
    };

  server.get(
    '/api/dashboard/me',
    authenticated(async (req, res, who) => {
      // The page's first request of every load: where a sign-in shows (recorded once per token).
      const token = bearer(req);
      if (signIns !== undefined && token !== undefined) {
        const local =
          deps.localSignIn !== undefined && chooseVerifier(token, deps.sso, deps.localSignIn) === deps.localSignIn;
        await signIns.signedIn(token, who, local ? 'local' : 'teams_sso');
      }
      sendJson(req, res, { ...(await deps.service.me(who.identityKey)), name: who.name ?? null });
    }),
  );
  server.get(
    '/api/dashboard/overview',
    authenticated(async (req, res, who) => sendJson(req, res, await deps.service.overview(who.identityKey))),
  );
  server.get(
    '/api/dashboard/municipalities/:id',
    authenticated(async (req, res, who) => {
      const id = routeParam(req, 'id');
      const result = /^[a-z0-9-]{1,64}$/.test(id)
        ? await deps.service.municipality(who.identityKey, id)
        : ({ status: 'not_found' } as const);
      if (result.status === 'ok') return sendJson(req, res, result.value);
      // Denied requests get the same plain answer whether or not the municipality exists.
      if (result.status === 'forbidden') return sendError(res, 403, 'Forbidden', 'your role does not allow this view');
      sendError(res, 404, 'NotFound', 'no such municipality');
    }),
  );

  if (deps.admin !== undefined)
    mountDashboardAdmin(server, { service: deps.admin, authenticated, sendJson, logger: deps.logger });
  if (deps.audit !== undefined) mountDashboardAudit(server, { service: deps.audit.trail, authenticated, sendJson });

  return { teamsJsPath };
}
