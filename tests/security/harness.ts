/**
 * The fuzzed service as a child process (`node dist/src/index.js`): a crash anywhere ends that process, so
 * "one request can end the service" is observable, unlike in-process where it would end the test runner.
 * Requests go over raw sockets, so headers, Content-Length and encodings can lie.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startChildService, waitForExit, type ChildService } from '../support/childService';

export interface RawResponse {
  /** HTTP status, or 0 when the connection closed (or timed out) without a response. */
  status: number;
  headers: Record<string, string>;
  body: string;
  ms: number;
  /** Why there is no status: 'closed' (peer closed), 'timeout' or a socket error code. */
  noResponse?: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: Buffer | string;
  /** Write this Content-Length instead of the real one (a lying client). */
  contentLength?: number;
  /** Omit Content-Length entirely. */
  noContentLength?: boolean;
  timeoutMs?: number;
}

/** One request on its own connection, written byte for byte; nothing is corrected on the way. */
export function rawRequest(port: number, r: RawRequest): Promise<RawResponse> {
  const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : (r.body ?? Buffer.alloc(0));
  const headers: Record<string, string | number> = {
    host: `127.0.0.1:${port}`,
    connection: 'close',
    ...(r.headers ?? {}),
  };
  if (!r.noContentLength && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) {
    headers['content-length'] = r.contentLength ?? body.length;
  }
  const head = `${r.method} ${r.path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n`;
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (noResponse?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks), Date.now() - started, noResponse));
    };
    const timer = setTimeout(() => finish('timeout'), r.timeoutMs ?? 30_000);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (complete(Buffer.concat(chunks))) finish();
    });
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('error', (e: NodeJS.ErrnoException) => finish(e.code ?? 'error'));
    socket.write(head);
    socket.write(body);
    // A client that announced more bytes than it sends stops writing; the half-close tells the server.
    if (r.contentLength !== undefined && r.contentLength > body.length) setTimeout(() => socket.end(), 200);
  });
}

function splitHead(buf: Buffer): { head: string; rest: Buffer } | undefined {
  const i = buf.indexOf('\r\n\r\n');
  return i < 0 ? undefined : { head: buf.subarray(0, i).toString('latin1'), rest: buf.subarray(i + 4) };
}

function complete(buf: Buffer): boolean {
  const parts = splitHead(buf);
  if (!parts) return false;
  const m = /\r\ncontent-length:\s*(\d+)/i.exec(parts.head);
  return m !== null && parts.rest.length >= Number(m[1]);
}

function parseResponse(buf: Buffer, ms: number, noResponse?: string): RawResponse {
  const parts = splitHead(buf);
  const status = parts ? Number(/^HTTP\/1\.[01] (\d{3})/.exec(parts.head)?.[1] ?? 0) : 0;
  if (!parts || status === 0) return { status: 0, headers: {}, body: '', ms, noResponse: noResponse ?? 'closed' };
  const headers: Record<string, string> = {};
  for (const line of parts.head.split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status, headers, body: parts.rest.toString('utf8'), ms };
}

export const jsonRequest = (
  port: number,
  method: string,
  path: string,
  value: unknown,
  headers: Record<string, string> = {},
) =>
  rawRequest(port, {
    method,
    path,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
  });

/** The child service; restarted (and the death recorded) when a request ended it. */
export class FuzzedService {
  private child: ChildService | undefined;
  readonly deaths: string[] = [];
  /** Logs of children that ended (restarted or stopped). */
  private readonly pastLogs: string[] = [];

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    this.child = await startChildService(this.env, 90_000);
  }

  get port(): number {
    if (!this.child) throw new Error('service not started');
    return Number(new URL(this.child.url).port);
  }

  get pid(): number | undefined {
    return this.child?.process.pid;
  }

  output(): string {
    return this.child?.output() ?? '';
  }

  /** True when the process is still running and answers /healthz. */
  async alive(): Promise<boolean> {
    const c = this.child;
    if (!c || c.process.exitCode !== null || c.process.signalCode !== null) return false;
    const r = await rawRequest(this.port, { method: 'GET', path: '/healthz', timeoutMs: 5_000 });
    return r.status === 200;
  }

  /**
   * After `what`: when the process is gone, records how it ended and its last error lines, then starts it
   * again. A process that is merely busy (a slow request blocking the event loop) gets 30 s to answer
   * /healthz before it counts as hung and is killed.
   */
  async ensureAlive(what: string): Promise<boolean> {
    if (await this.alive()) return true;
    const c = this.child;
    if (!c) throw new Error('service not started');
    const exited = () => c.process.exitCode !== null || c.process.signalCode !== null;
    const deadline = Date.now() + 30_000;
    while (!exited() && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      if (
        !exited() &&
        (await rawRequest(this.port, { method: 'GET', path: '/healthz', timeoutMs: 5_000 })).status === 200
      )
        return true;
    }
    let how: string;
    if (exited()) how = `exited (code ${c.process.exitCode}, signal ${c.process.signalCode})`;
    else {
      how = 'hung: no answer to /healthz for 30 s (killed)';
      c.process.kill('SIGKILL');
      await waitForExit(c.process);
    }
    const log = c.output();
    this.pastLogs.push(log);
    const file = path.join(tmpdir(), `weltoffen-badinput-child-${c.process.pid}.log`);
    writeFileSync(file, log);
    // The fatal error is the last plain (not JSON-logged) "…Error: message" line, with its code if any.
    const lines = log.split('\n');
    const last = lines
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => /^(?:[A-Z][A-Za-z]*)?Error\b/.test(l))
      .pop();
    const code = last
      ? lines
          .slice(last.i, last.i + 12)
          .find((l) => /^\s+code:/.test(l))
          ?.trim()
      : undefined;
    const cause = last ? `${last.l.slice(0, 200)}${code ? ` (${code})` : ''}` : 'no error printed';
    this.deaths.push(`${what}: process ${how}; ${cause} (log: ${file})`);
    await this.start();
    return false;
  }

  /**
   * Turns that failed with an exception (answered by onTurnError with the generic apology, or 501 for an
   * invoke), grouped by error and the frame that threw: bad input that reached code unprepared for it.
   */
  turnErrors(): string[] {
    const counts = new Map<string, number>();
    for (const line of [...this.pastLogs, this.output()].join('\n').split('\n')) {
      if (!line.includes('"unhandled turn error"')) continue;
      try {
        const err = (JSON.parse(line) as { err?: { type?: string; message?: string; stack?: string } }).err;
        const frame =
          (err?.stack ?? '')
            .split('\n')[1]
            ?.trim()
            .replace(/\(.*node_modules\//, '(')
            .replace(/\(\/.*\/dist\//, '(dist/') ?? '';
        const key = `${err?.type}: ${(err?.message ?? '').slice(0, 80)} ${frame.slice(0, 110)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      } catch {
        // not a JSON log line
      }
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}× ${k}`);
  }

  /** Resident set size of the child in kB (Linux /proc). */
  rssKb(): number | undefined {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** SIGTERM and wait; resolves with the exit code (0 = graceful). */
  async stop(): Promise<number | null> {
    const c = this.child;
    if (!c) return null;
    this.child = undefined;
    // Its log (turn errors included) stays for reading after the run.
    writeFileSync(path.join(tmpdir(), `weltoffen-badinput-child-${c.process.pid}.log`), c.output());
    this.pastLogs.push(c.output());
    if (c.process.exitCode !== null || c.process.signalCode !== null) return c.process.exitCode;
    c.process.kill('SIGTERM');
    const exit = await Promise.race([
      waitForExit(c.process),
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 20_000).unref()),
    ]);
    if (!exit) {
      c.process.kill('SIGKILL');
      await waitForExit(c.process);
      return null;
    }
    return exit.code;
  }
}

/** A Bot Connector stand-in on loopback: accepts every post, so replies of non-expectReplies turns stay local. */
export interface FakeConnector {
  url: string;
  received(): number;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    count++;
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET') {
        res.statusCode = 404;
        res.end('{"error":{"code":"NotFound","message":"no such member"}}');
      } else res.end(JSON.stringify({ id: `fake-${count}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    received: () => count,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/**
 * Every test sends traffic to loopback only: a generated serviceUrl that parses as a URL with another host
 * is replaced (the bot would post replies there). Returns true when it had to.
 */
export function keepServiceUrlLocal(activity: Record<string, unknown>, fallback: string): boolean {
  const s = activity['serviceUrl'];
  if (typeof s !== 'string') return false;
  let host: string;
  try {
    host = new URL(s).hostname;
  } catch {
    return false;
  }
  if (host === '' || host === '127.0.0.1' || host === '[::1]') return false;
  activity['serviceUrl'] = fallback;
  return true;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items.at(i) as T, i);
    }
  });
  await Promise.all(runners);
}
