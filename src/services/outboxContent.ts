/**
 * What a proactive delivery says, as data: the current consolidated results of the round for a channel
 * summary, or the respondent's progress for a reminder. The card itself is built in the bot layer
 * (src/bot/replies/outboxMessages.ts); undefined means there is nothing to send any more.
 */
import { FIELD_IDS, type AssessmentScore, type FieldId, type Locale, type Role } from '../domain/selbstcheck';
import type { ClaimedDelivery, RespondentRepository } from '../domain/ports';
import type { SelfCheckService } from './selfCheckService';
import type { DashboardLink } from './dashboardLinks';

export type SummaryEvent =
  | { readonly kind: 'field_completed'; readonly fieldId: FieldId; readonly role: Role | null }
  | { readonly kind: 'assessment_completed' };

export type OutboxContent =
  | {
      readonly kind: 'reminder';
      readonly locale: Locale;
      readonly municipalityName: string;
      readonly assessmentId: string;
      /** Days without an answer after which reminders are sent. */
      readonly days: number;
      readonly answered: number;
    }
  | {
      readonly kind: 'summary';
      readonly locale: Locale;
      readonly municipalityName: string;
      readonly event: SummaryEvent;
      readonly respondents: number;
      /** Consolidated over all respondents of the round. */
      readonly score: AssessmentScore;
      readonly dashboardUrl?: string;
    };

const isFieldId = (v: string | null): v is FieldId => v !== null && (FIELD_IDS as readonly string[]).includes(v);

export class OutboxContentService {
  constructor(
    private readonly deps: {
      readonly selfCheck: Pick<
        SelfCheckService,
        'findAssessment' | 'findMunicipality' | 'answersOf' | 'overallSummary'
      >;
      readonly respondents: Pick<RespondentRepository, 'findById'>;
      /** Language of channel cards whose subscription has none recorded. */
      readonly channelLocale: Locale;
      readonly reminderAfterDays: number;
      /** Deep link to the municipality's dashboard view; cards have no button without it. */
      readonly dashboardLink?: DashboardLink;
    },
  ) {}

  async of(d: ClaimedDelivery): Promise<OutboxContent | undefined> {
    if (d.assessmentId === null) return undefined;
    const [assessment, municipality] = await Promise.all([
      this.deps.selfCheck.findAssessment(d.assessmentId),
      this.deps.selfCheck.findMunicipality(d.municipalityId),
    ]);
    if (assessment === undefined) return undefined;
    const municipalityName = municipality?.name ?? d.municipalityId;
    if (d.kind === 'reminder') {
      if (d.respondentId === null) return undefined;
      const respondent = await this.deps.respondents.findById(d.respondentId);
      const answers = await this.deps.selfCheck.answersOf(assessment.id, d.respondentId);
      return {
        kind: 'reminder',
        locale: respondent?.locale ?? 'de',
        municipalityName,
        assessmentId: assessment.id,
        days: this.deps.reminderAfterDays,
        answered: Object.keys(answers).length,
      };
    }
    const summary = await this.deps.selfCheck.overallSummary(assessment);
    let event: SummaryEvent = { kind: 'assessment_completed' };
    if (d.kind === 'field_completed') {
      if (!isFieldId(d.fieldId)) return undefined;
      const respondent = d.respondentId === null ? undefined : await this.deps.respondents.findById(d.respondentId);
      event = { kind: 'field_completed', fieldId: d.fieldId, role: respondent?.role ?? null };
    }
    const link = this.deps.dashboardLink;
    return {
      kind: 'summary',
      locale: d.locale ?? this.deps.channelLocale,
      municipalityName,
      event,
      respondents: summary.respondents,
      score: summary.score,
      ...(link ? { dashboardUrl: link(d.municipalityId) } : {}),
    };
  }
}
