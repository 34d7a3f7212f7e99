import { createServer, Socket, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/index';
import type { OpenOptions } from '../../src/infrastructure/db/database';
import { baseEnv } from './service';
import { createTestDatabase, type TestDatabase } from './testDatabase';

/** An error shaped as pg reports a refused connection (code, syscall, errno), as Prisma's pg adapter expects. */
export function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
    code: 'ECONNREFUSED',
    errno: -111,
    syscall: 'connect',
    address: '127.0.0.1',
    port: 5432,
  });
}

/**
 * Fault injection through the Database's `beforeStatement` seam: `cut()` fails every statement from now
 * on, `failAfter(k, n)` lets k statements pass and fails the n after them, `restore()` ends it.
 */
export class StatementFaults {
  private pass = Infinity;
  private fail = 0;
  /** Statements failed so far. */
  failed = 0;

  readonly beforeStatement = (): void => {
    if (this.pass > 0 && this.pass !== Infinity) {
      this.pass--;
      return;
    }
    if (this.pass === Infinity || this.fail <= 0) return;
    this.fail--;
    this.failed++;
    throw connectionRefused();
  };

  cut(): void {
    this.failAfter(0, Infinity);
  }

  failAfter(pass: number, fail: number): void {
    this.pass = pass;
    this.fail = fail;
  }

  restore(): void {
    this.pass = Infinity;
    this.fail = 0;
  }
}

/** The real service (as startTestService) with extra database options such as the fault seam. */
export async function startServiceWith(
  database: TestDatabase,
  openOptions: Partial<OpenOptions>,
  databaseUrl?: string,
): Promise<{ url: string; service: RunningService }> {
  const dbUrl = databaseUrl ?? (database.target.kind === 'postgres' ? database.target.url : 'pglite:memory');
  // The outbox sender and the reminder job stay quiet (a minute / a day), so the faults hit the turns under test.
  const config = loadConfig(baseEnv({ DATABASE_URL: dbUrl, OUTBOX_POLL_MS: '60000', REMINDER_CHECK_MINUTES: '1440' }));
  const service = await startService(config, { database: { ...database.openOptions, ...openOptions } });
  return { url: `http://127.0.0.1:${service.port}`, service };
}

/**
 * A TCP relay on 127.0.0.1 in front of the test PostgreSQL: `cut()` destroys every open connection and
 * refuses new ones (the listener closes), `restore()` listens on the same port again.
 */
export class TcpRelay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async listen(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      this.sockets.add(client);
      this.sockets.add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      upstream.connect(this.target.port, this.target.host, () => {
        client.pipe(upstream);
        upstream.pipe(client);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }

  restore(): Promise<void> {
    return this.listen();
  }

  close(): Promise<void> {
    return this.cut();
  }
}

export { createTestDatabase };
