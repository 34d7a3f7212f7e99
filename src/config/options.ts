import type { ServiceUrlPolicy } from '../domain/conversation/serviceUrl';
import type { TrustMode } from './trustMode';

/**
 * The shape of the configuration the service runs with, and the options config declares for src/http
 * (http depends on config, not the reverse). Filled in by loadConfig in src/config.ts.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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
  /** Opaque single-use download links for workshop exports: their lifetime in seconds (60–900). */
  exports: { linkTtlSeconds: number };
  /** Invitation codes: days until a new code expires (INVITATION_TTL_DAYS, 1–90). */
  invitations: { ttlDays: number };
  /** The demo municipality: its visitors' sandbox rounds are deleted this many hours after they started. */
  demo: { resetHours: number };
  /** Issue #17: what is kept how long, and the operator's Art. 13 information (docs/privacy.md). */
  privacy: { retention: RetentionOptions; notice: PrivacyNotice };
}

/** Periods of the retention job (src/services/retentionService.ts); every instance may run it. */
export interface RetentionOptions {
  /** How often the job runs, in minutes. */
  checkMinutes: number;
  /** Bot state of conversations and users without a respondent (FAQ-only citizens): days after last use. */
  stateDays: number;
  /** Respondents who consented but never answered: days after consent. */
  unansweredDays: number;
  /** Delivered (or given-up) outbox rows: days after the last attempt. */
  outboxDays: number;
  /** Respondents inactive this many months after their last answer are de-identified as in an erasure. */
  inactiveMonths: number;
}

/** Art. 13 GDPR information of the operator (the controller); unset parts are shown as "not configured". */
export interface PrivacyNotice {
  controllerName: string | undefined;
  controllerAddress: string | undefined;
  dpoContact: string | undefined;
  supervisoryAuthority: string | undefined;
  policyUrl: string | undefined;
  imprintUrl: string | undefined;
}
