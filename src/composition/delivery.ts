/**
 * Part of the composition root (src/index.ts): the outbox sender — summary cards to subscribed channels and
 * reminders to personal chats, posted through the Bot Connector by whichever instance claims a delivery first.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import type { Clock } from '../domain/ports/clock';
import type {
  OutboxRepository,
  ReminderRepository,
  RespondentRepository,
  SubscriptionRepository,
} from '../domain/ports';
import { OutboxMessages } from '../bot/replies/outboxMessages';
import { BotConnectorGateway } from '../infrastructure/outbox/botConnectorGateway';
import type { WeltoffenCloudAdapter } from '../infrastructure/bot/weltoffenCloudAdapter';
import type { DashboardLink } from '../services/dashboardLinks';
import { DEFAULT_DELIVERY_OPTIONS, DeliveryService } from '../services/deliveryService';
import { OutboxContentService } from '../services/outboxContent';
import type { SelfCheckService } from '../services/selfCheckService';

export interface DeliveryPartsDeps {
  readonly config: AppConfig;
  readonly adapter: WeltoffenCloudAdapter;
  readonly outbox: OutboxRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly reminders: ReminderRepository;
  readonly selfCheck: SelfCheckService;
  readonly respondents: RespondentRepository;
  readonly dashboardLink: DashboardLink;
  readonly clock: Clock;
  readonly serviceUrlAllowed: (serviceUrl: string) => boolean;
  readonly logger: Logger;
}

export function deliveryParts(d: DeliveryPartsDeps): DeliveryService {
  const { config } = d;
  return new DeliveryService({
    outbox: d.outbox,
    subscriptions: d.subscriptions,
    reminders: d.reminders,
    gateway: new BotConnectorGateway(d.adapter, config.bot.appId ?? ''),
    renderer: new OutboxMessages(
      new OutboxContentService({
        selfCheck: d.selfCheck,
        respondents: d.respondents,
        channelLocale: 'de',
        reminderAfterDays: config.coordinators.reminderAfterDays,
        dashboardLink: d.dashboardLink,
      }),
    ),
    clock: d.clock,
    options: {
      ...DEFAULT_DELIVERY_OPTIONS,
      pollMs: config.coordinators.outboxPollMs,
      worker: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    },
    serviceUrlAllowed: d.serviceUrlAllowed,
    log: d.logger,
  });
}
