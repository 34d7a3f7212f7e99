import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../generated/prisma/client';
import { flushingAdapter, flushingSqlRunner } from './turnWrites';

/**
 * Which database to open. Declared here, not imported from config, because infrastructure takes its
 * settings as arguments; config's `DatabaseTarget` has the same shape and is checked against it where
 * the composition root passes it in.
 */
export type DatabaseTarget =
  | { readonly kind: 'pglite'; readonly dataDir: string | undefined }
  | { readonly kind: 'postgres'; readonly url: string };

/** One connection used for work that must stay on a single session (advisory locks, migrations). */
export interface SqlSession {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs a script that may hold several statements. */
  exec(script: string): Promise<void>;
}

/**
 * Plain SQL on the pool, past Prisma's query interpreter: for the few statements that run on every
 * turn (bot state), where Prisma's per-query overhead (~110 µs CPU) is a large share of a turn.
 */
export interface SqlRunner {
  query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: R[]; rowCount: number }>;
}

/** A SqlRunner on Prisma's raw-query API, for code handed only a PrismaClient (tests, tools). */
export function prismaSqlRunner(prisma: PrismaClient): SqlRunner {
  return {
    query: async <R>(sql: string, params: readonly unknown[] = []) => {
      const rows = await prisma.$queryRawUnsafe<R[]>(sql, ...params);
      return { rows, rowCount: rows.length };
    },
  };
}

export interface Database {
  readonly kind: DatabaseTarget['kind'];
  readonly prisma: PrismaClient;
  readonly sql: SqlRunner;
  /** The embedded instance, when kind is 'pglite' (tests snapshot it). */
  readonly pglite?: PGlite;
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A dump of an already migrated PGlite database (tests start from it in ~0.4 s instead of migrating). */
  pgliteSnapshot?: Blob;
  /** Upper bound of pooled PostgreSQL connections. */
  poolSize?: number;
  /** Told about errors of idle pooled connections (logged by the service). */
  onIdleError?: (err: Error) => void;
  /**
   * Fault injection for outage tests: called before every statement (plain SQL, Prisma, sessions);
   * whatever it throws fails that statement as a broken connection would. Never set in production.
   */
  beforeStatement?: () => void;
}

/**
 * Wraps a SqlRunner, session, Prisma driver adapter factory, connection or transaction so that `hook` runs
 * before each of `methods`; `wrapResult` wraps what a method resolves to (a connection, a transaction).
 */
function withFaults<T extends object>(
  target: T,
  hook: (() => void) | undefined,
  methods: readonly string[],
  wrapResult: Readonly<Record<string, (value: object) => object>> = {},
): T {
  if (hook === undefined) return target;
  return new Proxy(target, {
    get(t, prop, receiver) {
      const value: unknown = Reflect.get(t, prop, receiver);
      if (typeof value !== 'function') return value;
      const bound = (value as (...a: unknown[]) => unknown).bind(t);
      const name = String(prop);
      if (!methods.includes(name)) return bound;
      return async (...args: unknown[]) => {
        hook();
        const result = await bound(...args);
        const wrap = wrapResult[name];
        return wrap !== undefined && typeof result === 'object' && result !== null ? wrap(result) : result;
      };
    },
  });
}

const STATEMENT_METHODS = ['query', 'exec', 'queryRaw', 'executeRaw', 'executeScript', 'startTransaction'] as const;

/** A driver adapter factory whose connections and their transactions run the fault hook before each statement. */
function faultingAdapter<F extends object>(factory: F, hook: (() => void) | undefined): F {
  const transaction = (tx: object): object => withFaults(tx, hook, STATEMENT_METHODS);
  const connection = (c: object): object => withFaults(c, hook, STATEMENT_METHODS, { startTransaction: transaction });
  return withFaults(factory, hook, ['connect'], { connect: connection });
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target.url, options) : openPglite(target.dataDir, options);
}

async function openPglite(dataDir: string | undefined, options: OpenOptions): Promise<Database> {
  if (dataDir !== undefined) mkdirSync(path.dirname(dataDir), { recursive: true });
  const pglite = new PGlite(dataDir, options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {});
  await pglite.waitReady;
  // PGlite runs each query under its transaction mutex, so this never interleaves with a Prisma transaction.
  const sql = flushingSqlRunner(
    withFaults<SqlRunner>(
      {
        query: async <R>(text: string, params?: readonly unknown[]) => {
          const r = await pglite.query<R>(text, params as unknown[] | undefined);
          return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
        },
      },
      options.beforeStatement,
      STATEMENT_METHODS,
    ),
  );
  const prisma = new PrismaClient({
    adapter: flushingAdapter(faultingAdapter(new PrismaPGlite(pglite), options.beforeStatement)),
  });
  // PGlite is a single session already; serialise callers so a lock held by one is not shared by another.
  let queue: Promise<unknown> = Promise.resolve();
  const session: SqlSession = withFaults<SqlSession>(
    {
      query: async <R>(sql: string, params?: unknown[]) => (await pglite.query<R>(sql, params)).rows,
      exec: async (script) => {
        await pglite.exec(script);
      },
    },
    options.beforeStatement,
    STATEMENT_METHODS,
  );
  return {
    kind: 'pglite',
    prisma,
    sql,
    pglite,
    withSession<T>(fn: (s: SqlSession) => Promise<T>): Promise<T> {
      const run = queue.then(() => fn(session));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // the pool discards that client and opens a new one on the next query.
  pool.on('error', (err) => options.onIdleError?.(err));
  // Fail fast with a clear error instead of on the first turn.
  const probe = await pool.connect();
  probe.release();
  const sql = flushingSqlRunner(
    withFaults<SqlRunner>(
      {
        query: async <R>(text: string, params?: readonly unknown[]) => {
          const r = await pool.query(text, params as unknown[] | undefined);
          return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
        },
      },
      options.beforeStatement,
      STATEMENT_METHODS,
    ),
  );
  const prisma = new PrismaClient({
    adapter: flushingAdapter(faultingAdapter(new PrismaPg(pool), options.beforeStatement)),
  });
  return {
    kind: 'postgres',
    prisma,
    sql,
    async withSession<T>(fn: (s: SqlSession) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        return await fn(
          withFaults<SqlSession>(
            {
              query: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R[],
              exec: async (script) => {
                await client.query(script);
              },
            },
            options.beforeStatement,
            STATEMENT_METHODS,
          ),
        );
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}
