import type { z } from 'zod';
import { isLoopbackHost } from '../domain/conversation/serviceUrl';

/** What the service exposes (Teams, local only, web chat only): decided once from the configuration. */
export type TrustMode = 'teams' | 'local-only' | 'web-chat-only';

/** A HOST to listen on that only this machine reaches (`::1` is written without brackets here). */
export const isLoopbackBind = (host: string): boolean => isLoopbackHost(host) || host === '::1';

/** The variables the trust mode depends on (named here because envSchema.ts, whose type they are part of, calls checkTrustMode). */
type TrustEnv = Readonly<
  Partial<
    Record<
      | 'MicrosoftAppId'
      | 'NODE_ENV'
      | 'WEB_CHAT_ONLY'
      | 'ALLOW_UNAUTHENTICATED_REMOTE'
      | 'HOST'
      | 'WEBCHAT_ENABLED'
      | 'DIRECT_LINE_SECRET',
      string | undefined
    >
  >
>;

/** Which mode may run where (Teams, local without channel authentication, web chat only), on the parsed variables. */
export function checkTrustMode(env: TrustEnv, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (env.WEB_CHAT_ONLY === 'true') {
    // Fail closed: an app id means Teams on /api/messages, which web-chat-only mode does not serve.
    if (env.MicrosoftAppId)
      issue(
        'WEB_CHAT_ONLY',
        'must not be true when MicrosoftAppId is set: set WEB_CHAT_ONLY=false to serve Teams on /api/messages, or unset MicrosoftAppId for web chat only',
      );
    if (env.WEBCHAT_ENABLED === 'false')
      issue('WEB_CHAT_ONLY', 'must not be true when WEBCHAT_ENABLED=false: there would be nothing to talk to');
    if (env.DIRECT_LINE_SECRET)
      issue(
        'WEB_CHAT_ONLY',
        'must not be true with DIRECT_LINE_SECRET: Azure Direct Line delivers to /api/messages, which web-chat-only mode does not serve',
      );
    return;
  }
  if (env.MicrosoftAppId) return;
  // Local mode: nobody's identity is checked, so it must not be where real people are.
  if (env.NODE_ENV === 'production') {
    issue(
      'MicrosoftAppId',
      "is required when NODE_ENV=production (channel authentication); for the citizens' web chat without Teams set WEB_CHAT_ONLY=true instead",
    );
    return;
  }
  if (env.HOST !== undefined && !isLoopbackBind(env.HOST) && env.ALLOW_UNAUTHENTICATED_REMOTE !== 'true') {
    issue(
      'HOST',
      `is ${env.HOST} but MicrosoftAppId is not set: without channel authentication the service listens on loopback only; set ALLOW_UNAUTHENTICATED_REMOTE=true to expose it anyway (demos on a trusted network), or configure the bot registration`,
    );
  }
}
