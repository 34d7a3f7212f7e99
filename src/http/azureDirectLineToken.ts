import { randomUUID } from 'node:crypto';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { RateLimits } from '../domain/ports';
import { InMemoryRateLimits } from '../infrastructure/directline/rateLimiter';
import { sendError } from './errors';
import { clientKey } from './clientAddress';
import type { AzureDirectLineOptions } from '../config';

export type { AzureDirectLineOptions } from '../config';

const generated = z.object({ conversationId: z.string().min(1), token: z.string().min(1), expires_in: z.number() });

/**
 * GET /api/directline/token: exchanges the Direct Line secret for a conversation token server-side,
 * for deployments that use Azure's Direct Line instead of the self-hosted one.
 */
export function mountAzureDirectLineToken(
  server: restify.Server,
  options: AzureDirectLineOptions,
  logger: Logger,
  now: () => number = Date.now,
  limits: RateLimits = new InMemoryRateLimits(),
): void {
  const bucket = { name: 'directline.tokens.client', limit: options.tokensPerClientPerHour, windowMs: 3600_000 };
  server.get('/api/directline/token', async (req: Request, res: Response) => {
    res.header('cache-control', 'no-store');
    const allowed = await limits.hit(bucket, clientKey(req, options.trustProxy), now());
    if (!allowed.ok) {
      res.header('Retry-After', String(Math.ceil(allowed.retryAfterMs / 1000)));
      sendError(res, 429, 'TooManyTokens', 'too many chat sessions from this address');
      return;
    }
    // Azure reserves the dl_ prefix for user ids embedded in the token, which Web Chat then trusts.
    const userId = `dl_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    try {
      const upstream = await fetch(`${options.endpoint.replace(/\/$/, '')}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!upstream.ok) throw new Error(`Direct Line answered ${upstream.status}`);
      const body = generated.parse(await upstream.json());
      res.json(200, { conversationId: body.conversationId, token: body.token, expires_in: body.expires_in, userId });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'direct line token exchange failed');
      sendError(res, 502, 'DirectLineUnavailable', 'the chat service is not reachable right now');
    }
  });
}
