import { ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { turnFailureReply } from '../../src/bot/turnError';
import { createHttpServer, type HttpServer } from '../../src/http/server';
import {
  DIRECT_LINE_DEFAULTS,
  mountDirectLine,
  type DirectLineHandle,
  type DirectLineOptions,
} from '../../src/http/directLine';
import { WeltoffenCloudAdapter } from '../../src/infrastructure/bot/weltoffenCloudAdapter';
import { inProcessTurns } from '../../src/infrastructure/directline/inProcessTurn';
import { createLogger } from '../../src/infrastructure/logger';
import { isServiceUrlAllowed, serviceUrlPolicy } from '../../src/domain/conversation/serviceUrl';

/** Greets on conversationUpdate and echoes messages with their locale, so tests see real bot turns. */
export const echoBot = {
  run: async (ctx: TurnContext) => {
    if (ctx.activity.type === 'conversationUpdate') await ctx.sendActivity(`welcome ${ctx.activity.locale ?? 'none'}`);
    else if (ctx.activity.type === 'message')
      await ctx.sendActivity(`echo[${ctx.activity.locale ?? ''}]: ${ctx.activity.text ?? ''}`);
  },
};

export interface DirectLineTestServer {
  url: string;
  http: HttpServer;
  handle: DirectLineHandle;
  clock: { now: number };
  stop(): Promise<void>;
}

export async function startDirectLineServer(
  options: Partial<DirectLineOptions> = {},
  auth = new ConfigurationBotFrameworkAuthentication({}),
  botAppId = '',
  bot: { run(ctx: TurnContext): Promise<void> } = echoBot,
): Promise<DirectLineTestServer> {
  const clock = { now: Date.now() };
  const adapter = new WeltoffenCloudAdapter(auth);
  let handle: DirectLineHandle | undefined;
  const logger = createLogger('silent');
  const http = createHttpServer({
    adapter,
    bot,
    logger,
    readiness: { check: () => Promise.resolve(undefined) },
    maxBodyBytes: 262144,
    shutdownTimeoutMs: 1000,
    serviceUrlAllowed: (url) => isServiceUrlAllowed(url, serviceUrlPolicy([], true)),
    mount: (server, lifecycle) => {
      handle = mountDirectLine(server, {
        lifecycle,
        turns: inProcessTurns(adapter, bot, botAppId),
        logger,
        options: { ...DIRECT_LINE_DEFAULTS, ...options },
        clock: { now: () => new Date(clock.now) },
        failureReply: turnFailureReply,
      });
    },
  });
  const port = await http.listen(0, '127.0.0.1');
  if (!handle) throw new Error('mount did not run');
  return { url: `http://127.0.0.1:${port}`, http, handle, clock, stop: () => http.close() };
}

export interface Started {
  conversationId: string;
  token: string;
  expires_in: number;
}

export async function start(url: string, body: Record<string, unknown> = {}): Promise<Started> {
  const res = await fetch(`${url}/v3/directline/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`start failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Started;
}

export function post(
  url: string,
  s: { conversationId: string; token: string },
  activity: Record<string, unknown>,
): Promise<Response> {
  return fetch(`${url}/v3/directline/conversations/${s.conversationId}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
    body: JSON.stringify(activity),
  });
}

export interface ActivitySet {
  activities: {
    id: string;
    type: string;
    text?: string;
    from: { id: string; role?: string };
    channelData?: { clientActivityID?: string };
    replyToId?: string;
  }[];
  watermark: string;
}

export function poll(url: string, s: { conversationId: string; token: string }, watermark?: string): Promise<Response> {
  const q = watermark === undefined ? '' : `?watermark=${encodeURIComponent(watermark)}`;
  return fetch(`${url}/v3/directline/conversations/${s.conversationId}/activities${q}`, {
    headers: { authorization: `Bearer ${s.token}` },
  });
}
