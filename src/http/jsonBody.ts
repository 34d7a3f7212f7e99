/**
 * The one JSON body reader of every route that takes a body. restify's body
 * plugins are not used anywhere: their gunzip stream has no error handler (a garbage gzip body ended the
 * process) and they apply the size limit to the raw bytes only, so a small gzip could unpack to any size.
 *
 * Order of checks, cheapest first and before any work on the body:
 *   1. Content-Encoding other than absent/identity → 415 (no byte is read, nothing is decoded)
 *   2. declared Content-Length over the limit → 413
 *   3. a body with a content type that is not JSON → 415
 *   4. reading: past the limit → 413 at once (also for chunked bodies and a lying Content-Length)
 *   5. not UTF-8 or nested deeper than maxDepth (linear scan, no recursion) or not JSON → 400
 */
import type { Request, RequestHandler, Response } from 'restify';
import { sendError } from './errors';

export interface JsonBodyOptions {
  /** Largest raw body in bytes for this route. */
  readonly maxBytes: number;
  /** Deepest nesting of objects and arrays; none of our payloads comes close to the default. */
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 32;

type ReadResult =
  { readonly kind: 'ok'; readonly body: Buffer } | { readonly kind: 'too_large' } | { readonly kind: 'aborted' };

/** Route middleware: sets req.body (undefined for an empty body) or answers the error itself. */
export function jsonBody(options: JsonBodyOptions): RequestHandler {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  return (req: Request, res: Response, next: (err?: false) => void): void => {
    const encoding = headerText(req.headers['content-encoding']).trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      sendError(
        res,
        415,
        'UnsupportedContentEncoding',
        'compressed request bodies are not accepted; send the JSON uncompressed',
      );
      return next(false);
    }
    const declared = headerText(req.headers['content-length']).trim();
    const chunked = req.headers['transfer-encoding'] !== undefined;
    if (declared !== '' && Number(declared) > options.maxBytes) return tooLarge(res, options.maxBytes, next);
    // HTTP/1.1: without Content-Length and Transfer-Encoding a request has no body.
    if (!chunked && (declared === '' || Number(declared) === 0)) {
      req.body = undefined;
      return next();
    }
    if (!isJsonType(headerText(req.headers['content-type']))) {
      sendError(res, 415, 'UnsupportedMediaType', 'send the body as application/json (UTF-8)');
      return next(false);
    }
    readLimited(req, options.maxBytes).then(
      (read) => {
        if (read.kind === 'aborted') return next(false);
        if (read.kind === 'too_large') return tooLarge(res, options.maxBytes, next);
        if (read.body.length === 0) {
          req.body = undefined;
          return next();
        }
        const parsed = parseJson(read.body, maxDepth);
        if (parsed.kind === 'error') {
          sendError(res, 400, 'InvalidJson', parsed.message);
          return next(false);
        }
        req.body = parsed.value;
        next();
      },
      () => {
        // readLimited does not reject; should it ever, the client still gets an answer.
        if (!res.headersSent) sendError(res, 400, 'InvalidBody', 'the request body could not be read');
        next(false);
      },
    );
  };
}

function tooLarge(res: Response, maxBytes: number, next: (err?: false) => void): void {
  // The rest of the body is not read: the connection ends after this answer instead of draining it.
  res.header('connection', 'close');
  sendError(res, 413, 'PayloadTooLarge', `the request body exceeds ${maxBytes} bytes`);
  next(false);
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

/** application/json or application/<something>+json, with no charset other than UTF-8. */
export function isJsonType(contentType: string): boolean {
  const [type = '', ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) return false;
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/** Collects at most maxBytes; resolves as soon as the limit is passed and stops keeping what follows. */
function readLimited(req: Request, maxBytes: number): Promise<ReadResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: ReadResult) => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('aborted', onAborted);
      req.removeListener('close', onClose);
      // Whatever else arrives is dropped unread until the connection closes.
      req.on('error', () => undefined);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        finish({ kind: 'too_large' });
        req.resume();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ kind: 'ok', body: Buffer.concat(chunks, size) });
    const onAborted = () => finish({ kind: 'aborted' });
    const onClose = () =>
      finish(req.complete ? { kind: 'ok', body: Buffer.concat(chunks, size) } : { kind: 'aborted' });
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('aborted', onAborted);
    req.once('close', onClose);
    req.once('error', onAborted);
    req.resume();
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseJson(
  raw: Buffer,
  maxDepth: number,
): { kind: 'ok'; value: unknown } | { kind: 'error'; message: string } {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { kind: 'error', message: 'the body is not valid UTF-8 JSON' };
  }
  if (exceedsDepth(text, maxDepth))
    return { kind: 'error', message: `the JSON body is nested deeper than ${maxDepth} levels` };
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'error', message: 'the body is not valid JSON' };
  }
}

/** One pass over the text counting open brackets outside strings: linear, no recursion, works on malformed input too. */
export function exceedsDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
