import { loadConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/index';
import { createTestDatabase, type TestDatabase } from './testDatabase';

export interface TestService {
  url: string;
  service: RunningService;
  database: TestDatabase;
  /** POSTs an activity with expectReplies and returns the status and the parsed body. */
  post(activity: object, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  replies(activity: object): Promise<ReplyActivity[]>;
  stop(): Promise<void>;
}

export interface ReplyActivity {
  type: string;
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
  suggestedActions?: unknown;
  [key: string]: unknown;
}

export function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...extra };
}

/** Starts the real service (composition root, HTTP server, database) on a free loopback port. */
export async function startTestService(env: Record<string, string> = {}, database?: TestDatabase): Promise<TestService> {
  const db = database ?? (await createTestDatabase());
  const dbUrl = db.target.kind === 'postgres' ? db.target.url : 'pglite:memory';
  const config = loadConfig(baseEnv({ DATABASE_URL: dbUrl, ...env }));
  const service = await startService(config, { database: db.openOptions });
  const url = `http://127.0.0.1:${service.port}`;
  const post = async (activity: object, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  return {
    url,
    service,
    database: db,
    post,
    async replies(activity) {
      const { status, body } = await post({ deliveryMode: 'expectReplies', ...activity });
      if (status !== 200) throw new Error(`expected 200, got ${status}: ${JSON.stringify(body)}`);
      return ((body as { activities?: ReplyActivity[] } | undefined)?.activities ?? []).filter((a) => a.type !== 'trace');
    },
    async stop() {
      await service.stop();
      if (!database) await db.dispose();
    },
  };
}
