/**
 * The cards and texts of the outbox's proactive posts (channel summaries, reminders, stale-subscription
 * alerts), built from the data the services decide on. Handed to the delivery service as its renderer port.
 */
import { renderChannelSummaryCard } from '../../../cards/channelSummaryCard';
import { renderReminderCard } from '../../../cards/reminderCard';
import type { BotMessage } from '../../domain/messages';
import type { ChannelSubscription, ClaimedDelivery, OutboxMessageRenderer } from '../../domain/ports';
import type { OutboxContent, OutboxContentService } from '../../services/outboxContent';
import { staffText } from '../../i18n/staff';

export function outboxMessage(content: OutboxContent): BotMessage {
  const { locale, municipalityName } = content;
  if (content.kind === 'reminder') {
    return renderReminderCard({
      locale,
      municipalityName,
      assessmentId: content.assessmentId,
      days: content.days,
      answered: content.answered,
    });
  }
  const { event, respondents, score, dashboardUrl } = content;
  return renderChannelSummaryCard({
    locale,
    municipalityName,
    event,
    respondents,
    score,
    ...(dashboardUrl !== undefined ? { dashboardUrl } : {}),
  });
}

export class OutboxMessages implements OutboxMessageRenderer {
  constructor(private readonly content: Pick<OutboxContentService, 'of'>) {}

  async render(d: ClaimedDelivery): Promise<BotMessage | undefined> {
    const content = await this.content.of(d);
    return content === undefined ? undefined : outboxMessage(content);
  }

  staleAlert(subscription: ChannelSubscription, reason: string): BotMessage {
    const locale = subscription.locale;
    const scope = subscription.scope === '*' ? staffText(locale, 'coord.allMunicipalities') : subscription.scope;
    return { text: staffText(locale, 'coord.staleAlert', { scope, reason }) };
  }
}
