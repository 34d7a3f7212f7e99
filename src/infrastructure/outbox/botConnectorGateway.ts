import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { toActivity, type BotMessage } from '../../domain/messages';
import type { ConversationGateway, GatewayResult, StoredReference } from '../../domain/ports';

function header(err: object, name: string): string | null {
  const response = (err as { response?: { headers?: { get?: (n: string) => string | undefined } } }).response;
  const value = typeof response?.headers?.get === 'function' ? response.headers.get(name) : undefined;
  return typeof value === 'string' ? value : null;
}

/** Retry-After as seconds or an HTTP date, in milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Maps what botframework-connector throws (RestError: statusCode, code from the body, response headers). */
export function toFailure(err: unknown): Extract<GatewayResult, { ok: false }> {
  if (typeof err !== 'object' || err === null)
    return { ok: false, status: null, code: null, retryAfterMs: null, detail: String(err) };
  const e = err as { statusCode?: unknown; code?: unknown; message?: unknown };
  const status = typeof e.statusCode === 'number' ? e.statusCode : null;
  const code = typeof e.code === 'string' ? e.code : null;
  return {
    ok: false,
    status,
    code,
    retryAfterMs: parseRetryAfter(header(err, 'retry-after')),
    detail: typeof e.message === 'string' ? e.message.slice(0, 300) : 'error',
  };
}

/**
 * Proactive posts and updates through `continueConversationAsync` (bot-framework.md idiom). Note that the
 * connector client of botbuilder 4.23 already retries 429/503 (honouring Retry-After) and other 5xx a few
 * times inside one call; what still fails comes back here and is rescheduled by the outbox.
 */
export class BotConnectorGateway implements ConversationGateway {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async post(reference: StoredReference, message: BotMessage): Promise<GatewayResult> {
    let result: GatewayResult = { ok: false, status: null, code: null, retryAfterMs: null, detail: 'not sent' };
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        reference as Partial<ConversationReference>,
        async (context) => {
          // Caught here, inside the turn: otherwise the adapter's onTurnError would swallow the error (and post an apology).
          try {
            const response = await context.sendActivity(toActivity(message));
            result = { ok: true, activityId: response?.id ?? null };
          } catch (err) {
            result = toFailure(err);
          }
        },
      );
    } catch (err) {
      result = toFailure(err);
    }
    return result;
  }

  async update(reference: StoredReference, activityId: string, message: BotMessage): Promise<GatewayResult> {
    let result: GatewayResult = { ok: false, status: null, code: null, retryAfterMs: null, detail: 'not updated' };
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        reference as Partial<ConversationReference>,
        async (context) => {
          try {
            await context.updateActivity({
              ...toActivity(message),
              id: activityId,
              conversation: context.activity.conversation,
            });
            result = { ok: true, activityId };
          } catch (err) {
            result = toFailure(err);
          }
        },
      );
    } catch (err) {
      result = toFailure(err);
    }
    return result;
  }
}
