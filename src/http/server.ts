import { randomUUID } from 'node:crypto';
import restify, { type Request, type Response } from 'restify';
import { AuthenticationError } from 'botframework-connector';
import type { Activity, TurnContext } from 'botbuilder';
import type { WeltoffenCloudAdapter } from '../infrastructure/bot/weltoffenCloudAdapter';
import type { Logger } from 'pino';
import { incomingActivitySchema } from './activitySchema';
import { redactSecrets, sendError } from './errors';
import { jsonBody } from './jsonBody';
import { mountSecurityTxt, type SecurityTxtOptions } from './securityTxt';

export interface TurnRunner {
  run(context: TurnContext): Promise<void>;
}

/** What /readyz may say: generic on purpose, the details go to the log only. */
export type NotReadyReason = 'database unavailable' | 'migrations pending' | 'shutting down';

export interface Readiness {
  /** Resolves to undefined when ready, else a generic reason; a rejection counts as 'database unavailable'. */
  check(): Promise<NotReadyReason | undefined>;
}

export interface HttpServerOptions {
  adapter: WeltoffenCloudAdapter;
  bot: TurnRunner;
  readiness: Readiness;
  logger: Logger;
  maxBodyBytes: number;
  shutdownTimeoutMs: number;
  /** TRUST_PROXY: X-Forwarded-Proto (its last entry) tells whether the client used https. */
  trustProxy?: boolean;
  /** /.well-known/security.txt (RFC 9116); not served when undefined. */
  securityTxt?: SecurityTxtOptions;
  /** which serviceUrls the bot may call; others get 400 before the turn runs. */
  serviceUrlAllowed: (serviceUrl: string) => boolean;
  /** false in web-chat-only mode, where /api/messages does not exist at all. Default true. */
  messagesRoute?: boolean;
  /** Extra routes (web chat, Direct Line, exports) mounted by the composition root. */
  mount?: (server: restify.Server, lifecycle: Lifecycle) => void;
}

/** Lets mounted routes take part in graceful shutdown like /api/messages does. */
export interface Lifecycle {
  /** Counts the work as in flight until it settles, so close() waits for it (bounded). */
  track<T>(work: Promise<T>): Promise<T>;
  /** True once close() was called: refuse new turns with 503. */
  draining(): boolean;
}

export interface HttpServer {
  readonly server: restify.Server;
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, waits for turns in flight (bounded), then resolves. */
  close(): Promise<void>;
}

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { adapter, bot, logger } = options;
  // An empty name keeps restify from sending a Server banner; its own log lines go to our logger,
  // with requests reduced to method and path (export links carry their signature in the query).
  const server = restify.createServer({
    name: '',
    handleUncaughtExceptions: false,
    // restify 11 logs through pino; its typings still name bunyan's Logger.
    log: logger.child(
      { component: 'restify' },
      { serializers: { req: requestForLog } },
    ) as unknown as restify.ServerOptions['log'],
  });
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;
  const trustProxy = options.trustProxy ?? false;

  // pre handlers run for every request, also for restify's own 404/405 and error answers.
  server.pre((req: Request, res: Response, next: restify.Next) => {
    res.setHeader('x-content-type-options', 'nosniff');
    if (requestIsHttps(req, trustProxy))
      res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    next();
  });
  server.on('after', (req: Request, res: Response) => {
    logger.debug(
      { method: req.method, path: req.path(), status: res.statusCode, ms: Date.now() - req.time() },
      'request',
    );
  });

  const json = jsonBody({ maxBytes: options.maxBodyBytes });

  server.get('/healthz', async (_req, res) => {
    res.json(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    res.header('cache-control', 'no-store');
    const problem: NotReadyReason | undefined = draining
      ? 'shutting down'
      : await options.readiness.check().catch((err: unknown) => {
          // Driver messages can name hosts, users or whole connection strings: redacted, and never in the answer.
          const e = err instanceof Error ? err : new Error(String(err));
          logger.warn(
            { error: { name: e.name, code: (e as { code?: unknown }).code, message: redactSecrets(e.message) } },
            'readiness: database check failed',
          );
          return 'database unavailable' as const;
        });
    if (problem === undefined) res.json(200, { status: 'ready' });
    else res.json(503, { status: 'not ready', reason: problem });
  });

  if (options.securityTxt) mountSecurityTxt(server, options.securityTxt);

  if (options.messagesRoute !== false) server.post('/api/messages', json, handleMessages);
  async function handleMessages(req: Request, res: Response) {
    const requestId = headerValue(req, 'x-request-id') ?? randomUUID();
    const log = logger.child({ requestId });
    res.header('x-request-id', requestId);
    if (draining) return sendError(res, 503, 'ShuttingDown', 'the service is shutting down; retry on another instance');
    if (!req.is('json')) return sendError(res, 415, 'UnsupportedMediaType', 'send the activity as application/json');
    const parsed = incomingActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || 'body';
      return sendError(res, 400, 'InvalidActivity', `${where}: ${issue?.message ?? 'not an activity'}`);
    }
    const activity = parsed.data as unknown as Activity;
    // Checked before authentication and before any outbound call: the bot never calls a host named by a stranger.
    if (!options.serviceUrlAllowed(activity.serviceUrl))
      return sendError(res, 400, 'ServiceUrlNotAllowed', 'serviceUrl is not a channel address this service may call');
    inFlight++;
    const started = process.hrtime.bigint();
    try {
      const authHeader = headerValue(req, 'authorization') ?? '';
      const invokeResponse = await adapter.handle(authHeader, activity, (ctx) => bot.run(ctx));
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
      log.info(
        { type: activity.type, channelId: activity.channelId, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'turn',
      );
    } catch (err) {
      if (isAuthenticationFailure(err)) {
        log.warn(
          { channelId: activity.channelId, reason: (err as Error).message },
          'rejected request: authentication failed',
        );
        sendError(res, 401, 'Unauthorized', 'a valid Bot Framework token is required');
      } else {
        log.error({ err }, 'turn failed');
        sendError(res, 500, 'InternalError', 'the turn could not be processed');
      }
    } finally {
      inFlight--;
      if (draining && inFlight === 0) drained?.();
    }
  }

  options.mount?.(server, {
    async track(work) {
      inFlight++;
      try {
        return await work;
      } finally {
        inFlight--;
        if (draining && inFlight === 0) drained?.();
      }
    },
    draining: () => draining,
  });

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address().port));
      });
    },
    async close() {
      draining = true;
      const stopped = new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      server.server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, options.shutdownTimeoutMs).unref()),
        ]);
      }
      server.server.closeAllConnections();
      await stopped;
    },
  };
}

/** Directly over TLS, or (only behind our own proxy) per the last X-Forwarded-Proto entry, the one it appended. */
export function requestIsHttps(req: Request, trustProxy: boolean): boolean {
  if (req.isSecure()) return true;
  if (!trustProxy) return false;
  const header = req.headers['x-forwarded-proto'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  return entries.at(-1)?.toLowerCase() === 'https';
}

/** Requests appear in logs as method and path only: never the query string. */
function requestForLog(req: unknown): unknown {
  if (typeof req !== 'object' || req === null) return req;
  const r = req as { method?: unknown; url?: unknown };
  return { method: r.method, path: typeof r.url === 'string' ? r.url.split('?')[0] : undefined };
}

function headerValue(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** botframework-connector lets jsonwebtoken's own errors (bad signature, not yet valid) escape unwrapped. */
const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function isAuthenticationFailure(err: unknown): boolean {
  return err instanceof AuthenticationError || (err instanceof Error && JWT_ERRORS.has(err.name));
}
