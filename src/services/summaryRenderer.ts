/** Builds outbox messages from the current domain results (consolidated scores, levels, traffic lights). */
import { renderChannelSummaryCard } from '../../cards/channelSummaryCard';
import { renderReminderCard } from '../../cards/reminderCard';
import { FIELD_IDS, type FieldId, type Locale } from '../domain/selbstcheck';
import type { ChannelSubscription, ClaimedDelivery, RespondentRepository } from '../domain/ports';
import { ct } from '../i18n/coordinatorCatalog';
import type { DeliveryRenderer, OutboundMessage } from './deliveryService';
import type { SelfCheckService } from './selfCheckService';
import type { DashboardLink } from './dashboardLinks';

const isFieldId = (v: string | null): v is FieldId => v !== null && (FIELD_IDS as readonly string[]).includes(v);

export class SummaryRenderer implements DeliveryRenderer {
  constructor(
    private readonly deps: {
      readonly selfCheck: SelfCheckService;
      readonly respondents: Pick<RespondentRepository, 'findById'>;
      /** Language of channel cards whose subscription has none recorded. */
      readonly channelLocale: Locale;
      readonly reminderAfterDays: number;
      /** Deep link to the municipality's dashboard view; cards have no button without it. */
      readonly dashboardLink?: DashboardLink;
    },
  ) {}

  async render(d: ClaimedDelivery): Promise<OutboundMessage | undefined> {
    if (d.assessmentId === null) return undefined;
    const [assessment, municipality] = await Promise.all([this.deps.selfCheck.findAssessment(d.assessmentId), this.deps.selfCheck.findMunicipality(d.municipalityId)]);
    if (assessment === undefined) return undefined;
    const municipalityName = municipality?.name ?? d.municipalityId;
    if (d.kind === 'reminder') {
      if (d.respondentId === null) return undefined;
      const respondent = await this.deps.respondents.findById(d.respondentId);
      const answers = await this.deps.selfCheck.answersOf(assessment.id, d.respondentId);
      const rendered = renderReminderCard({
        locale: respondent?.locale ?? 'de',
        municipalityName,
        assessmentId: assessment.id,
        days: this.deps.reminderAfterDays,
        answered: Object.keys(answers).length,
      });
      return { text: rendered.text, card: rendered.card };
    }
    const summary = await this.deps.selfCheck.overallSummary(assessment);
    let event: Parameters<typeof renderChannelSummaryCard>[0]['event'] = { kind: 'assessment_completed' };
    if (d.kind === 'field_completed') {
      if (!isFieldId(d.fieldId)) return undefined;
      const respondent = d.respondentId === null ? undefined : await this.deps.respondents.findById(d.respondentId);
      event = { kind: 'field_completed', fieldId: d.fieldId, role: respondent?.role ?? null };
    }
    const link = this.deps.dashboardLink;
    const rendered = renderChannelSummaryCard({
      locale: d.locale ?? this.deps.channelLocale,
      municipalityName,
      event,
      respondents: summary.respondents,
      score: summary.score,
      ...(link ? { dashboardUrl: link(d.municipalityId) } : {}),
    });
    return { text: rendered.text, card: rendered.card };
  }

  staleAlert(subscription: ChannelSubscription, reason: string): OutboundMessage {
    const locale = subscription.locale;
    const scope = subscription.scope === '*' ? ct(locale, 'coord.allMunicipalities') : subscription.scope;
    return { text: ct(locale, 'coord.staleAlert', { scope, reason }) };
  }
}
