/**
 * Requests whose framing lies: Content-Encoding, Content-Type, charset, Content-Length and chunking that do
 * not match the body, broken JSON, oversized and deeply nested bodies. Sent over raw sockets to every route
 * that reads a JSON body (and a few that do not), because fetch would correct Content-Length.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { activityWithDeepField, deepJson } from './hostile';
import type { RawRequest, RawResponse } from './harness';

export interface RouteTarget {
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** A body the route accepts when it is framed honestly. */
  body: unknown;
  /** Largest body the route reads (bytes); deep nesting is sized below it. */
  limit: number;
  /** A JSON route of ours (415 for any Content-Encoding but identity, before reading the body). */
  readsJson: boolean;
}

export interface EncodingCase {
  label: string;
  /** Cases of one family test the same flaw; once one ended the process, the others are not sent. */
  family: string;
  request: RawRequest;
  /** The wanted behaviour beyond "no 5xx, process alive": returns what is wrong, or undefined. */
  want?: (r: RawResponse) => string | undefined;
}

/** any Content-Encoding other than identity gets 415 before the body is read. */
const is415 = (r: RawResponse) =>
  r.status === 415 ? undefined : `wanted 415 for a non-identity Content-Encoding, got ${r.status || r.noResponse}`;

/** `Content-Encoding: identity` means "not encoded": the body is read as if the header were absent. */
const accepted = (r: RawResponse) =>
  r.status >= 200 && r.status < 300
    ? undefined
    : `wanted the honest body accepted with Content-Encoding: identity, got ${r.status || r.noResponse}`;

/** 40 MB once unpacked, ~40 kB on the wire. */
let bomb: Buffer | undefined;
function gzipBomb(): Buffer {
  bomb ??= gzipSync(
    Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.alloc(40 * 1024 * 1024, 0x20), Buffer.from('"}')]),
    { level: 9 },
  );
  return bomb;
}

export function encodingCases(route: RouteTarget): EncodingCase[] {
  const want415 = route.readsJson ? is415 : undefined;
  const json = JSON.stringify(route.body);
  const utf8 = Buffer.from(json, 'utf8');
  const h = (extra: Record<string, string | number>) => ({ ...route.headers, ...extra });
  const jsonType = { 'content-type': 'application/json' };
  const req = (
    label: string,
    headers: Record<string, string | number>,
    body: Buffer | string,
    more: Partial<RawRequest> = {},
    want?: EncodingCase['want'],
  ): EncodingCase => ({
    label: `${route.name}: ${label}`,
    family: label.startsWith('gzip header,') ? 'gzip header with a body that is not valid gzip' : label,
    request: { method: route.method, path: route.path, headers: h(headers), body, ...more },
    want,
  });
  const cases: EncodingCase[] = [
    req('gzip header, body not gzip', { ...jsonType, 'content-encoding': 'gzip' }, json, {}, want415),
    req(
      'gzip header, truncated gzip',
      { ...jsonType, 'content-encoding': 'gzip' },
      gzipSync(utf8).subarray(0, 12),
      {},
      want415,
    ),
    req(
      'gzip header, gzip with a corrupted CRC',
      { ...jsonType, 'content-encoding': 'gzip' },
      Buffer.concat([gzipSync(utf8).subarray(0, -8), Buffer.alloc(8, 0xff)]),
      {},
      want415,
    ),
    req(
      'gzip header, random bytes',
      { ...jsonType, 'content-encoding': 'gzip' },
      Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37 + 11) % 256)),
      {},
      want415,
    ),
    req('deflate header, body not deflate', { ...jsonType, 'content-encoding': 'deflate' }, json, {}, want415),
    req('br header, body not brotli', { ...jsonType, 'content-encoding': 'br' }, json, {}, want415),
    req('gzip, deflate header, garbage', { ...jsonType, 'content-encoding': 'gzip, deflate' }, 'garbage', {}, want415),
    req('GZIP (upper case) header, garbage', { ...jsonType, 'content-encoding': 'GZIP' }, 'garbage', {}, want415),
    req('x-unknown encoding', { ...jsonType, 'content-encoding': 'x-unknown' }, json, {}, want415),
    req('valid gzip body', { ...jsonType, 'content-encoding': 'gzip' }, gzipSync(utf8), {}, want415),
    req('valid deflate body', { ...jsonType, 'content-encoding': 'deflate' }, deflateSync(utf8), {}, want415),
    req('valid br body', { ...jsonType, 'content-encoding': 'br' }, brotliCompressSync(utf8), {}, want415),
    req('gzip bomb (40 kB unpacking to 40 MB)', { ...jsonType, 'content-encoding': 'gzip' }, gzipBomb(), {}, want415),
    req(
      'identity encoding, honest body',
      { ...jsonType, 'content-encoding': 'identity' },
      json,
      {},
      route.readsJson ? accepted : undefined,
    ),
    req('text/plain with JSON', { 'content-type': 'text/plain' }, json),
    req('charset=utf-16 header, utf-8 body', { 'content-type': 'application/json; charset=utf-16' }, json),
    req(
      'charset=utf-16 header, utf-16le body',
      { 'content-type': 'application/json; charset=utf-16' },
      Buffer.from(json, 'utf16le'),
    ),
    req('no Content-Type', {}, json),
    req(
      'form-urlencoded',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'type=message&text=hilfe&__proto__[x]=1',
    ),
    req(
      'multipart junk',
      { 'content-type': 'multipart/form-data; boundary=x' },
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
    ),
    req('octet-stream', { 'content-type': 'application/octet-stream' }, json),
    req('Content-Length larger than the body', jsonType, json, { contentLength: utf8.length + 100, timeoutMs: 5000 }),
    req('Content-Length smaller than the body', jsonType, json, { contentLength: Math.max(1, utf8.length - 7) }),
    req('Content-Length 0 with a body', jsonType, json, { contentLength: 0 }),
    req('Content-Length not a number', { ...jsonType, 'content-length': 'abc' }, json),
    req(
      'two different Content-Length headers',
      { ...jsonType, 'content-length': `${utf8.length}, ${utf8.length + 1}` },
      json,
    ),
    req(
      'chunked and Content-Length',
      { ...jsonType, 'transfer-encoding': 'chunked', 'content-length': utf8.length },
      `${utf8.length.toString(16)}\r\n${json}\r\n0\r\n\r\n`,
      { noContentLength: true },
    ),
    req(
      'chunked with a bad chunk size',
      { ...jsonType, 'transfer-encoding': 'chunked' },
      `zz\r\n${json}\r\n0\r\n\r\n`,
      { noContentLength: true },
    ),
    req(
      'chunked, honest',
      { ...jsonType, 'transfer-encoding': 'chunked' },
      `${utf8.length.toString(16)}\r\n${json}\r\n0\r\n\r\n`,
      { noContentLength: true },
    ),
    req('wrong Content-MD5', { ...jsonType, 'content-md5': 'AAAAAAAAAAAAAAAAAAAAAA==' }, json),
    req('invalid JSON: {', jsonType, '{'),
    req('invalid JSON: unterminated string', jsonType, '{"type":"message","text":"'),
    req('JSON null', jsonType, 'null'),
    req('JSON array', jsonType, '[]'),
    req('JSON string', jsonType, '"hilfe"'),
    req('JSON number 1e999', jsonType, '1e999'),
    req('NaN', jsonType, 'NaN'),
    req('byte-order mark before the JSON', jsonType, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])),
    req(
      'invalid UTF-8 bytes in a string',
      jsonType,
      Buffer.concat([
        Buffer.from(json.slice(0, -1)),
        Buffer.from(',"x":"'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('"}'),
      ]),
    ),
    req('duplicate keys', jsonType, `${json.slice(0, -1)},"type":"__proto__","type":"message"}`),
    req('body past the size limit', jsonType, `{"type":"message","text":"${'x'.repeat(route.limit + 1024)}"}`),
    req('empty body', jsonType, ''),
  ];
  // Deep nesting, as raw JSON text: as deep as the route's size limit allows, and 10,000 levels in several fields.
  const maxDepth = Math.floor((route.limit - json.length - 200) / 2);
  if (typeof route.body === 'object' && route.body !== null) {
    const body = route.body as Record<string, unknown>;
    for (const [field, depth, kind] of [
      ['value', 10_000, 'array'],
      ['channelData', 10_000, 'object'],
      ['entities', 10_000, 'array'],
      ['value', maxDepth, 'array'],
      ['channelData', Math.floor(maxDepth / 3), 'object'],
    ] as const) {
      cases.push(
        req(`${field} nested ${depth} levels (${kind})`, jsonType, activityWithDeepField(body, field, depth, kind)),
      );
    }
    cases.push(req(`whole body nested ${maxDepth} levels`, jsonType, deepJson(maxDepth, 'array')));
  }
  return cases;
}
