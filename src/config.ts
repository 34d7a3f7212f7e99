import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parse as parseDotenv } from 'dotenv';
import { readFileSync } from 'node:fs';

/**
 * The only place that reads process.env. Everything else receives an AppConfig.
 * A bad value stops start-up with a message that names the variable.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const intFromEnv = (def: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return def;
      if (!/^\d+$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number, got "${v}"` });
        return z.NEVER;
      }
      return Number(v);
    })
    .pipe(z.number().int().min(min).max(max));

const envSchema = z
  .object({
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
      .optional()
      .or(z.literal('').transform(() => undefined)),
    MicrosoftAppTenantId: optionalString,
    PORT: intFromEnv(3978, 0, 65535),
    HOST: optionalString,
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .refine((v) => /^(postgres(ql)?:\/\/|pglite:)/.test(v), {
          message: 'must start with postgresql://, postgres:// or pglite: (pglite:memory or pglite:<directory>)',
        })
        .optional(),
    ),
    DATA_DIR: optionalString,
    LOG_LEVEL: z.enum(LOG_LEVELS).optional().or(z.literal('').transform(() => undefined)),
    MAX_BODY_BYTES: intFromEnv(256 * 1024, 1024, 16 * 1024 * 1024),
    SHUTDOWN_TIMEOUT_MS: intFromEnv(10_000, 0, 120_000),
    STATE_CONFLICT_RETRIES: intFromEnv(3, 0, 10),
    BOT_OPENID_METADATA_URL: optionalString.pipe(z.url().optional()),
    NODE_ENV: optionalString,
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set (except for UserAssignedMSI)' });
    }
    if (env.MicrosoftAppType && env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `is required when MicrosoftAppType is ${env.MicrosoftAppType}` });
    }
  });

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | undefined }
  | { kind: 'postgres'; url: string };

export interface AppConfig {
  bot: {
    appId: string | undefined;
    appPassword: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId: string | undefined;
    /** Local mode: no app id, channel authentication is off (Emulator, curl, tests). */
    localMode: boolean;
    openIdMetadataUrl: string | undefined;
  };
  http: { port: number; host: string; maxBodyBytes: number; shutdownTimeoutMs: number };
  database: DatabaseTarget;
  logLevel: (typeof LOG_LEVELS)[number];
  stateConflictRetries: number;
  production: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function databaseTarget(url: string | undefined, dataDir: string | undefined, cwd: string): DatabaseTarget {
  if (url === undefined) return { kind: 'pglite', dataDir: path.resolve(cwd, dataDir ?? '.data', 'pglite') };
  if (url.startsWith('pglite:')) {
    const rest = url.slice('pglite:'.length);
    return { kind: 'pglite', dataDir: rest === 'memory' || rest === '' ? undefined : path.resolve(cwd, rest) };
  }
  return { kind: 'postgres', url };
}

/** Reads `.env` from cwd (if present) under the real environment: real variables win. */
export function readEnvironment(cwd = process.cwd()): NodeJS.ProcessEnv {
  const file = path.join(cwd, '.env');
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...process.env };
}

export function loadConfig(env: NodeJS.ProcessEnv = readEnvironment(), cwd = process.cwd()): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'} ${i.message}`));
  }
  const e = parsed.data;
  return {
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType ?? 'MultiTenant',
      tenantId: e.MicrosoftAppTenantId,
      localMode: e.MicrosoftAppId === undefined,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
    },
    http: {
      port: e.PORT,
      host: e.HOST ?? '0.0.0.0',
      maxBodyBytes: e.MAX_BODY_BYTES,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    },
    database: databaseTarget(e.DATABASE_URL, e.DATA_DIR, cwd),
    logLevel: e.LOG_LEVEL ?? 'info',
    stateConflictRetries: e.STATE_CONFLICT_RETRIES,
    production: e.NODE_ENV === 'production',
  };
}
