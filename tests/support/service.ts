import {
  ServiceClientCredentialsFactory,
  TokenCredentials,
  type ServiceClientCredentials,
} from 'botframework-connector';
import { loadConfig } from '../../src/config';
import { startService, type RunningService, type StartOptions } from '../../src/index';
import { startLocalIdentityProvider, type LocalIdentityProvider } from './localIdentityProvider';
import { createTestDatabase, type TestDatabase } from './testDatabase';

export interface TestService {
  url: string;
  service: RunningService;
  database: TestDatabase;
  /**
   * POSTs an activity and returns the status and the parsed body. With channel authentication on, a valid
   * channel token for the activity's serviceUrl is added unless the caller passes its own authorization header.
   */
  post(activity: object, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  replies(activity: object): Promise<ReplyActivity[]>;
  /** With channel authentication on: a valid channel token for the activity (extra claims override). */
  channelToken?(activity: object, extra?: Record<string, unknown>): string;
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

// ---- Authenticated test mode: the service with an app id, tokens signed on loopback ----

export const TEST_APP_ID = '00000000-0000-4000-8000-000000000001';
export const TEST_APP_TENANT = '00000000-0000-4000-8000-0000000000aa';
/** The serviceUrl the shared activity builders use when a participant names none (port 9: nothing listens). */
export const DEFAULT_TEST_SERVICE_ORIGIN = 'http://127.0.0.1:9';
/** What the test credentials put into outgoing requests instead of an AAD token. */
export const TEST_OUTBOUND_TOKEN = 'test-outbound-token';

/**
 * Outgoing Bot Connector calls with a fixed bearer token: botbuilder's own factory would ask Entra ID's login
 * endpoint for one, and nothing may leave 127.0.0.1 in tests.
 */
export class TestCredentialsFactory extends ServiceClientCredentialsFactory {
  isValidAppId(appId: string): Promise<boolean> {
    return Promise.resolve(appId === TEST_APP_ID);
  }
  isAuthenticationDisabled(): Promise<boolean> {
    return Promise.resolve(false);
  }
  createCredentials(): Promise<ServiceClientCredentials> {
    return Promise.resolve(new TokenCredentials(TEST_OUTBOUND_TOKEN));
  }
}

/**
 * The environment of channel authentication on: app id, our own OpenID metadata, and the allowed serviceUrls
 * extended by the given loopback origins (the fake connector's) and the builders' default.
 */
export function authenticatedEnv(idp: LocalIdentityProvider, origins: readonly string[] = []): Record<string, string> {
  return {
    MicrosoftAppId: TEST_APP_ID,
    MicrosoftAppPassword: 'unused-the-test-credentials-factory-signs',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TEST_APP_TENANT,
    BOT_OPENID_METADATA_URL: idp.metadataUrl,
    BOT_SERVICE_URL_HOSTS: [...origins.map((o) => new URL(o).origin), DEFAULT_TEST_SERVICE_ORIGIN].join(','),
  };
}

/** A Bot Framework channel token for this activity, as the Bot Connector sends it (incl. the serviceurl claim). */
export function channelToken(
  idp: LocalIdentityProvider,
  activity: object,
  extra: Record<string, unknown> = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  return idp.sign({
    iss: 'https://api.botframework.com',
    aud: TEST_APP_ID,
    serviceurl: (activity as { serviceUrl?: unknown }).serviceUrl,
    nbf: now - 60,
    exp: now + 600,
    ...extra,
  });
}

export interface TestServiceOptions {
  /** Channel authentication on, with these extra allowed (fake connector) origins. */
  authenticated?: { origins?: readonly string[] };
  start?: StartOptions;
}

/** Starts the real service (composition root, HTTP server, database) on a free loopback port. */
export async function startTestService(
  env: Record<string, string> = {},
  database?: TestDatabase,
  options: TestServiceOptions = {},
): Promise<TestService> {
  const db = database ?? (await createTestDatabase());
  const dbUrl = db.target.kind === 'postgres' ? db.target.url : 'pglite:memory';
  const idp = options.authenticated ? await startLocalIdentityProvider() : undefined;
  const authEnv = idp ? authenticatedEnv(idp, options.authenticated?.origins) : {};
  const config = loadConfig(baseEnv({ DATABASE_URL: dbUrl, ...authEnv, ...env }));
  const service = await startService(config, {
    database: db.openOptions,
    ...(idp ? { credentialsFactory: new TestCredentialsFactory() } : {}),
    ...options.start,
  });
  const url = `http://127.0.0.1:${service.port}`;
  const post = async (activity: object, headers: Record<string, string> = {}) => {
    const signed: Record<string, string> =
      idp && !('authorization' in headers) ? { authorization: `Bearer ${channelToken(idp, activity)}` } : {};
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed, ...headers },
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
    ...(idp
      ? { channelToken: (activity: object, extra?: Record<string, unknown>) => channelToken(idp, activity, extra) }
      : {}),
    async replies(activity) {
      const { status, body } = await post({ deliveryMode: 'expectReplies', ...activity });
      if (status !== 200) throw new Error(`expected 200, got ${status}: ${JSON.stringify(body)}`);
      return ((body as { activities?: ReplyActivity[] } | undefined)?.activities ?? []).filter(
        (a) => a.type !== 'trace',
      );
    },
    async stop() {
      await service.stop();
      await idp?.close();
      if (!database) await db.dispose();
    },
  };
}

/** The same with channel authentication on: every activity is sent with a valid channel token. */
export function startAuthenticatedTestService(
  env: Record<string, string> = {},
  origins: readonly string[] = [],
  database?: TestDatabase,
): Promise<TestService> {
  return startTestService(env, database, { authenticated: { origins } });
}
