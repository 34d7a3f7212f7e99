import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { serviceUrlPolicy } from './domain/conversation/serviceUrl';
import { envSchema, type Env } from './config/envSchema';
import { DIRECT_LINE_DEFAULTS, type AppConfig, type DatabaseTarget } from './config/options';
import { isLoopbackBind, type TrustMode } from './config/trustMode';

/**
 * The only place that reads process.env. Everything else receives an AppConfig.
 * A bad value stops start-up with a message that names the variable.
 */

export {
  DIRECT_LINE_DEFAULTS,
  type AppConfig,
  type AzureDirectLineOptions,
  type DatabaseTarget,
  type DirectLineOptions,
  type WebChatOptions,
} from './config/options';
export type { TrustMode } from './config/trustMode';

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

function dashboardConfig(e: Env): AppConfig['dashboard'] {
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
    exports: { linkTtlSeconds: e.EXPORT_LINK_TTL_SECONDS },
    invitations: { ttlDays: e.INVITATION_TTL_DAYS },
    demo: { resetHours: e.DEMO_RESET_HOURS },
    privacy: {
      retention: {
        checkMinutes: e.RETENTION_CHECK_MINUTES,
        stateDays: e.RETENTION_STATE_DAYS,
        unansweredDays: e.RETENTION_UNANSWERED_DAYS,
        outboxDays: e.RETENTION_OUTBOX_DAYS,
        inactiveMonths: e.RETENTION_INACTIVE_MONTHS,
      },
      notice: {
        controllerName: e.PRIVACY_CONTROLLER_NAME,
        controllerAddress: e.PRIVACY_CONTROLLER_ADDRESS,
        dpoContact: e.PRIVACY_DPO_CONTACT,
        supervisoryAuthority: e.PRIVACY_SUPERVISORY_AUTHORITY,
        policyUrl: e.PRIVACY_POLICY_URL,
        imprintUrl: e.IMPRINT_URL,
      },
    },
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
