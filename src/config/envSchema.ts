import { z } from 'zod';
import { parseServiceUrlEntry, type ServiceUrlEntry } from '../domain/conversation/serviceUrl';
import { LOG_LEVELS } from './options';
import { checkTrustMode } from './trustMode';

/** The environment variables, their defaults and bounds; a bad value is reported with the variable's name. */

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

export const envSchema = z
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
    // Lifetime of an export download link (opaque, single use): at most 15 minutes (issue #16).
    EXPORT_LINK_TTL_SECONDS: intFromEnv(900, 60, Number.MAX_SAFE_INTEGER).pipe(
      z.number().max(900, 'must be at most 900 seconds (15 minutes): a download link lives no longer'),
    ),
    // Invitation codes (`einladen <Kommune>`): how many days a new code stays valid.
    INVITATION_TTL_DAYS: intFromEnv(14, 1, 90),
    // The demo municipality: a visitor's sandbox round is deleted this many hours after it started.
    DEMO_RESET_HOURS: intFromEnv(24, 1, 720),
    // Retention (issue #17, docs/privacy.md): how often the job runs and how long what is kept.
    RETENTION_CHECK_MINUTES: intFromEnv(60, 1, 1440),
    RETENTION_STATE_DAYS: intFromEnv(30, 1, 3650),
    RETENTION_UNANSWERED_DAYS: intFromEnv(90, 1, 3650),
    RETENTION_OUTBOX_DAYS: intFromEnv(90, 1, 3650),
    RETENTION_INACTIVE_MONTHS: intFromEnv(24, 1, 240),
    // Art. 13 GDPR information shown with the consent and on the web chat page (the operator's, not ours).
    PRIVACY_CONTROLLER_NAME: optionalString.pipe(z.string().max(200).optional()),
    PRIVACY_CONTROLLER_ADDRESS: optionalString.pipe(z.string().max(300).optional()),
    PRIVACY_DPO_CONTACT: optionalString.pipe(z.string().max(200).optional()),
    PRIVACY_SUPERVISORY_AUTHORITY: optionalString.pipe(z.string().max(300).optional()),
    PRIVACY_POLICY_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    IMPRINT_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
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

/** The parsed, validated variables loadConfig turns into an AppConfig. */
export type Env = z.infer<typeof envSchema>;
