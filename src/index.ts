import { CallerIdConstants, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { WeltoffenBot } from './bot/weltoffenBot';
import { BotAdapter } from './infrastructure/bot/botAdapter';
import { openDatabase, type Database, type OpenOptions } from './infrastructure/db/database';
import { migrate, pendingMigrations, readMigrations } from './infrastructure/db/migrator';
import { createLogger } from './infrastructure/logger';
import { PrismaStorage } from './infrastructure/state/prismaStorage';
import { OptimisticState, conversationKey, userKey } from './infrastructure/state/optimisticState';
import { createHttpServer } from './http/server';
import { FaqService } from './services/faqService';
import { mountWebChat } from './http/webChat';
import { defaultRegistry } from './domain/selbstcheck';
import { PrismaAnswerRepository } from './infrastructure/repositories/prismaAnswerRepository';
import { PrismaAssessmentRepository } from './infrastructure/repositories/prismaAssessmentRepository';
import { PrismaMunicipalityRepository } from './infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaRespondentRepository } from './infrastructure/repositories/prismaRespondentRepository';
import { SelfCheckService } from './services/selfCheckService';
import { t } from './i18n/catalog';
import { uiLocaleOf } from './i18n/locale';
import { randomBytes } from 'node:crypto';
import { mountExports } from './http/exports';
import { PrismaExportSource } from './infrastructure/export/prismaExportSource';
import { AccessService } from './services/accessService';
import { ExportCommands, ExportLinkSigner, ExportService } from './services/exportService';

export interface RunningService {
  port: number;
  db: Database;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  database?: OpenOptions;
}

/** The one composition root: every concrete class is named here and nowhere else. */
export async function startService(config: AppConfig, options: StartOptions = {}): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config.logLevel);
  if (config.bot.localMode) {
    logger.warn('MicrosoftAppId is not set: running in local mode without channel authentication (Emulator, curl, tests)');
  }

  const db = await openDatabase(config.database, {
    ...options.database,
    onIdleError: (err) => logger.warn({ err }, 'idle database connection lost'),
  });
  const migrations = readMigrations();
  const report = await db.withSession((s) => migrate(s, migrations));
  logger.info({ database: db.kind, applied: report.applied, unknown: report.unknown }, 'database ready');

  const storage = new PrismaStorage(db.prisma);
  const conversationState = new OptimisticState(storage, conversationKey);
  const userState = new OptimisticState(storage, userKey);
  const selfCheck = new SelfCheckService({
    municipalities: new PrismaMunicipalityRepository(db.prisma),
    respondents: new PrismaRespondentRepository(db.prisma),
    assessments: new PrismaAssessmentRepository(db.prisma),
    answers: new PrismaAnswerRepository(db.prisma),
    registry: defaultRegistry,
  });
  // Workshop exports (issue #5 item 6). Until the Prisma AccessRepository (roles, helper B) is merged, no
  // grants exist: every export is denied (safe default), only the blank questionnaire is served.
  const exportAccess = new AccessService({
    access: { grantsOf: async () => [], grant: async () => undefined, revoke: async () => false },
    respondents: new PrismaRespondentRepository(db.prisma),
    bootstrap: { objectIds: [], tenantIds: [] },
  });
  if (config.exports.linkSecret === undefined && !config.bot.localMode) {
    logger.warn('EXPORT_LINK_SECRET is not set: export links are signed with a random key and only work on this instance until it restarts');
  }
  const exportSigner = new ExportLinkSigner(config.exports.linkSecret ?? randomBytes(32).toString('base64url'), config.exports.linkTtlSeconds);
  const exportService = new ExportService({
    selfCheck,
    source: new PrismaExportSource(db.prisma),
    municipalities: new PrismaMunicipalityRepository(db.prisma),
    registry: defaultRegistry,
  });
  /** For the coordinator command router (`export <Kommune> pdf|csv|json`). */
  const exportCommands = new ExportCommands({ access: exportAccess, municipalities: new PrismaMunicipalityRepository(db.prisma), signer: exportSigner });
  void exportCommands;
  const bot = new WeltoffenBot({
    conversationState,
    userState,
    selfCheck,
    faq: new FaqService(config.contactAddress),
    onDialogReset: (ids) => logger.warn({ ids }, 'unknown dialog ids on the stack (older release): stack reset, resuming from stored answers'),
    stateConflictRetries: config.stateConflictRetries,
    onConflict: (attempt) => logger.info({ attempt }, 'state conflict: turn retried from fresh state'),
  });

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
    // Overriding one endpoint makes botbuilder treat the cloud as custom, so the public-cloud values
    // for everything else must be given alongside (tests serve their own OpenID metadata).
    ...(config.bot.openIdMetadataUrl
      ? {
          ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: config.bot.openIdMetadataUrl,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
        }
      : {}),
  });
  const adapter = new BotAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, channelId: context.activity.channelId }, 'unhandled turn error');
    await context.sendActivity(t(uiLocaleOf(context.activity.locale), 'error.generic')).catch(() => undefined);
  };

  const http = createHttpServer({
    adapter,
    bot,
    logger,
    maxBodyBytes: config.http.maxBodyBytes,
    shutdownTimeoutMs: config.http.shutdownTimeoutMs,
    // Citizens' web chat (issue #6): page at /, embed.js, self-hosted Direct Line under /v3/directline.
    mount: (server, lifecycle) => {
      if (config.webChat.enabled) void mountWebChat(server, { adapter, bot, logger, lifecycle, options: config.webChat.options });
      mountExports(server, { exports: exportService, access: exportAccess, signer: exportSigner, logger });
    },
    readiness: {
      check: async () => {
        const pending = await db.withSession((s) => pendingMigrations(s, migrations));
        return pending.length === 0 ? undefined : `pending migrations: ${pending.join(', ')}`;
      },
    },
  });
  const port = await http.listen(config.http.port, config.http.host);
  logger.info({ port }, `listening on http://${config.http.host}:${port}/api/messages`);

  let stopping: Promise<void> | undefined;
  return {
    port,
    db,
    stop() {
      stopping ??= (async () => {
        await http.close();
        await db.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const service = await startService(config);
  const shutdown = (signal: string) => {
    console.error(`${signal} received: finishing turns in flight, then stopping`);
    service.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
