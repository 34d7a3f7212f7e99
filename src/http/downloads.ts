/**
 * Opaque download links: the page at /download/ and the one route it talks to.
 *
 *   GET  /download/          a small static page; it reads the token from the URL's fragment (`#<token>`), takes
 *                            it out of the address bar, POSTs it and saves the answer as a file
 *   POST /api/downloads      {"token": "<43 characters>"} → the file, or a JSON error:
 *                            400 malformed, 404 UnknownLink (forged, never issued or long gone: one answer),
 *                            410 LinkExpired, 410 LinkUsed, 403 when the issuer's role no longer allows it
 *
 * Why the fragment: a browser never sends it — not in the request line (so no server or proxy log has it), not
 * in a Referer header — and link scanners that only fetch the URL cannot spend the single use.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Request, RequestHandler, Response } from 'restify';
import type { RateBucket, RateLimits } from '../domain/ports/rateLimits';
import { isDownloadToken } from '../domain/ports/downloads';
import { DOWNLOAD_PAGE_STATES, downloadPageTexts, type DownloadPageTexts } from '../i18n/exportCatalog';
import { InMemoryRateLimits } from '../infrastructure/directline/rateLimiter';
import { projectRoot } from '../infrastructure/projectRoot';
import type { DownloadResult, DownloadService } from '../services/downloadService';
import type { ExportFile } from '../services/exportService';
import { clientKey } from './clientAddress';
import { routeParam, sendError } from './errors';
import { jsonBody } from './jsonBody';
import type { Lifecycle } from './server';
import { sendStaticAsset, staticAsset, type StaticAsset } from './staticAsset';

export interface DownloadRoutesDeps {
  readonly downloads: Pick<DownloadService, 'redeem'>;
  /** Per client address; in memory when absent. */
  readonly rateLimits?: RateLimits;
  /** TRUST_PROXY: count clients by the X-Forwarded-For entry our proxy appended. */
  readonly trustProxy?: boolean;
  readonly lifecycle?: Lifecycle;
  readonly logger?: Logger;
}

/** `{"token":"<43 characters>"}` is 54 bytes; anything much larger is not a download request. */
export const DOWNLOAD_BODY_MAX_BYTES = 256;

/** A person downloads a handful of files; this bounds what one address can make the database do. */
export const DOWNLOAD_RATE: RateBucket = { name: 'downloads.client', limit: 20, windowMs: 60_000 };

/** No inline script or style, nothing from elsewhere, never framed, never a Referer. */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-robots-tag': 'noindex',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** German first, then English, each marked with its language for screen readers. */
function bilingual(tag: string, attrs: string, pick: (t: DownloadPageTexts) => string): string {
  const de = escapeHtml(pick(downloadPageTexts('de')));
  const en = escapeHtml(pick(downloadPageTexts('en')));
  return `<${tag}${attrs}><span lang="de">${de}</span> <span lang="en" class="en">${en}</span></${tag}>`;
}

/** The page with every message it can show, from the catalog; the script only chooses which one is visible. */
function renderPage(template: string): string {
  const states = DOWNLOAD_PAGE_STATES.map((state) =>
    bilingual('p', ` data-state="${state}"${state === 'working' ? '' : ' hidden'}`, (t) => t.states[state]),
  ).join('\n      ');
  return template
    .replaceAll('{{TITLE}}', escapeHtml(downloadPageTexts('de').title))
    .replace(
      '{{HEADING}}',
      bilingual('h1', '', (t) => t.title),
    )
    .replace('{{STATES}}', states)
    .replace(
      '{{SAVE}}',
      bilingual('a', ' id="save" hidden', (t) => t.saveAgain),
    )
    .replace(
      '{{NOSCRIPT}}',
      bilingual('p', '', (t) => t.noScript),
    );
}

/** A personal file: never kept by a cache, always saved rather than shown. */
export function sendPrivateFile(res: Response, file: ExportFile): void {
  res.sendRaw(200, file.body, {
    'content-type': file.contentType,
    'content-length': String(file.body.length),
    'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
}

/** Every refusal as `{ code, message }`, without data and without saying more than the person needs. */
export function sendDownloadFailure(res: Response, result: Exclude<DownloadResult, { kind: 'ok' }>): void {
  switch (result.kind) {
    case 'malformed':
      return sendError(res, 400, 'InvalidToken', 'the request must be {"token": "<the link token>"}');
    case 'unknown':
      return sendError(res, 404, 'UnknownLink', 'this download link is not valid; ask the bot for a new one');
    case 'expired':
      return sendError(res, 410, 'LinkExpired', 'the download link has expired; ask the bot for a new one');
    case 'used':
      return sendError(res, 410, 'LinkUsed', 'the download link has been used already; ask the bot for a new one');
    case 'forbidden':
      return sendError(res, 403, 'Forbidden', 'you may not export this municipality');
    case 'not_found':
      return sendError(
        res,
        404,
        'NotFound',
        result.what === 'municipality'
          ? 'no such municipality'
          : 'this municipality has not started the self-check yet',
      );
  }
}

export function mountDownloads(server: restify.Server, deps: DownloadRoutesDeps): void {
  const dir = path.join(projectRoot(), 'src', 'http', 'public', 'download');
  const revalidate = 'no-cache';
  const page = staticAsset(
    Buffer.from(renderPage(readFileSync(path.join(dir, 'index.html'), 'utf8')), 'utf8'),
    'text/html; charset=utf-8',
    revalidate,
  );
  const files = new Map<string, StaticAsset>([
    [
      'download.js',
      staticAsset(readFileSync(path.join(dir, 'download.js')), 'application/javascript; charset=utf-8', revalidate),
    ],
    ['download.css', staticAsset(readFileSync(path.join(dir, 'download.css')), 'text/css; charset=utf-8', revalidate)],
  ]);
  const limits = deps.rateLimits ?? new InMemoryRateLimits();
  const trustProxy = deps.trustProxy ?? false;

  server.get('/download', async (_req: Request, res: Response) => {
    // The browser keeps the fragment across this redirect (RFC 9110, 10.2.2).
    res.header('location', '/download/');
    res.send(301);
  });
  server.get('/download/', async (req: Request, res: Response) => sendStaticAsset(req, res, page, PAGE_HEADERS));
  server.get('/download/:file', async (req: Request, res: Response) => {
    const file = files.get(routeParam(req, 'file'));
    if (!file) return sendError(res, 404, 'NotFound', 'no such file');
    sendStaticAsset(req, res, file);
  });

  // Counted before the body is read: a client past its limit costs neither parsing nor a database query.
  const rateLimited: RequestHandler = (req, res, next) => {
    limits.hit(DOWNLOAD_RATE, clientKey(req, trustProxy), Date.now()).then(
      (decision) => {
        if (decision.ok) return next();
        res.header('retry-after', String(Math.ceil(decision.retryAfterMs / 1000)));
        sendError(res, 429, 'TooManyRequests', 'too many download attempts from this address; wait a minute');
        next(false);
      },
      (err: unknown) => {
        deps.logger?.error({ err }, 'download rate limit failed');
        sendError(res, 500, 'DownloadFailed', 'the download could not be prepared');
        next(false);
      },
    );
  };

  server.post(
    '/api/downloads',
    rateLimited,
    jsonBody({ maxBytes: DOWNLOAD_BODY_MAX_BYTES }),
    async (req: Request, res: Response) => {
      if (deps.lifecycle?.draining())
        return sendError(res, 503, 'ShuttingDown', 'the service is shutting down; retry shortly');
      const body: unknown = req.body;
      const token = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
      // The shape first: a malformed token never reaches the database.
      if (!isDownloadToken(token)) return sendDownloadFailure(res, { kind: 'malformed' });
      const work = deps.downloads.redeem(token).then(
        (result) => {
          if (result.kind !== 'ok') return sendDownloadFailure(res, result);
          deps.logger?.info({ bytes: result.file.body.length }, 'download by link');
          sendPrivateFile(res, result.file);
        },
        (err: unknown) => {
          // Also when the audit trail could not be written: then the file is not sent.
          deps.logger?.error({ err }, 'download failed');
          sendError(res, 500, 'DownloadFailed', 'the file could not be created');
        },
      );
      await (deps.lifecycle ? deps.lifecycle.track(work) : work);
    },
  );
}
