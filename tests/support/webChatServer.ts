import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { turnFailureReply } from '../../src/bot/turnError';
import { createHttpServer, type HttpServer } from '../../src/http/server';
import { DIRECT_LINE_DEFAULTS } from '../../src/http/directLine';
import { mountWebChat, type WebChatDeps, type WebChatHandle, type WebChatOptions } from '../../src/http/webChat';
import { WeltoffenCloudAdapter } from '../../src/infrastructure/bot/weltoffenCloudAdapter';
import { createLogger } from '../../src/infrastructure/logger';
import { echoBot } from './directLineServer';
import { NO_PRIVACY_NOTICE } from './privacyNotice';
import { isServiceUrlAllowed, serviceUrlPolicy } from '../../src/domain/conversation/serviceUrl';

export interface WebChatTestServer {
  url: string;
  handle: WebChatHandle;
  http: HttpServer;
  stop(): Promise<void>;
}

/** The server as the composition root would build it, with the echo bot in place of WeltoffenBot. */
/** Nothing of the operator's Art. 13 information configured; the default retention of bot state. */
export const NO_PRIVACY: WebChatDeps['privacy'] = {
  notice: NO_PRIVACY_NOTICE,
  retention: { stateDays: 30 },
};

export async function startWebChatServer(
  options: Partial<WebChatOptions> = {},
  privacy: WebChatDeps['privacy'] = NO_PRIVACY,
): Promise<WebChatTestServer> {
  const adapter = new WeltoffenCloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const logger = createLogger('silent');
  let handle: WebChatHandle | undefined;
  const http = createHttpServer({
    adapter,
    bot: echoBot,
    logger,
    readiness: { check: () => Promise.resolve(undefined) },
    maxBodyBytes: 262144,
    shutdownTimeoutMs: 1000,
    serviceUrlAllowed: (url) => isServiceUrlAllowed(url, serviceUrlPolicy([], true)),
    mount: (server, lifecycle) => {
      handle = mountWebChat(server, {
        adapter,
        bot: echoBot,
        logger,
        lifecycle,
        options: { directLine: DIRECT_LINE_DEFAULTS, botAppId: '', ...options },
        failureReply: turnFailureReply,
        privacy,
      });
    },
  });
  const port = await http.listen(0, '127.0.0.1');
  if (!handle) throw new Error('mount did not run');
  return { url: `http://127.0.0.1:${port}`, handle, http, stop: () => http.close() };
}
