/**
 * Workshop exports over HTTP:
 *   GET /api/exports/:municipalityId/report.pdf | answers.csv | answers.json
 *   GET /api/exports/questionnaire/:fieldId.pdf   (public, contains no answers)
 * Authentication: a signed short-lived link (?exp&iss&sig, handed out by the bot) or `Authorization: Bearer`
 * through the injected `authenticate`. Access is decided by AccessService in both cases, at download time.
 */
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { Locale } from '../domain/selbstcheck';
import type { AccessService } from '../services/accessService';
import {
  EXPORT_FILES,
  isFieldId,
  type ExportFormat,
  type ExportLinkSigner,
  type ExportService,
  type PublicExportFile,
} from '../services/exportService';
import { routeParam, sendError } from './errors';

export interface ExportRoutesDeps {
  readonly exports: Pick<ExportService, 'export' | 'blankQuestionnaire'>;
  readonly access: Pick<AccessService, 'check'>;
  readonly signer: ExportLinkSigner;
  /** Validates a bearer token (AAD for the dashboard) and returns the identity key, or undefined. */
  readonly authenticate?: (req: Request) => Promise<string | undefined>;
  readonly logger?: Logger;
}

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

function sendFile(res: Response, file: { body: Buffer; contentType: string; fileName: string }): void {
  res.sendRaw(200, file.body, {
    'content-type': file.contentType,
    'content-length': String(file.body.length),
    'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
    // Answers of named municipalities: nothing may be kept by proxies or the browser cache.
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
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
      const format = FORMAT_OF_FILE[file];
      if (format === undefined) return sendError(res, 404, 'NotFound', 'use report.pdf, answers.csv or answers.json');

      let identityKey: string | undefined;
      if (query.sig !== undefined || query.exp !== undefined || query.iss !== undefined) {
        const link = deps.signer.verify(first, format, query);
        if (link.kind === 'invalid')
          return sendError(res, 401, 'InvalidLink', 'the download link is not valid; ask the bot for a new one');
        if (link.kind === 'expired')
          return sendError(res, 403, 'LinkExpired', 'the download link has expired; ask the bot for a new one');
        identityKey = link.claims.issuer;
      } else if (req.header('authorization')) {
        identityKey = deps.authenticate ? await deps.authenticate(req) : undefined;
        if (identityKey === undefined) return sendError(res, 401, 'Unauthorized', 'a valid bearer token is required');
      } else {
        res.header('www-authenticate', 'Bearer');
        return sendError(res, 401, 'Unauthorized', 'sign in or use a download link from the bot');
      }

      // Checked again at download time, so a revoked role stops links issued before.
      const decision = await deps.access.check(identityKey, 'export', { municipalityId: first });
      if (!decision.allowed) return sendError(res, 403, 'Forbidden', 'you may not export this municipality');

      const result = await deps.exports.export(first, format, locale);
      if (result.kind === 'not_found') {
        return sendError(
          res,
          404,
          'NotFound',
          result.what === 'municipality'
            ? 'no such municipality'
            : 'this municipality has not started the self-check yet',
        );
      }
      deps.logger?.info({ municipalityId: first, format, bytes: result.file.body.length }, 'export downloaded');
      return sendFile(res, result.file);
    } catch (err) {
      deps.logger?.error({ err }, 'export failed');
      return sendError(res, 500, 'ExportFailed', 'the export could not be created');
    }
  });
}
