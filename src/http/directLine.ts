import type { Activity, ChannelAccount } from 'botbuilder';
import restify from 'restify';
import type { Request, Response } from 'restify';
import type { Logger } from 'pino';
import {
  ConversationStore,
  userIdOfSecret,
  type DirectLineConversation,
} from '../infrastructure/directline/conversationStore';
import type { InProcessTurns } from '../infrastructure/directline/inProcessTurn';
import { InMemoryRateLimits } from '../infrastructure/directline/rateLimiter';
import { TokenSigner, type TokenClaims } from '../infrastructure/directline/tokens';
import type { Clock } from '../domain/ports/clock';
import type { RateBucket, RateLimits } from '../domain/ports/rateLimits';
import { systemClock } from '../infrastructure/clock';
import type { DirectLineOptions } from '../config';
import { publicText } from '../i18n/public';
import { faqLocaleOf } from '../services/faqService';
import { routeParam, sendError } from './errors';
import { jsonBody } from './jsonBody';
import type { Lifecycle } from './server';
import { clientKey } from './clientAddress';
import { MAX_TEXT_CHARS, knownFields, postSchema, startSchema, watermarkSchema } from './directLineActivities';

// The options are part of the configuration (src/config.ts); re-exported for the callers of this module.
export { DIRECT_LINE_DEFAULTS, type DirectLineOptions } from '../config';
// The message length limit lives with the activity shapes; the page and the tests know it from here.
export { MAX_TEXT_CHARS } from './directLineActivities';

export interface DirectLineDeps {
  turns: InProcessTurns;
  logger: Logger;
  options: DirectLineOptions;
  /** Injectable clock for expiry and idle tests; the machine's time when absent. */
  clock?: Clock;
  /** From createHttpServer's mount: turns count as in flight for graceful shutdown. */
  lifecycle?: Lifecycle;
  /** Where the limits are counted; in memory when absent. */
  rateLimits?: RateLimits;
  /** The apology for a turn that failed (storage or otherwise), in the conversation's language; the bot's own text. */
  failureReply: (error: unknown, channelLocale: string | undefined) => string;
}

export interface DirectLineHandle {
  readonly store: ConversationStore;
  /** Stops the idle sweeper (also stopped when the server closes). */
  close(): void;
}

const PREFIX = '/v3/directline';
const MAX_ACTIVITIES_KEPT = 500;

/** Mounts the Direct Line 3.0 polling subset Web Chat uses; see docs/webchat.md. */
export function mountDirectLine(server: restify.Server, deps: DirectLineDeps): DirectLineHandle {
  const { options, logger, turns } = deps;
  const clock = deps.clock ?? systemClock;
  // Tokens, the conversation store and the rate limits count in milliseconds since the epoch.
  const now = (): number => clock.now().getTime();
  const signer = new TokenSigner(options.tokenSecret);
  const store = new ConversationStore({
    idleMs: options.idleTimeoutSeconds * 1000,
    maxActivities: MAX_ACTIVITIES_KEPT,
  });
  const limits = deps.rateLimits ?? new InMemoryRateLimits();
  const buckets = {
    conversations: {
      name: 'directline.conversations.client',
      limit: options.conversationsPerClient,
      windowMs: options.conversationWindowSeconds * 1000,
    },
    conversationMessages: {
      name: 'directline.messages.conversation',
      limit: options.messagesPerMinute,
      windowMs: 60_000,
    },
    clientMessages: { name: 'directline.messages.client', limit: options.messagesPerClientPerMinute, windowMs: 60_000 },
  } satisfies Record<string, RateBucket>;
  const bot: ChannelAccount = { id: options.botId, name: options.botName, role: 'bot' };
  // Turns of one conversation run one after another, so replies keep the order of the messages.
  const tails = new WeakMap<DirectLineConversation, Promise<unknown>>();
  // Our own bounded reader (no restify body plugin: it would gunzip); these routes have a smaller limit.
  const json = jsonBody({ maxBytes: options.maxBodyBytes });

  const sweeper = setInterval(
    () => {
      const t = now();
      const removed = store.sweep(t);
      if (removed > 0) logger.info({ removed, live: store.size }, 'direct line: idle conversations removed');
    },
    Math.min(60_000, Math.max(1000, (options.idleTimeoutSeconds * 1000) / 4)),
  );
  sweeper.unref();
  server.on('close', () => clearInterval(sweeper));

  const issue = (c: DirectLineConversation) => {
    const claims: TokenClaims = {
      conversationId: c.id,
      userId: c.userId,
      expiresAt: now() + options.tokenTtlSeconds * 1000,
    };
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
      sendError(
        res,
        403,
        check.reason === 'expired' ? 'TokenExpired' : 'InvalidToken',
        `the token is ${check.reason === 'expired' ? 'expired' : 'not valid'}`,
      );
      return undefined;
    }
    return check.claims;
  };

  /** Token plus conversation from the URL: the token must be for exactly that conversation. */
  const conversationFor = (req: Request, res: Response): DirectLineConversation | undefined => {
    const claims = authorize(req, res);
    if (!claims) return undefined;
    if (claims.conversationId !== routeParam(req, 'conversationId')) {
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

  /** Stores a message of the bot's side (a reply, a notice of the Direct Line itself) in the conversation. */
  const appendFromBot = (c: DirectLineConversation, activity: Partial<Activity>): void => {
    store.append(
      c,
      {
        ...activity,
        serviceUrl: undefined,
        channelId: 'directline',
        conversation: { id: c.id, isGroup: false, conversationType: 'personal', name: '' },
        from: bot,
        recipient: { id: c.userId, name: '', role: 'user' },
      },
      now(),
    );
  };

  const runTurn = (c: DirectLineConversation, activity: Partial<Activity>): Promise<void> =>
    deps.lifecycle ? deps.lifecycle.track(queueTurn(c, activity)) : queueTurn(c, activity);

  const queueTurn = (c: DirectLineConversation, activity: Partial<Activity>): Promise<void> => {
    const previous = tails.get(c) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const replies = await turns.run(activity);
        for (const reply of replies) {
          if (
            reply.type !== 'message' &&
            reply.type !== 'event' &&
            reply.type !== 'typing' &&
            reply.type !== 'endOfConversation'
          )
            continue;
          appendFromBot(c, reply);
        }
      });
    tails.set(c, next);
    return next;
  };

  /** A message from the Direct Line itself (no bot turn), queued behind the conversation's running turn. */
  const queueNotice = (
    c: DirectLineConversation,
    replyTo: Partial<Activity>,
    text: string,
    locale: string | undefined,
  ): Promise<void> => {
    const next = (tails.get(c) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => appendFromBot(c, { type: 'message', text, textFormat: 'plain', locale, replyToId: replyTo.id }));
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
      {
        res.json(201, issue(c));
        return;
      }
    }
    if (deps.lifecycle?.draining())
      return sendError(res, 503, 'ShuttingDown', 'the service is shutting down; please try again');
    const body = startSchema.safeParse(req.body ?? {});
    if (!body.success) return sendError(res, 400, 'InvalidRequest', body.error.issues[0]?.message ?? 'invalid body');
    if (store.size >= options.maxConversations) {
      return limited(res, 60_000, 'TooManyConversations', 'the web chat is busy; please try again in a minute');
    }
    const client = clientKey(req, options.trustProxy);
    const allowed = await limits.hit(buckets.conversations, client, now());
    if (!allowed.ok)
      return limited(res, allowed.retryAfterMs, 'TooManyConversations', 'too many new conversations from this address');
    // With the page's secret the user is the same in every conversation of that browser; without one, new.
    const userSecret = body.data.userSecret;
    const c = store.create(client, now(), userSecret === undefined ? undefined : userIdOfSecret(userSecret));
    c.locale = body.data.locale;
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
    if (!wm.success)
      return sendError(res, 400, 'InvalidWatermark', 'watermark must be a number from an earlier answer');
    res.json(200, store.since(c, wm.data ? Number(wm.data) : undefined));
  });

  server.post(`${PREFIX}/conversations/:conversationId/activities`, json, async (req: Request, res: Response) => {
    const c = conversationFor(req, res);
    if (!c) return;
    const parsed = postSchema.safeParse(req.body);
    if (!parsed.success) {
      const issueAt = parsed.error.issues[0];
      return sendError(
        res,
        400,
        'InvalidActivity',
        `${issueAt?.path.join('.') || 'body'}: ${issueAt?.message ?? 'not an activity'}`,
      );
    }
    if (deps.lifecycle?.draining())
      return sendError(res, 503, 'ShuttingDown', 'the service is shutting down; please try again');
    // Per conversation first, so one noisy conversation does not use up its address's allowance.
    const byConversation = await limits.hit(buckets.conversationMessages, c.id, now());
    if (!byConversation.ok)
      return limited(res, byConversation.retryAfterMs, 'TooManyMessages', 'too many messages; please wait a moment');
    const byClient = await limits.hit(buckets.clientMessages, clientKey(req, options.trustProxy), now());
    if (!byClient.ok)
      return limited(
        res,
        byClient.retryAfterMs,
        'TooManyMessages',
        'too many messages from this address; please wait a moment',
      );
    // Typing over polling would only fill the list; Azure sends typing over WebSocket only.
    if (parsed.data.type === 'typing') {
      res.json(200, { id: '' });
      return;
    }

    if (parsed.data.locale !== undefined) c.locale = parsed.data.locale;
    const tooLong = (parsed.data.text?.length ?? 0) > MAX_TEXT_CHARS;
    const user: ChannelAccount = { id: c.userId, name: '', role: 'user' };
    const echoed = store.append(
      c,
      { ...knownFields(parsed.data, tooLong), ...base(c, serviceUrlOf(req)), from: user, recipient: bot },
      now(),
    );
    if (tooLong) {
      // Accepted (so Web Chat shows no "Send failed") but never given to the bot: answered in the page's language.
      const locale = faqLocaleOf(c.locale) ?? 'de';
      const notice = queueNotice(c, echoed, publicText(locale, 'tooLong', { max: MAX_TEXT_CHARS }), c.locale);
      await (deps.lifecycle ? deps.lifecycle.track(notice) : notice);
      logger.info(
        { type: echoed.type, chars: parsed.data.text?.length },
        'direct line: message too long, not processed',
      );
      res.json(200, { id: echoed.id });
      return;
    }
    const started = process.hrtime.bigint();
    try {
      await runTurn(c, { ...echoed, serviceUrl: serviceUrlOf(req) });
    } catch (err) {
      // The adapter's error handler answers failed turns itself; a turn that fails outside it still gets a
      // reply in the list (Web Chat would show "Send failed" for a 5xx, and the user would send it again blind).
      logger.error({ err }, 'direct line: turn failed');
      const text = deps.failureReply(err, echoed.locale ?? undefined);
      appendFromBot(c, { type: 'message', text });
    }
    logger.info({ type: echoed.type, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'direct line: turn');
    res.json(200, { id: echoed.id });
  });

  return { store, close: () => clearInterval(sweeper) };
}
