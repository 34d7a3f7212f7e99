import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { publicText } from '../i18n/public';
import { toActivity } from '../domain/messages';
import { faqLocaleOf } from '../services/faqService';
import { ReplyDeliveryError } from './retryingTurn';
import { staffLocaleOf, staffText } from '../i18n/staff';

/** Socket errors of the pg driver (and Node) that mean the database server cannot be reached. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** Prisma's codes for an unreachable server, a closed connection, a pool timeout. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Kinds of Prisma driver adapter errors (`DriverAdapterError.cause.kind`) that mean the same. */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TlsConnectionError',
]);
/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03 (admin/crash shutdown, cannot
 * connect now), 53300 (too many connections).
 */
const isConnectionSqlState = (code: string): boolean =>
  /^08[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code);
/** Messages of pg and PGlite that carry no code (the connection ended while a query was under way). */
const MESSAGES = [
  'connection terminated',
  'connection ended',
  'timeout exceeded when trying to connect',
  'client has encountered a connection error',
  "can't reach database server",
  'server has closed the connection',
  'pglite is closed',
];

/**
 * Whether an error means the database could not be reached (outage, restart, network cut) rather than a
 * bug: then the user is told their input was not saved and to send it again. Follows `cause` chains
 * (botbuilder, Prisma and our own wrappers nest the driver's error).
 */
export function isStorageFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    // A socket error while delivering replies is the Bot Connector's, and the turn was saved.
    if (current instanceof ReplyDeliveryError) return false;
    const e = current as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown };
    if (
      typeof e.code === 'string' &&
      (SOCKET_CODES.has(e.code) || PRISMA_CODES.has(e.code) || isConnectionSqlState(e.code))
    )
      return true;
    if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === 'string') {
      // Only the start of the message: wrappers append whole stacks.
      const message = e.message.slice(0, 300).toLowerCase();
      if (MESSAGES.some((m) => message.includes(m)) || [...SOCKET_CODES].some((c) => message.includes(c.toLowerCase())))
        return true;
    }
    current = e.cause;
  }
  return false;
}

/** The apology for a turn whose input could not be stored, in the conversation's language (six in web chat). */
export function storageApology(channelLocale: string | undefined): string {
  // The public catalog already answers German and English with the staff text.
  const faqLocale = faqLocaleOf(channelLocale);
  return faqLocale !== undefined
    ? publicText(faqLocale, 'storageApology')
    : staffText(staffLocaleOf(channelLocale), 'error.storage');
}

/** What the user is told when a turn failed: "not saved, send it again" for a storage failure, else the generic apology. */
export function turnFailureReply(error: unknown, channelLocale: string | undefined): string {
  return isStorageFailure(error)
    ? storageApology(channelLocale)
    : staffText(staffLocaleOf(channelLocale), 'error.generic');
}

/**
 * The adapter's onTurnError: logs the failure (no message text) and tells the user. A storage failure
 * gets "could not save, send it again in a moment"; anything else the generic apology. The retrying turn
 * has discarded the turn's own replies and written nothing, so this is the only reply of the turn.
 */
export function createTurnErrorHandler(
  logger: Pick<Logger, 'error' | 'warn'>,
): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const storage = isStorageFailure(error);
    const fields = { err: error, channelId: context.activity.channelId, activityType: context.activity.type };
    if (storage) logger.warn(fields, 'turn failed: database unreachable');
    else logger.error(fields, 'unhandled turn error');
    const text = turnFailureReply(error, context.activity.locale);
    await context.sendActivity(toActivity({ text })).catch(() => undefined);
    // An invoke that failed would otherwise be answered 501 (no invoke response), which means "not
    // implemented": a card action gets the Universal Actions error response, so the card stays and can be clicked again.
    if (context.activity.type === 'invoke') {
      const status = storage ? 503 : 500;
      const body =
        context.activity.name === 'adaptiveCard/action'
          ? {
              statusCode: status,
              type: 'application/vnd.microsoft.error',
              value: { code: storage ? 'ServiceUnavailable' : 'InternalError', message: text },
            }
          : undefined;
      await context.sendActivity({ type: 'invokeResponse', value: { status, body } }).catch(() => undefined);
    }
  };
}
