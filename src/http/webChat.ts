import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { BotAdapter } from '../infrastructure/bot/botAdapter';
import { inProcessTurns } from '../infrastructure/directline/inProcessTurn';
import { projectRoot } from '../infrastructure/projectRoot';
import { mountAzureDirectLineToken, type AzureDirectLineOptions } from './azureDirectLineToken';
import { DIRECT_LINE_DEFAULTS, mountDirectLine, type DirectLineHandle, type DirectLineOptions } from './directLine';
import { sendError } from './errors';
import type { Lifecycle } from './server';

const gzipAsync = promisify(gzip);

export interface WebChatOptions {
  directLine: DirectLineOptions;
  /** MicrosoftAppId ('' in local mode): in-process turns present the bot's own identity. */
  botAppId: string;
  /** Only when DIRECT_LINE_SECRET is configured: GET /api/directline/token for Azure's Direct Line. */
  azure?: AzureDirectLineOptions;
}

export const WEB_CHAT_DEFAULTS: WebChatOptions = { directLine: DIRECT_LINE_DEFAULTS, botAppId: '' };

export interface WebChatDeps {
  adapter: BotAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  logger: Logger;
  options: WebChatOptions;
  now?: () => number;
  /** The second argument of createHttpServer's mount callback. */
  lifecycle?: Lifecycle;
}

export interface WebChatHandle {
  readonly directLine: DirectLineHandle;
  /** URL path of the Web Chat bundle (versioned, cached for a year). */
  readonly bundlePath: string;
}

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  cache: string;
}

/** Page, embed snippet, Web Chat bundle and the Direct Line routes it talks to: one call for the composition root. */
export function mountWebChat(server: restify.Server, deps: WebChatDeps): WebChatHandle {
  const root = projectRoot();
  const publicDir = path.join(root, 'src', 'http', 'public');
  // The package's "exports" hide dist/ from require.resolve, so the path is built from the package folder.
  const webChatDir = path.join(root, 'node_modules', 'botframework-webchat');
  const version = (JSON.parse(readFileSync(path.join(webChatDir, 'package.json'), 'utf8')) as { version: string }).version;
  const bundlePath = `/webchat/webchat-${version}.js`;

  // Small files change with our releases: revalidate every time (cheap with the ETag).
  const revalidate = 'no-cache';
  const read = (file: string) => readFileSync(path.join(publicDir, file));
  const page = asset(Buffer.from(read('index.html').toString('utf8').replace('{{WEBCHAT_BUNDLE}}', bundlePath), 'utf8'), 'text/html; charset=utf-8', revalidate);
  const files = new Map<string, Asset>([
    ['page.js', asset(read('page.js'), 'application/javascript; charset=utf-8', revalidate)],
    ['style.css', asset(read('style.css'), 'text/css; charset=utf-8', revalidate)],
    ['i18n.json', asset(read('i18n.json'), 'application/json; charset=utf-8', revalidate)],
  ]);
  const embed = asset(read('embed.js'), 'application/javascript; charset=utf-8', 'public, max-age=3600');

  // 3.9 MB raw, ~1 MB gzipped: compressed once, on first request, and cached for a year under a versioned URL.
  let bundle: Promise<{ raw: Asset; gz: Buffer }> | undefined;
  const loadBundle = () =>
    (bundle ??= (async () => {
      const raw = asset(readFileSync(path.join(webChatDir, 'dist', 'webchat.js')), 'application/javascript; charset=utf-8', 'public, max-age=31536000, immutable');
      return { raw, gz: await gzipAsync(raw.body, { level: 9 }) };
    })());

  const directLine = mountDirectLine(server, {
    turns: inProcessTurns(deps.adapter, deps.bot, deps.options.botAppId),
    logger: deps.logger,
    options: deps.options.directLine,
    now: deps.now,
    lifecycle: deps.lifecycle,
  });

  if (deps.options.azure?.secret) mountAzureDirectLineToken(server, deps.options.azure, deps.logger, deps.now);

  server.get('/', async (req: Request, res: Response) => {
    // Web Chat injects its styles at runtime, hence 'unsafe-inline' for styles only; scripts are ours.
    send(req, res, page, {
      'content-security-policy':
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
      'referrer-policy': 'no-referrer',
    });
  });
  server.get('/embed.js', async (req: Request, res: Response) => send(req, res, embed));
  server.get('/webchat/:file', async (req: Request, res: Response) => {
    const name = String(req.params.file);
    if (`/webchat/${name}` === bundlePath) {
      const { raw, gz } = await loadBundle();
      return send(req, res, raw, {}, gz);
    }
    const file = files.get(name);
    if (!file) return sendError(res, 404, 'NotFound', 'no such file');
    send(req, res, file);
  });

  return { directLine, bundlePath };
}

function asset(body: Buffer, type: string, cache: string): Asset {
  return { body, type, cache, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

function send(req: Request, res: Response, a: Asset, extra: Record<string, string> = {}, gz?: Buffer): void {
  const headers: Record<string, string> = {
    'content-type': a.type,
    'cache-control': a.cache,
    etag: a.etag,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
    ...extra,
  };
  if (req.headers['if-none-match'] === a.etag) {
    res.sendRaw(304, '', headers);
    return;
  }
  const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gz && acceptsGzip) res.sendRaw(200, gz, { ...headers, 'content-encoding': 'gzip' });
  else res.sendRaw(200, a.body, headers);
}
