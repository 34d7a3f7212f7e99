import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { isServiceUrlAllowed } from './domain/conversation/serviceUrl';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { startupWarnings, trustModeLine } from './config/startupReport';
import { WeltoffenBot } from './bot/weltoffenBot';
import { membershipParts } from './composition/membership';
import { botAuthentication } from './composition/botAuthentication';
import { exportParts } from './composition/exports';
import { privacyParts } from './composition/privacy';
import { deliveryParts } from './composition/delivery';
import { retentionParts } from './composition/retention';
import type { RetentionService } from './services/retentionService';
import type { DeliveryService } from './services/deliveryService';
import { TurnIdentity } from './bot/turnIdentity';
import { PrismaTenantRegistry } from './infrastructure/repositories/prismaTenantRegistry';
import { roundParts } from './composition/rounds';
import { UserLocale } from './bot/userLocale';
import { MainDialog } from '../dialogs/mainDialog';
import { BotStateTurnStore } from './infrastructure/bot/botStateTurnStore';
import { isChannelAuthenticated } from './infrastructure/bot/channelAuthentication';
import { WeltoffenCloudAdapter } from './infrastructure/bot/weltoffenCloudAdapter';
import { ReusingBotFrameworkAuthentication } from './infrastructure/bot/reusingAuthentication';
import { openDatabase, type Database, type OpenOptions } from './infrastructure/db/database';
import { migrate, pendingMigrations, readMigrations } from './infrastructure/db/migrator';
import { createLogger } from './infrastructure/logger';
import { PrismaStorage } from './infrastructure/state/prismaStorage';
import {
  OptimisticState,
  conversationKey,
  takePrefetchedAnswers,
  userKey,
} from './infrastructure/state/optimisticState';
import { createHttpServer } from './http/server';
import { FaqService } from './services/faqService';
import { mountWebChat } from './http/webChat';
import { InMemoryRateLimits } from './infrastructure/directline/rateLimiter';
import { defaultRegistry } from './domain/selbstcheck';
import { PrismaAnswerRepository } from './infrastructure/repositories/prismaAnswerRepository';
import { PrismaAssessmentRepository } from './infrastructure/repositories/prismaAssessmentRepository';
import { PrismaMembershipRepository } from './infrastructure/repositories/prismaMembershipRepository';
import { PrismaMunicipalityRepository } from './infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaRespondentRepository } from './infrastructure/repositories/prismaRespondentRepository';
import { SelfCheckService } from './services/selfCheckService';
import { createTurnErrorHandler, turnFailureReply } from './bot/turnError';
import { DashboardService } from './services/dashboardService';
import { mountDashboard } from './http/dashboard';
import { AadTokenVerifier } from './infrastructure/auth/aadTokenVerifier';
import { LocalSignIn, bearerIdentity } from './infrastructure/auth/localSignIn';
import { PrismaDashboardRepository } from './infrastructure/repositories/prismaDashboardRepository';
import type { Clock } from './domain/ports/clock';
import { systemClock } from './infrastructure/clock';
import { AccessService } from './services/accessService';
import { CoordinatorService } from './services/coordinatorService';
import { ReminderService } from './services/reminderService';
import { DemoResetService } from './services/demoResetService';
import { PrismaDemoSandboxRepository } from './infrastructure/repositories/prismaDemoSandboxRepository';
import { dashboardLink } from './services/dashboardLinks';
import { PrismaAccessRepository } from './infrastructure/repositories/prismaAccessRepository';
import { PrismaSubscriptionRepository } from './infrastructure/repositories/prismaSubscriptionRepository';
import { PrismaReminderRepository } from './infrastructure/repositories/prismaReminderRepository';
import { PrismaResultsRepository } from './infrastructure/repositories/prismaResultsRepository';
import { PrismaAuditLog } from './infrastructure/repositories/prismaAuditLog';
import { PrismaOutboxRepository } from './infrastructure/outbox/prismaOutboxRepository';
import { mountExports } from './http/exports';

export interface RunningService {
  port: number;
  db: Database;
  /** The outbox sender, the reminder job and the demo reset of this instance (tests drive them directly). */
  delivery: DeliveryService;
  reminders: ReminderService;
  demoReset: DemoResetService;
  retention: RetentionService;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  database?: OpenOptions;
  /** The one clock of the service: outbox, reminders, rounds, dashboard, web chat (tests pass a controlled one). */
  clock?: Clock;
  /**
   * Credentials for outgoing Bot Connector calls instead of the ones built from MicrosoftAppId/Password
   * (tests with channel authentication on: no login endpoint is contacted, nothing leaves 127.0.0.1).
   */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/** The one composition root: every concrete class is named here and nowhere else. */
export async function startService(config: AppConfig, options: StartOptions = {}): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config.logLevel);
  for (const { fields, message } of startupWarnings(config)) logger.warn(fields, message);
  const serviceUrlAllowed = (serviceUrl: string) => isServiceUrlAllowed(serviceUrl, config.bot.serviceUrls);

  const db = await openDatabase(config.database, {
    ...options.database,
    onIdleError: (err) => logger.warn({ err }, 'idle database connection lost'),
  });
  const migrations = readMigrations();
  const report = await db.withSession((s) => migrate(s, migrations));
  logger.info({ database: db.kind, applied: report.applied, unknown: report.unknown }, 'database ready');

  const storage = new PrismaStorage(db.sql);
  const conversationState = new OptimisticState(storage, conversationKey, true);
  const userState = new OptimisticState(storage, userKey);
  const respondents = new PrismaRespondentRepository(db.prisma);
  const assessments = new PrismaAssessmentRepository(db.prisma);
  const clock: Clock = options.clock ?? systemClock;
  const selfCheck = new SelfCheckService({
    municipalities: new PrismaMunicipalityRepository(db.prisma),
    respondents,
    assessments,
    answers: new PrismaAnswerRepository(db.prisma, db.sql),
    membership: new PrismaMembershipRepository(db.prisma),
    registry: defaultRegistry,
    clock,
  });
  // Coordinators: roles, channel subscriptions, the outbox, reminders.
  const grants = new PrismaAccessRepository(db.prisma);
  const subscriptions = new PrismaSubscriptionRepository(db.prisma);
  const reminderRepo = new PrismaReminderRepository(db.prisma);
  const outbox = new PrismaOutboxRepository(db.prisma);
  const tenantRegistry = new PrismaTenantRegistry(db.prisma);
  // The one audit trail: roles, tenants, codes, members, closes, exports, sign-ins (people only as pseudonyms).
  const audit = new PrismaAuditLog(db.prisma);
  const access = new AccessService({
    access: grants,
    respondents,
    bootstrap: { objectIds: config.coordinators.objectIds, tenantIds: config.coordinators.tenantIds },
    tenants: tenantRegistry,
  });
  // A person's own data: the `meine daten` link (downloaded like an export) and the erasure.
  // One set of rate limits for the process (in memory: per instance): the web chat's Direct Line, attempts at
  // invitation and resume codes, `meine daten` and erasure requests.
  const rateLimits = new InMemoryRateLimits();
  const privacy = privacyParts(config, db, rateLimits);
  const { exportService, exportCommands, downloads } = exportParts(config, db, selfCheck, access, audit, (link) =>
    privacy.myDataFile(link),
  );
  const reminderJob = new ReminderService({
    reminders: reminderRepo,
    outbox,
    selfCheck,
    clock,
    afterDays: config.coordinators.reminderAfterDays,
    log: logger,
  });
  // The demo municipality: visitors' sandbox rounds are removed a fixed time after they started.
  const demoReset = new DemoResetService({
    sandboxes: new PrismaDemoSandboxRepository(db.prisma),
    clock,
    resetHours: config.demo.resetHours,
    log: logger,
  });
  const linkToDashboard = dashboardLink({
    publicBaseUrl: config.http.publicBaseUrl,
    teamsAppId: config.dashboard.teamsAppId,
  });
  const { comparisons, rounds } = roundParts({ db, access, assessments, outbox, audit, clock });
  const coordinator = new CoordinatorService({
    rounds,
    dashboardLink: linkToDashboard,
    access,
    grants,
    subscriptions,
    outbox,
    reminders: reminderRepo,
    reminderJob,
    results: new PrismaResultsRepository(db.prisma),
    comparisons,
    selfCheck,
    clock,
    reminderAfterDays: config.coordinators.reminderAfterDays,
    bootstrapCount: config.coordinators.objectIds.length,
    audit,
    exports: {
      exportLink: (p, id, format, locale, place) =>
        exportCommands.exportLink(p.identityKey, id, format, { locale, place }),
    },
  });
  const dashboard = new DashboardService({
    municipalities: new PrismaMunicipalityRepository(db.prisma),
    respondents,
    dashboard: new PrismaDashboardRepository(db.prisma),
    comparisons,
    registry: defaultRegistry,
    access,
    stalledDays: config.dashboard.stalledDays,
    clock,
  });
  const sso = config.dashboard.sso;
  const ssoVerifier = sso
    ? new AadTokenVerifier({
        metadataUrl: sso.metadataUrl,
        audiences: sso.audiences,
        isAllowedTenant: (tid) => access.isAllowedTenant(tid),
      })
    : undefined;
  const localSignIn = config.dashboard.localSignIn ? new LocalSignIn() : undefined;
  const dashboardIdentity = bearerIdentity(ssoVerifier, localSignIn);

  const hasConsented = async (identityKey: string) =>
    (await respondents.findByIdentity(identityKey))?.consentedAt != null;
  const identity = new TurnIdentity(userState);
  const locale = new UserLocale(userState, selfCheck, identity);
  const membership = membershipParts({
    config,
    db,
    access,
    grants,
    respondents,
    tenants: tenantRegistry,
    rateLimits,
    clock,
    conversationState,
    identity,
    locale,
    hasConsented,
    audit,
    log: logger,
  });
  const { municipalityAdmin } = membership;
  const mainDialog = new MainDialog({
    service: selfCheck,
    localeOf: (ctx) => locale.localeOf(ctx),
    prefetchedAnswers: takePrefetchedAnswers,
    rounds,
    membership: membership.gate,
    identityOf: (ctx) => identity.of(ctx),
    privacyNotice: config.privacy.notice,
    publicBaseUrl: config.http.publicBaseUrl,
  });
  const bot = new WeltoffenBot({
    conversationState,
    turnStore: new BotStateTurnStore([conversationState, userState]),
    mainDialog,
    locale,
    faq: new FaqService(config.contactAddress),
    onDialogReset: (ids) =>
      logger.warn(
        { ids },
        'unknown dialog ids on the stack (older release): stack reset, resuming from stored answers',
      ),
    identity,
    isChannelAuthenticated,
    commands: membership.commands,
    privacy: { service: privacy, stateKeys: (ctx) => [conversationKey(ctx), userKey(ctx)], now: () => clock.now() },
    stateConflictRetries: config.stateConflictRetries,
    onConflict: (attempt) => logger.info({ attempt }, 'state conflict: turn retried from fresh state'),
    coordinator: {
      service: coordinator,
      subscriptions,
      reminders: reminderRepo,
      hasConsented,
      isChannelAuthenticated,
    },
  });

  const auth = botAuthentication(config.bot, options.credentialsFactory);
  const adapter = new WeltoffenCloudAdapter(new ReusingBotFrameworkAuthentication(auth));
  adapter.onTurnError = createTurnErrorHandler(logger);

  const delivery = deliveryParts({
    ...{ config, adapter, outbox, subscriptions, reminders: reminderRepo, selfCheck, respondents, clock, logger },
    dashboardLink: linkToDashboard,
    serviceUrlAllowed,
  });
  // Retention (docs/privacy.md): every instance runs it; each step is safe beside another instance's run.
  const retention = retentionParts({
    ...{ db, clock, options: config.privacy.retention, log: logger },
    eraser: (identityKey) => privacy.eraseForRetention(identityKey),
  });

  const http = createHttpServer({
    adapter,
    bot,
    logger,
    maxBodyBytes: config.http.maxBodyBytes,
    shutdownTimeoutMs: config.http.shutdownTimeoutMs,
    trustProxy: config.webChat.options.directLine.trustProxy,
    securityTxt: {
      contact: config.securityContact,
      contactAddress: config.contactAddress,
      publicBaseUrl: config.http.publicBaseUrl,
    },
    serviceUrlAllowed,
    messagesRoute: config.bot.mode !== 'web-chat-only',
    // Citizens' web chat: page at /, embed.js, self-hosted Direct Line under /v3/directline.
    mount: (server, lifecycle) => {
      if (config.webChat.enabled)
        mountWebChat(server, {
          adapter,
          bot,
          logger,
          lifecycle,
          options: config.webChat.options,
          rateLimits,
          clock,
          failureReply: turnFailureReply,
          privacy: config.privacy,
        });
      // Coordinators' dashboard : Teams tabs and browser pages under /dashboard/, API under /api/dashboard/.
      mountDashboard(server, {
        service: dashboard,
        logger,
        lifecycle,
        sso: ssoVerifier,
        localSignIn,
        admin: municipalityAdmin,
        audit: { trail: membership.auditTrail, log: audit },
      });
      // The dashboard's export links send the same bearer token as its API calls; the bot's links are
      // redeemed by the /download/ page.
      mountExports(server, {
        exports: exportService,
        downloads,
        logger,
        authenticate: dashboardIdentity,
        rateLimits,
        trustProxy: config.webChat.options.directLine.trustProxy,
        lifecycle,
      });
    },
    readiness: {
      check: async () => {
        const pending = await db.withSession((s) => pendingMigrations(s, migrations));
        if (pending.length > 0) logger.warn({ pending }, 'readiness: migrations pending');
        return pending.length === 0 ? undefined : 'migrations pending';
      },
    },
  });
  const port = await http.listen(config.http.port, config.http.host);
  logger.info({ port, mode: config.bot.mode, host: config.http.host }, trustModeLine(config, port));
  delivery.start();
  reminderJob.start(config.coordinators.reminderCheckMinutes * 60_000);
  demoReset.start();
  retention.start(config.privacy.retention.checkMinutes * 60_000);

  let stopping: Promise<void> | undefined;
  return {
    port,
    db,
    delivery,
    reminders: reminderJob,
    demoReset,
    retention,
    stop() {
      stopping ??= (async () => {
        await http.close();
        // The sender finishes the post in progress and records it before the database closes.
        await Promise.all([delivery.stop(), reminderJob.stop(), demoReset.stop(), retention.stop()]);
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
