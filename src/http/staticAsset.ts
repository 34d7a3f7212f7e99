import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'restify';

/** A file served from memory with a content hash as ETag and, when compressed up front, its gzip form. */
export interface StaticAsset {
  readonly body: Buffer;
  readonly gz?: Buffer;
  readonly type: string;
  readonly etag: string;
  readonly cache: string;
}

export function staticAsset(body: Buffer, type: string, cache: string, options: { gzip?: boolean } = {}): StaticAsset {
  return {
    body,
    ...(options.gzip ? { gz: gzipSync(body, { level: 9 }) } : {}),
    type,
    cache,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

/** 304 for a matching If-None-Match, else the gzip form when the client accepts it and one exists. */
export function sendStaticAsset(
  req: Request,
  res: Response,
  a: StaticAsset,
  extra: Readonly<Record<string, string>> = {},
): void {
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
  if (a.gz && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')))
    res.sendRaw(200, a.gz, { ...headers, 'content-encoding': 'gzip' });
  else res.sendRaw(200, a.body, headers);
}
