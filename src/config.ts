import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parse as parseDotenv } from 'dotenv';
import {
  isLoopbackHost,
  parseServiceUrlEntry,
  serviceUrlPolicy,
  type ServiceUrlEntry,
  type ServiceUrlPolicy,
} from './domain/conversation/serviceUrl';

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

/** Comma- or space-separated ids (AAD object ids, tenant ids): GUID-like tokens only. */
const idList = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(/[\s,;]+/).filter((x) => x !== ''))
  .pipe(
    z.array(
      z.string().regex(/^[0-9a-zA-Z-]{1,64}$/, 'must be a comma-separated list of ids (letters, digits, dashes)'),
    ),
  );

/** Extra serviceUrl hosts or origins (comma- or space-separated), each checked by the domain's parser. */
const serviceUrlEntries = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const entries: ServiceUrlEntry[] = [];
    for (const item of (v ?? '').split(/[\s,;]+/).filter((x) => x !== '')) {
      const parsed = parseServiceUrlEntry(item);
      if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
      else entries.push(parsed);
    }
    return entries;
  });

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
    PUBLIC_BASE_URL: optionalString.pipe(z.url().optional()),
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
    LOG_LEVEL: z
      .enum(LOG_LEVELS)
      .optional()
      .or(z.literal('').transform(() => undefined)),
    MAX_BODY_BYTES: intFromEnv(256 * 1024, 1024, 16 * 1024 * 1024),
    SHUTDOWN_TIMEOUT_MS: intFromEnv(10_000, 0, 120_000),
    STATE_CONFLICT_RETRIES: intFromEnv(3, 0, 10),
    BOT_OPENID_METADATA_URL: optionalString.pipe(z.url().optional()),
    // Channel authentication modes and the serviceUrl allow-list.
    WEB_CHAT_ONLY: z
      .enum(['true', 'false'])
      .optional()
      .or(z.literal('').transform(() => undefined)),
    ALLOW_UNAUTHENTICATED_REMOTE: z
      .enum(['true', 'false'])
      .optional()
      .or(z.literal('').transform(() => undefined)),
    BOT_SERVICE_URL_HOSTS: serviceUrlEntries,
    NODE_ENV: optionalString,
    WEBCHAT_ENABLED: z
      .enum(['true', 'false'])
      .optional()
      .or(z.literal('').transform(() => undefined)),
    DIRECTLINE_TOKEN_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    DIRECTLINE_TOKEN_TTL_SECONDS: intFromEnv(3600, 60, 86_400),
    DIRECTLINE_IDLE_TIMEOUT_SECONDS: intFromEnv(1800, 60, 86_400),
    DIRECTLINE_CONVERSATIONS_PER_CLIENT: intFromEnv(20, 1, 10_000),
    DIRECTLINE_CONVERSATION_WINDOW_SECONDS: intFromEnv(3600, 60, 86_400),
    DIRECTLINE_MESSAGES_PER_MINUTE: intFromEnv(30, 1, 1000),
    DIRECTLINE_MESSAGES_PER_CLIENT_PER_MINUTE: intFromEnv(60, 1, 100_000),
    DIRECTLINE_MAX_CONVERSATIONS: intFromEnv(5000, 1, 1_000_000),
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .optional()
      .or(z.literal('').transform(() => undefined)),
    DIRECT_LINE_SECRET: optionalString,
    CONTACT_ADDRESS: optionalString,
    // /.well-known/security.txt (RFC 9116); unset = derived from CONTACT_ADDRESS (e-mail → mailto:, or its https URL).
    SECURITY_CONTACT: optionalString.pipe(
      z
        .string()
        .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'must be a mailto: or https: URI')
        .optional(),
    ),
    DIRECT_LINE_ENDPOINT: optionalString.pipe(z.url().optional()),
    // Coordinators' dashboard.
    DASHBOARD_STALLED_DAYS: intFromEnv(7, 1, 365),
    DASHBOARD_LOCAL_SIGNIN: z
      .enum(['true', 'false'])
      .optional()
      .or(z.literal('').transform(() => undefined)),
    DASHBOARD_AAD_CLIENT_ID: optionalString,
    DASHBOARD_AAD_APP_ID_URI: optionalString,
    DASHBOARD_OPENID_METADATA_URL: optionalString.pipe(z.url().optional()),
    // The Teams app's id (manifest "id", the same as for `npm run teams:package`): summary cards then open the dashboard tab in Teams.
    TEAMS_APP_ID: optionalString.pipe(z.guid('must be the Teams app id (a GUID)').optional()),
    COORDINATOR_AAD_OBJECT_IDS: idList,
    COORDINATOR_TENANT_IDS: idList,
    REMINDER_AFTER_DAYS: intFromEnv(7, 1, 365),
    REMINDER_CHECK_MINUTES: intFromEnv(60, 1, 1440),
    OUTBOX_POLL_MS: intFromEnv(1000, 50, 60_000),
    EXPORT_LINK_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    EXPORT_LINK_TTL_SECONDS: intFromEnv(900, 60, 86_400),
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'is required when MicrosoftAppId is set (except for UserAssignedMSI)',
      });
    }
    if (env.MicrosoftAppType && env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: `is required when MicrosoftAppType is ${env.MicrosoftAppType}`,
      });
    }
    checkTrustMode(env, ctx);
    // The stand-in lets anyone pick an identity: only on a development or test machine (an unset NODE_ENV
    // is neither), and never next to a real sign-in (bot registration or tab single sign-on).
    if (env.DASHBOARD_LOCAL_SIGNIN === 'true') {
      const devOrTest = env.NODE_ENV === 'development' || env.NODE_ENV === 'test';
      const reason = !devOrTest
        ? `when NODE_ENV=${env.NODE_ENV ?? '(unset)'} (only with NODE_ENV=development or test)`
        : env.MicrosoftAppId
          ? 'when MicrosoftAppId is set'
          : env.DASHBOARD_AAD_CLIENT_ID
            ? 'when DASHBOARD_AAD_CLIENT_ID (tab single sign-on) is set'
            : undefined;
      if (reason) {
        ctx.addIssue({
          code: 'custom',
          path: ['DASHBOARD_LOCAL_SIGNIN'],
          message: `must not be true ${reason}: the local sign-in stand-in is for local development and tests only`,
        });
      }
    }
  });

/** A HOST to listen on that only this machine reaches (`::1` is written without brackets here). */
const isLoopbackBind = (host: string): boolean => isLoopbackHost(host) || host === '::1';

/** The variables the trust mode depends on (named here because the schema's own type is not known yet). */
type TrustEnv = Readonly<
  Partial<
    Record<
      | 'MicrosoftAppId'
      | 'NODE_ENV'
      | 'WEB_CHAT_ONLY'
      | 'ALLOW_UNAUTHENTICATED_REMOTE'
      | 'HOST'
      | 'WEBCHAT_ENABLED'
      | 'DIRECT_LINE_SECRET',
      string | undefined
    >
  >
>;

/** Which mode may run where (Teams, local without channel authentication, web chat only), on the parsed variables. */
function checkTrustMode(env: TrustEnv, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (env.WEB_CHAT_ONLY === 'true') {
    // Fail closed: an app id means Teams on /api/messages, which web-chat-only mode does not serve.
    if (env.MicrosoftAppId)
      issue(
        'WEB_CHAT_ONLY',
        'must not be true when MicrosoftAppId is set: set WEB_CHAT_ONLY=false to serve Teams on /api/messages, or unset MicrosoftAppId for web chat only',
      );
    if (env.WEBCHAT_ENABLED === 'false')
      issue('WEB_CHAT_ONLY', 'must not be true when WEBCHAT_ENABLED=false: there would be nothing to talk to');
    if (env.DIRECT_LINE_SECRET)
      issue(
        'WEB_CHAT_ONLY',
        'must not be true with DIRECT_LINE_SECRET: Azure Direct Line delivers to /api/messages, which web-chat-only mode does not serve',
      );
    return;
  }
  if (env.MicrosoftAppId) return;
  // Local mode: nobody's identity is checked, so it must not be where real people are.
  if (env.NODE_ENV === 'production') {
    issue(
      'MicrosoftAppId',
      "is required when NODE_ENV=production (channel authentication); for the citizens' web chat without Teams set WEB_CHAT_ONLY=true instead",
    );
    return;
  }
  if (env.HOST !== undefined && !isLoopbackBind(env.HOST) && env.ALLOW_UNAUTHENTICATED_REMOTE !== 'true') {
    issue(
      'HOST',
      `is ${env.HOST} but MicrosoftAppId is not set: without channel authentication the service listens on loopback only; set ALLOW_UNAUTHENTICATED_REMOTE=true to expose it anyway (demos on a trusted network), or configure the bot registration`,
    );
  }
}

/** What the service exposes (Teams, local only, web chat only): decided once from the configuration. */
export type TrustMode = 'teams' | 'local-only' | 'web-chat-only';

export type DatabaseTarget = { kind: 'pglite'; dataDir: string | undefined } | { kind: 'postgres'; url: string };

/** The self-hosted Direct Line's settings; here, not in src/http, because http depends on config, not the reverse. */
export interface DirectLineOptions {
  /** HMAC key for tokens; random per process when absent. */
  tokenSecret?: string;
  tokenTtlSeconds: number;
  /** Conversations without any request for this long are removed. */
  idleTimeoutSeconds: number;
  /** New conversations per client IP within `conversationWindowSeconds`. */
  conversationsPerClient: number;
  conversationWindowSeconds: number;
  /** Activities a conversation may post per minute. */
  messagesPerMinute: number;
  /** Activities one client address (IPv6: its /64) may post per minute over all its conversations. */
  messagesPerClientPerMinute: number;
  /** Upper bound on live conversations, so memory stays bounded under a distributed flood. */
  maxConversations: number;
  /** Take the client IP from the first X-Forwarded-For entry (only behind a proxy you control). */
  trustProxy: boolean;
  botId: string;
  botName: string;
  maxBodyBytes: number;
}

export const DIRECT_LINE_DEFAULTS: Omit<DirectLineOptions, 'tokenSecret'> = {
  tokenTtlSeconds: 3600,
  idleTimeoutSeconds: 1800,
  conversationsPerClient: 20,
  conversationWindowSeconds: 3600,
  messagesPerMinute: 30,
  messagesPerClientPerMinute: 60,
  maxConversations: 5000,
  trustProxy: false,
  botId: 'weltoffen-bot',
  botName: 'Weltoffen-Bot',
  maxBodyBytes: 65536,
};

export interface AzureDirectLineOptions {
  /** Direct Line secret of the Azure Bot resource. Stays on the server; only short-lived tokens leave it. */
  secret: string;
  /** https://directline.botframework.com by default; regional or test endpoints differ. */
  endpoint: string;
  tokensPerClientPerHour: number;
  trustProxy: boolean;
}

export interface WebChatOptions {
  directLine: DirectLineOptions;
  /** MicrosoftAppId ('' in local mode): in-process turns present the bot's own identity. */
  botAppId: string;
  /** Only when DIRECT_LINE_SECRET is configured: GET /api/directline/token for Azure's Direct Line. */
  azure?: AzureDirectLineOptions;
}

export interface AppConfig {
  bot: {
    appId: string | undefined;
    appPassword: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId: string | undefined;
    /** Local mode: no app id, channel authentication is off (Emulator, curl, tests). */
    localMode: boolean;
    openIdMetadataUrl: string | undefined;
    /** teams: app id, /api/messages authenticated; local-only: no app id, loopback; web-chat-only: no /api/messages. */
    mode: TrustMode;
    /** Local mode bound to a non-loopback HOST on purpose (ALLOW_UNAUTHENTICATED_REMOTE=true): warned at every start. */
    unauthenticatedRemote: boolean;
    /** Which serviceUrls the bot may call (incoming activities and stored references alike). */
    serviceUrls: ServiceUrlPolicy;
  };
  http: {
    port: number;
    host: string;
    maxBodyBytes: number;
    shutdownTimeoutMs: number;
    /** Where users' browsers reach this service (links in cards); defaults to http://localhost:<PORT>. */
    publicBaseUrl: string;
  };
  database: DatabaseTarget;
  logLevel: (typeof LOG_LEVELS)[number];
  stateConflictRetries: number;
  production: boolean;
  webChat: { enabled: boolean; options: WebChatOptions };
  /** Where FAQ answers send people for anything the bot cannot answer (an e-mail address or page). */
  contactAddress: string;
  /** SECURITY_CONTACT for security.txt; undefined = derived from contactAddress. */
  securityContact: string | undefined;
  dashboard: {
    stalledDays: number;
    /** Only with NODE_ENV=development or test and no real sign-in configured (refused by the schema otherwise). */
    localSignIn: boolean;
    /** Tab single sign-on; undefined when no client id is known (then only the local stand-in can sign in). */
    sso: { metadataUrl: string; audiences: readonly string[] } | undefined;
    /** The Teams app id for deep links into the dashboard tab; undefined → links open the page in a browser. */
    teamsAppId: string | undefined;
  };
  /** Bootstrap coordinators, reminders and the delivery outbox. */
  coordinators: {
    objectIds: readonly string[];
    tenantIds: readonly string[];
    reminderAfterDays: number;
    reminderCheckMinutes: number;
    outboxPollMs: number;
  };
  /** Signed download links for workshop exports; without a secret one is generated at start (single instance only). */
  exports: { linkSecret: string | undefined; linkTtlSeconds: number };
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

function dashboardConfig(e: z.infer<typeof envSchema>): AppConfig['dashboard'] {
  const clientId = e.DASHBOARD_AAD_CLIENT_ID ?? e.MicrosoftAppId;
  return {
    stalledDays: e.DASHBOARD_STALLED_DAYS,
    localSignIn: e.DASHBOARD_LOCAL_SIGNIN === 'true',
    teamsAppId: e.TEAMS_APP_ID,
    sso:
      clientId === undefined
        ? undefined
        : {
            metadataUrl:
              e.DASHBOARD_OPENID_METADATA_URL ??
              'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
            // v2 tokens carry the client id, v1 tokens the application id URI (api://<domain>/<client id>).
            audiences: [clientId, ...(e.DASHBOARD_AAD_APP_ID_URI ? [e.DASHBOARD_AAD_APP_ID_URI] : [])],
          },
  };
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
  const mode: TrustMode =
    e.MicrosoftAppId !== undefined ? 'teams' : e.WEB_CHAT_ONLY === 'true' ? 'web-chat-only' : 'local-only';
  // Local mode listens on loopback unless told otherwise; with authentication (or without /api/messages) everywhere.
  const host = e.HOST ?? (mode === 'local-only' ? '127.0.0.1' : '0.0.0.0');
  return {
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType ?? 'MultiTenant',
      tenantId: e.MicrosoftAppTenantId,
      localMode: e.MicrosoftAppId === undefined,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      mode,
      unauthenticatedRemote: mode === 'local-only' && !isLoopbackBind(host),
      serviceUrls: serviceUrlPolicy(e.BOT_SERVICE_URL_HOSTS, mode === 'local-only'),
    },
    http: {
      port: e.PORT,
      host,
      maxBodyBytes: e.MAX_BODY_BYTES,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    },
    database: databaseTarget(e.DATABASE_URL, e.DATA_DIR, cwd),
    logLevel: e.LOG_LEVEL ?? 'info',
    stateConflictRetries: e.STATE_CONFLICT_RETRIES,
    production: e.NODE_ENV === 'production',
    contactAddress: e.CONTACT_ADDRESS ?? 'https://www.weltoffene-kommune.de',
    securityContact: e.SECURITY_CONTACT,
    dashboard: dashboardConfig(e),
    coordinators: {
      objectIds: e.COORDINATOR_AAD_OBJECT_IDS,
      tenantIds: e.COORDINATOR_TENANT_IDS,
      reminderAfterDays: e.REMINDER_AFTER_DAYS,
      reminderCheckMinutes: e.REMINDER_CHECK_MINUTES,
      outboxPollMs: e.OUTBOX_POLL_MS,
    },
    exports: { linkSecret: e.EXPORT_LINK_SECRET, linkTtlSeconds: e.EXPORT_LINK_TTL_SECONDS },
    webChat: {
      enabled: e.WEBCHAT_ENABLED !== 'false',
      options: {
        botAppId: e.MicrosoftAppId ?? '',
        directLine: {
          ...DIRECT_LINE_DEFAULTS,
          tokenSecret: e.DIRECTLINE_TOKEN_SECRET,
          tokenTtlSeconds: e.DIRECTLINE_TOKEN_TTL_SECONDS,
          idleTimeoutSeconds: e.DIRECTLINE_IDLE_TIMEOUT_SECONDS,
          conversationsPerClient: e.DIRECTLINE_CONVERSATIONS_PER_CLIENT,
          conversationWindowSeconds: e.DIRECTLINE_CONVERSATION_WINDOW_SECONDS,
          messagesPerMinute: e.DIRECTLINE_MESSAGES_PER_MINUTE,
          messagesPerClientPerMinute: e.DIRECTLINE_MESSAGES_PER_CLIENT_PER_MINUTE,
          maxConversations: e.DIRECTLINE_MAX_CONVERSATIONS,
          trustProxy: e.TRUST_PROXY === 'true',
        },
        azure: e.DIRECT_LINE_SECRET
          ? {
              secret: e.DIRECT_LINE_SECRET,
              endpoint: e.DIRECT_LINE_ENDPOINT ?? 'https://directline.botframework.com',
              tokensPerClientPerHour: e.DIRECTLINE_CONVERSATIONS_PER_CLIENT,
              trustProxy: e.TRUST_PROXY === 'true',
            }
          : undefined,
      },
    },
  };
}
