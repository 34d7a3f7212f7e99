import type { Activity, ChannelAccount } from 'botbuilder';
import restify from 'restify';
import type { Request, Response } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ConversationStore, type DirectLineConversation } from '../infrastructure/directline/conversationStore';
import type { InProcessTurns } from '../infrastructure/directline/inProcessTurn';
import { RateLimiter } from '../infrastructure/directline/rateLimiter';
import { TokenSigner, type TokenClaims } from '../infrastructure/directline/tokens';
import { sendError } from './errors';
import type { Lifecycle } from './server';
import { clientAddress } from './clientAddress';
import { turnFailureReply } from '../bot/turnError';

export interface DirectLineOptions {
  /** HMAC key for tokens; random per process when absent. */
  tokenSecret?: string;
  tokenTtlSeconds: number;
  /** Conversations without any request for this long are removed. */
  idleTimeoutSeconds: number;
  /** New conversations per client IP within `conversationWindowSeconds`. */
  conversationsPerClient: number;
  conversationWindowSeconds: number;
  /** Activities a conversation may post per minute. */
  messagesPerMinute: number;
  /** Upper bound on live conversations, so memory stays bounded under a distributed flood. */
  maxConversations: number;
  /** Take the client IP from the first X-Forwarded-For entry (only behind a proxy you control). */
  trustProxy: boolean;
  botId: string;
  botName: string;
  maxBodyBytes: number;
}

export const DIRECT_LINE_DEFAULTS: Omit<DirectLineOptions, 'tokenSecret'> = {
  tokenTtlSeconds: 3600,
  idleTimeoutSeconds: 1800,
  conversationsPerClient: 20,
  conversationWindowSeconds: 3600,
  messagesPerMinute: 30,
  maxConversations: 5000,
  trustProxy: false,
  botId: 'weltoffen-bot',
  botName: 'Weltoffen-Bot',
  maxBodyBytes: 65536,
};

export interface DirectLineDeps {
  turns: InProcessTurns;
  logger: Logger;
  options: DirectLineOptions;
  /** Injectable clock for expiry and idle tests. */
  now?: () => number;
  /** From createHttpServer's mount: turns count as in flight for graceful shutdown. */
  lifecycle?: Lifecycle;
}

export interface DirectLineHandle {
  readonly store: ConversationStore;
  /** Stops the idle sweeper (also stopped when the server closes). */
  close(): void;
}

const PREFIX = '/v3/directline';
const MAX_ACTIVITIES_KEPT = 500;

// Other Direct Line clients send `{ user: { id } }` here; it is ignored because the server owns user ids.
const startSchema = z.object({ locale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/).optional() });

/** What Web Chat posts. Server-owned fields (from, conversation, id, timestamp) are overwritten. */
const postSchema = z
  .object({
    type: z.enum(['message', 'event', 'typing']),
    text: z.string().max(4000).optional(),
    locale: z.string().max(35).optional(),
    name: z.string().max(200).optional(),
    value: z.unknown().optional(),
    textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
    channelData: z.object({ clientActivityID: z.string().max(100).optional() }).passthrough().optional(),
    attachments: z.array(z.unknown()).max(0, 'attachments are not supported here').optional(),
  })
  .passthrough();

const watermarkSchema = z.union([z.literal(''), z.string().regex(/^\d{1,12}$/)]).optional();

/** Mounts the Direct Line 3.0 polling subset Web Chat uses; see docs in the module README of issue #6. */
export function mountDirectLine(server: restify.Server, deps: DirectLineDeps): DirectLineHandle {
  const { options, logger, turns } = deps;
  const now = deps.now ?? Date.now;
  const signer = new TokenSigner(options.tokenSecret);
  const store = new ConversationStore({ idleMs: options.idleTimeoutSeconds * 1000, maxActivities: MAX_ACTIVITIES_KEPT });
  const perClient = new RateLimiter(options.conversationsPerClient, options.conversationWindowSeconds * 1000);
  const perConversation = new RateLimiter(options.messagesPerMinute, 60_000);
  const bot: ChannelAccount = { id: options.botId, name: options.botName, role: 'bot' };
  // Turns of one conversation run one after another, so replies keep the order of the messages.
  const tails = new WeakMap<DirectLineConversation, Promise<unknown>>();
  // The server parses JSON only on /api/messages; these routes get their own, smaller body limit.
  const jsonOptions: restify.plugins.JsonBodyParserOptions & { maxBodySize: number } = { mapParams: false, maxBodySize: options.maxBodyBytes };
  const json = restify.plugins.jsonBodyParser(jsonOptions);

  const sweeper = setInterval(() => {
    const t = now();
    const removed = store.sweep(t);
    perClient.sweep(t);
    perConversation.sweep(t);
    if (removed > 0) logger.info({ removed, live: store.size }, 'direct line: idle conversations removed');
  }, Math.min(60_000, Math.max(1000, (options.idleTimeoutSeconds * 1000) / 4)));
  sweeper.unref();
  server.on('close', () => clearInterval(sweeper));

  const issue = (c: DirectLineConversation) => {
    const claims: TokenClaims = { conversationId: c.id, userId: c.userId, expiresAt: now() + options.tokenTtlSeconds * 1000 };
    return { conversationId: c.id, token: signer.sign(claims), expires_in: options.tokenTtlSeconds };
  };

  /** Verifies the bearer token; answers the error itself and returns undefined when it fails. */
  const authorize = (req: Request, res: Response): TokenClaims | undefined => {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer (\S+)$/i.exec(header) : null;
    if (!match?.[1]) {
      sendError(res, 401, 'MissingToken', 'send "Authorization: Bearer <token>"');
      return undefined;
    }
    const check = signer.verify(match[1], now());
    if (!check.ok) {
      sendError(res, 403, check.reason === 'expired' ? 'TokenExpired' : 'InvalidToken', `the token is ${check.reason === 'expired' ? 'expired' : 'not valid'}`);
      return undefined;
    }
    return check.claims;
  };

  /** Token plus conversation from the URL: the token must be for exactly that conversation. */
  const conversationFor = (req: Request, res: Response): DirectLineConversation | undefined => {
    const claims = authorize(req, res);
    if (!claims) return undefined;
    if (claims.conversationId !== req.params.conversationId) {
      sendError(res, 403, 'WrongConversation', 'the token is not valid for this conversation');
      return undefined;
    }
    const c = store.get(claims.conversationId);
    if (!c) {
      sendError(res, 404, 'ConversationNotFound', 'the conversation has ended; start a new one');
      return undefined;
    }
    store.touch(c, now());
    return c;
  };

  const serviceUrlOf = (req: Request) => `${req.isSecure() ? 'https' : 'http'}://${req.headers.host ?? '127.0.0.1'}/`;

  const base = (c: DirectLineConversation, serviceUrl: string): Partial<Activity> => ({
    channelId: 'directline',
    serviceUrl,
    conversation: { id: c.id, isGroup: false, conversationType: 'personal', name: '' },
  });

  const runTurn = (c: DirectLineConversation, activity: Partial<Activity>): Promise<void> =>
    deps.lifecycle ? deps.lifecycle.track(queueTurn(c, activity)) : queueTurn(c, activity);

  const queueTurn = (c: DirectLineConversation, activity: Partial<Activity>): Promise<void> => {
    const previous = tails.get(c) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const replies = await turns.run(activity);
        for (const reply of replies) {
          if (reply.type !== 'message' && reply.type !== 'event' && reply.type !== 'typing' && reply.type !== 'endOfConversation') continue;
          store.append(
            c,
            { ...reply, serviceUrl: undefined, channelId: 'directline', conversation: { id: c.id, isGroup: false, conversationType: 'personal', name: '' }, from: bot, recipient: { id: c.userId, name: '', role: 'user' } },
            now(),
          );
        }
      });
    tails.set(c, next);
    return next;
  };

  const limited = (res: Response, retryAfterMs: number, code: string, message: string) => {
    res.header('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
    sendError(res, 429, code, message);
  };

  server.post(`${PREFIX}/conversations`, json, async (req: Request, res: Response) => {
    // A page that already holds a token (from this route) gets its conversation back, as Azure does.
    if (req.headers.authorization) {
      const claims = authorize(req, res);
      if (!claims) return;
      const c = store.get(claims.conversationId);
      if (!c) return sendError(res, 404, 'ConversationNotFound', 'the conversation has ended; start a new one');
      store.touch(c, now());
      { res.json(201, issue(c)); return; }
    }
    if (deps.lifecycle?.draining()) return sendError(res, 503, 'ShuttingDown', 'the service is shutting down; please try again');
    const body = startSchema.safeParse(req.body ?? {});
    if (!body.success) return sendError(res, 400, 'InvalidRequest', body.error.issues[0]?.message ?? 'invalid body');
    if (store.size >= options.maxConversations) {
      return limited(res, 60_000, 'TooManyConversations', 'the web chat is busy; please try again in a minute');
    }
    const client = clientAddress(req, options.trustProxy);
    const allowed = perClient.hit(client, now());
    if (!allowed.ok) return limited(res, allowed.retryAfterMs, 'TooManyConversations', 'too many new conversations from this address');
    const c = store.create(client, now());
    // Direct Line announces bot and user to the bot when a conversation starts; the bot greets then.
    const user: ChannelAccount = { id: c.userId, name: '', role: 'user' };
    await runTurn(c, {
      ...base(c, serviceUrlOf(req)),
      type: 'conversationUpdate',
      id: `${c.id}|start`,
      from: user,
      recipient: bot,
      membersAdded: [bot, user],
      locale: body.data.locale,
      timestamp: new Date(now()),
    }).catch((err: unknown) => logger.error({ err }, 'direct line: welcome turn failed'));
    logger.info({ live: store.size }, 'direct line: conversation started');
    res.json(201, { ...issue(c), userId: c.userId });
  });

  server.get(`${PREFIX}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const c = conversationFor(req, res);
    if (c) res.json(200, issue(c));
  });

  server.post(`${PREFIX}/tokens/refresh`, async (req: Request, res: Response) => {
    const claims = authorize(req, res);
    if (!claims) return;
    const c = store.get(claims.conversationId);
    if (!c) return sendError(res, 404, 'ConversationNotFound', 'the conversation has ended; start a new one');
    store.touch(c, now());
    res.json(200, issue(c));
  });

  server.get(`${PREFIX}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const c = conversationFor(req, res);
    if (!c) return;
    const query = new URL(req.url ?? '', 'http://x').searchParams;
    const wm = watermarkSchema.safeParse(query.get('watermark') ?? undefined);
    if (!wm.success) return sendError(res, 400, 'InvalidWatermark', 'watermark must be a number from an earlier answer');
    res.json(200, store.since(c, wm.data ? Number(wm.data) : undefined));
  });

  server.post(`${PREFIX}/conversations/:conversationId/activities`, json, async (req: Request, res: Response) => {
    const c = conversationFor(req, res);
    if (!c) return;
    const parsed = postSchema.safeParse(req.body);
    if (!parsed.success) {
      const issueAt = parsed.error.issues[0];
      return sendError(res, 400, 'InvalidActivity', `${issueAt?.path.join('.') || 'body'}: ${issueAt?.message ?? 'not an activity'}`);
    }
    if (deps.lifecycle?.draining()) return sendError(res, 503, 'ShuttingDown', 'the service is shutting down; please try again');
    const allowed = perConversation.hit(c.id, now());
    if (!allowed.ok) return limited(res, allowed.retryAfterMs, 'TooManyMessages', 'too many messages; please wait a moment');
    // Typing over polling would only fill the list; Azure sends typing over WebSocket only.
    if (parsed.data.type === 'typing') { res.json(200, { id: '' }); return; }

    const user: ChannelAccount = { id: c.userId, name: '', role: 'user' };
    const incoming = parsed.data as unknown as Partial<Activity>;
    const echoed = store.append(
      c,
      { ...incoming, ...base(c, serviceUrlOf(req)), from: user, recipient: bot, deliveryMode: undefined },
      now(),
    );
    const started = process.hrtime.bigint();
    try {
      await runTurn(c, { ...echoed, serviceUrl: serviceUrlOf(req) });
    } catch (err) {
      // The adapter's error handler answers failed turns itself; a turn that fails outside it still gets a
      // reply in the list (Web Chat would show "Send failed" for a 5xx, and the user would send it again blind).
      logger.error({ err }, 'direct line: turn failed');
      const text = turnFailureReply(err, echoed.locale ?? undefined);
      store.append(c, { type: 'message', text, channelId: 'directline', conversation: { id: c.id, isGroup: false, conversationType: 'personal', name: '' }, from: bot, recipient: user }, now());
    }
    logger.info({ type: echoed.type, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'direct line: turn');
    res.json(200, { id: echoed.id });
  });

  return { store, close: () => clearInterval(sweeper) };
}

