import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { WeltoffenCloudAdapter } from '../infrastructure/bot/weltoffenCloudAdapter';
import type { Clock } from '../domain/ports/clock';
import type { RateLimits } from '../domain/ports/rateLimits';
import type { WebChatOptions } from '../config';
import { systemClock } from '../infrastructure/clock';
import { inProcessTurns } from '../infrastructure/directline/inProcessTurn';
import { InMemoryRateLimits } from '../infrastructure/directline/rateLimiter';
import { projectRoot } from '../infrastructure/projectRoot';
import { mountAzureDirectLineToken } from './azureDirectLineToken';
import { DIRECT_LINE_DEFAULTS, mountDirectLine, type DirectLineHandle } from './directLine';
import { routeParam, sendError } from './errors';
import type { Lifecycle } from './server';
import { sendStaticAsset, staticAsset, type StaticAsset } from './staticAsset';
import { operatorDetails, operatorLinks, type PageStrings } from './privacySection';
import type { PrivacyNoticeInfo } from '../i18n/privacyNotice';

const gzipAsync = promisify(gzip);

// The options are part of the configuration (src/config.ts); re-exported for the callers of this module.
export type { WebChatOptions } from '../config';

export const WEB_CHAT_DEFAULTS: WebChatOptions = { directLine: DIRECT_LINE_DEFAULTS, botAppId: '' };

export interface WebChatDeps {
  adapter: WeltoffenCloudAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  logger: Logger;
  options: WebChatOptions;
  /** Token expiry, idle conversations and rate limits; the machine's time when absent. */
  clock?: Clock;
  /** The second argument of createHttpServer's mount callback. */
  lifecycle?: Lifecycle;
  /** Every web chat limit (Direct Line and the Azure token route) is counted here; in memory when absent. */
  rateLimits?: RateLimits;
  /** The bot's apology for a failed turn (see DirectLineDeps). */
  failureReply: (error: unknown, channelLocale: string | undefined) => string;
  /** The footer's Art. 13 information and how long bot state without a self-check is kept (config.privacy). */
  privacy: { readonly notice: PrivacyNoticeInfo; readonly retention: { readonly stateDays: number } };
}

export interface WebChatHandle {
  readonly directLine: DirectLineHandle;
  /** URL path of the Web Chat bundle (versioned, cached for a year). */
  readonly bundlePath: string;
}

/** Page, embed snippet, Web Chat bundle and the Direct Line routes it talks to: one call for the composition root. */
export function mountWebChat(server: restify.Server, deps: WebChatDeps): WebChatHandle {
  const root = projectRoot();
  const publicDir = path.join(root, 'src', 'http', 'public');
  // The package's "exports" hide dist/ from require.resolve, so the path is built from the package folder.
  const webChatDir = path.join(root, 'node_modules', 'botframework-webchat');
  const version = (JSON.parse(readFileSync(path.join(webChatDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const bundlePath = `/webchat/webchat-${version}.js`;

  // Small files change with our releases: revalidate every time (cheap with the ETag).
  const revalidate = 'no-cache';
  const read = (file: string) => readFileSync(path.join(publicDir, file));
  // The retention period is configuration, so the page's texts get it when served (a number: nothing to escape).
  const withDays = (text: string) => text.replaceAll('{stateDays}', String(deps.privacy.retention.stateDays));
  const i18n = withDays(read('i18n.json').toString('utf8'));
  const german = (JSON.parse(i18n) as { locales: { de: { strings: PageStrings } } }).locales.de.strings;
  const html = withDays(read('index.html').toString('utf8'))
    .replace('{{WEBCHAT_BUNDLE}}', bundlePath)
    .replace('{{PRIVACY_OPERATOR}}', () => operatorDetails(deps.privacy.notice, german))
    .replace('{{PRIVACY_LINKS}}', () => operatorLinks(deps.privacy.notice, german));
  const page = staticAsset(Buffer.from(html, 'utf8'), 'text/html; charset=utf-8', revalidate);
  const files = new Map<string, StaticAsset>([
    ['page.js', staticAsset(read('page.js'), 'application/javascript; charset=utf-8', revalidate)],
    ['style.css', staticAsset(read('style.css'), 'text/css; charset=utf-8', revalidate)],
    ['i18n.json', staticAsset(Buffer.from(i18n, 'utf8'), 'application/json; charset=utf-8', revalidate)],
  ]);
  const embed = staticAsset(read('embed.js'), 'application/javascript; charset=utf-8', 'public, max-age=3600');

  // 3.9 MB raw, ~1 MB gzipped: compressed once, on first request, and cached for a year under a versioned URL.
  let bundle: Promise<StaticAsset> | undefined;
  const loadBundle = () =>
    (bundle ??= (async () => {
      const raw = staticAsset(
        readFileSync(path.join(webChatDir, 'dist', 'webchat.js')),
        'application/javascript; charset=utf-8',
        'public, max-age=31536000, immutable',
      );
      return { ...raw, gz: await gzipAsync(raw.body, { level: 9 }) };
    })());

  const rateLimits = deps.rateLimits ?? new InMemoryRateLimits();
  const clock = deps.clock ?? systemClock;
  const directLine = mountDirectLine(server, {
    turns: inProcessTurns(deps.adapter, deps.bot, deps.options.botAppId),
    logger: deps.logger,
    options: deps.options.directLine,
    clock,
    lifecycle: deps.lifecycle,
    rateLimits,
    failureReply: deps.failureReply,
  });

  if (deps.options.azure?.secret)
    mountAzureDirectLineToken(server, deps.options.azure, deps.logger, () => clock.now().getTime(), rateLimits);

  server.get('/', async (req: Request, res: Response) => {
    // Web Chat injects its styles at runtime, hence 'unsafe-inline' for styles only; scripts are ours.
    sendStaticAsset(req, res, page, {
      'content-security-policy':
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
      'referrer-policy': 'no-referrer',
    });
  });
  server.get('/embed.js', async (req: Request, res: Response) => sendStaticAsset(req, res, embed));
  server.get('/webchat/:file', async (req: Request, res: Response) => {
    const name = routeParam(req, 'file');
    if (`/webchat/${name}` === bundlePath) {
      return sendStaticAsset(req, res, await loadBundle());
    }
    const file = files.get(name);
    if (!file) return sendError(res, 404, 'NotFound', 'no such file');
    sendStaticAsset(req, res, file);
  });

  return { directLine, bundlePath };
}
