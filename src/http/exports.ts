/**
 * Workshop exports over HTTP:
 *   GET /api/exports/:municipalityId/report.pdf | answers.csv | answers.json   (`Authorization: Bearer` only)
 *   GET /api/exports/questionnaire/:fieldId.pdf   (public, contains no answers)
 * The bot's download links are opaque tokens redeemed at POST /api/downloads (downloads.ts). The signed
 * `?exp&iss&sig` links of earlier releases carried the issuer's identity in the URL; they are refused here
 * with a hint to ask the bot for a new link, before anything else is looked at.
 */
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { Locale } from '../domain/selbstcheck';
import type { DownloadService } from '../services/downloadService';
import {
  EXPORT_FILES,
  isFieldId,
  type ExportFormat,
  type ExportService,
  type PublicExportFile,
} from '../services/exportService';
import { mountDownloads, sendDownloadFailure, sendPrivateFile, type DownloadRoutesDeps } from './downloads';
import { routeParam, sendError } from './errors';

export interface ExportRoutesDeps extends Omit<DownloadRoutesDeps, 'downloads'> {
  readonly exports: Pick<ExportService, 'blankQuestionnaire'>;
  readonly downloads: Pick<DownloadService, 'exportWithBearer' | 'redeem'>;
  /** Validates a bearer token (AAD for the dashboard) and returns the identity key, or undefined. */
  readonly authenticate?: (req: Request) => Promise<string | undefined>;
  readonly logger?: Logger;
}

/** The query parameters of the retired signed links. */
const OLD_LINK_PARAMETERS = ['exp', 'iss', 'sig'];

const FORMAT_OF_FILE: Readonly<Record<string, ExportFormat>> = Object.fromEntries(
  Object.entries(EXPORT_FILES).map(([format, f]) => [f.file, format as ExportFormat]),
);

function queryOf(req: Request): Record<string, string> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  return Object.fromEntries(url.searchParams);
}

function localeOf(query: Record<string, string>): Locale {
  return query.lang === 'en' ? 'en' : 'de';
}

/** The blank questionnaire holds no answers: shared caches may keep it, and revalidation costs a 304. */
function sendPublicFile(req: Request, res: Response, file: PublicExportFile): void {
  const headers = {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
    'cache-control': 'public, max-age=3600',
    etag: file.etag,
    'x-content-type-options': 'nosniff',
  };
  if (etagMatches(String(req.headers['if-none-match'] ?? ''), file.etag)) return void res.sendRaw(304, '', headers);
  res.sendRaw(200, file.body, { ...headers, 'content-length': String(file.body.length) });
}

/** If-None-Match: "*" or a list of tags; weak comparison as RFC 9110 prescribes for this header. */
export function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function mountExports(server: restify.Server, deps: ExportRoutesDeps): void {
  mountDownloads(server, deps);
  server.get('/api/exports/:first/:file', async (req: Request, res: Response) => {
    const first = routeParam(req, 'first');
    const file = routeParam(req, 'file');
    const query = queryOf(req);
    const locale = localeOf(query);
    try {
      if (first === 'questionnaire') {
        const fieldId = file.replace(/\.pdf$/, '');
        if (!file.endsWith('.pdf') || !isFieldId(fieldId))
          return sendError(res, 404, 'NotFound', 'no such questionnaire; use MS, IO, FZ, AW, EB, ZB or KK');
        return sendPublicFile(req, res, await deps.exports.blankQuestionnaire(fieldId, locale));
      }
      // Old signed links: refused whatever else the request carries, and nothing is looked up or recorded.
      if (OLD_LINK_PARAMETERS.some((p) => query[p] !== undefined))
        return sendError(
          res,
          410,
          'LinkRetired',
          'this kind of download link is no longer valid; ask the bot for a new one (export <municipality> pdf|csv|json)',
        );
      const format = FORMAT_OF_FILE[file];
      if (format === undefined) return sendError(res, 404, 'NotFound', 'use report.pdf, answers.csv or answers.json');
      if (!req.header('authorization')) {
        res.header('www-authenticate', 'Bearer');
        return sendError(res, 401, 'Unauthorized', 'sign in to the dashboard or use a download link from the bot');
      }
      const identityKey = deps.authenticate ? await deps.authenticate(req) : undefined;
      if (identityKey === undefined) return sendError(res, 401, 'Unauthorized', 'a valid bearer token is required');

      const result = await deps.downloads.exportWithBearer(identityKey, first, format, locale);
      if (result.kind !== 'ok') return sendDownloadFailure(res, result);
      deps.logger?.info({ municipalityId: first, format, bytes: result.file.body.length }, 'export downloaded');
      return sendPrivateFile(res, result.file);
    } catch (err) {
      deps.logger?.error({ err }, 'export failed');
      return sendError(res, 500, 'ExportFailed', 'the export could not be created');
    }
  });
}
