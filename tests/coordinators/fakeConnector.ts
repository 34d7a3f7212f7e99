import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  url: string;
  conversationId: string;
  body: Record<string, unknown>;
  at: number;
  status: number;
  /** The Authorization header the bot sent (authenticated test mode: the test credentials' token). */
  authorization: string | undefined;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A local fake Bot Connector (the bot's `serviceUrl`): records every call and answers from a per-conversation
 * script (default 201 with a fresh activity id). Local mode (no MicrosoftAppId) sends no credentials; the
 * authenticated test mode sends the test credentials' token (tests/support/service.ts).
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly scripts = new Map<string, ScriptedResponse[]>();
  private server: Server | undefined;
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const m = /^\/v3\/conversations\/([^/]+)/.exec(req.url ?? '');
        const conversationId = m ? decodeURIComponent(m[1] ?? '') : '';
        const scripted = this.scripts.get(conversationId)?.shift();
        const status = scripted?.status ?? (req.method === 'PUT' ? 200 : 201);
        this.calls.push({
          method: req.method ?? '',
          url: req.url ?? '',
          conversationId,
          body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
          at: Date.now(),
          status,
          authorization: req.headers.authorization,
        });
        res.writeHead(status, { 'content-type': 'application/json', ...(scripted?.headers ?? {}) });
        const id = `activity-${++this.counter}`;
        res.end(
          JSON.stringify(
            scripted?.body ?? (status < 300 ? { id } : { error: { code: 'Error', message: `status ${status}` } }),
          ),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  /** The next responses for a conversation, in order; afterwards the default again. */
  script(conversationId: string, ...responses: ScriptedResponse[]): void {
    this.scripts.set(conversationId, [...(this.scripts.get(conversationId) ?? []), ...responses]);
  }

  posts(conversationId?: string): ConnectorCall[] {
    return this.calls.filter(
      (c) =>
        c.method === 'POST' &&
        /\/activities/.test(c.url) &&
        (conversationId === undefined || c.conversationId === conversationId),
    );
  }

  successfulPosts(conversationId?: string): ConnectorCall[] {
    return this.posts(conversationId).filter((c) => c.status < 300);
  }

  updates(conversationId?: string): ConnectorCall[] {
    return this.calls.filter(
      (c) => c.method === 'PUT' && (conversationId === undefined || c.conversationId === conversationId),
    );
  }

  reset(): void {
    this.calls.length = 0;
    this.scripts.clear();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Polls until `check` is true or the time is up. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, stepMs = 50): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
