/** Summary card posted proactively to subscribed Teams channels: consolidated field scores, levels, traffic lights. */
import {
  FIELD_IDS,
  fieldName,
  levelLabel,
  roleLabel,
  trafficLightLabel,
  type AssessmentScore,
  type FieldId,
  type Locale,
  type Role,
  type TrafficLight,
} from '../src/domain/selbstcheck';
import { card, openUrlAction, progressBar, textBlock, type CardElement, type RenderedCard } from './adaptiveCard';
import { formatScore } from './format';
import { staffText } from '../src/i18n/staff';

const LIGHT_ICON: Readonly<Record<TrafficLight, string>> = { red: '🔴', yellow: '🟡', green: '🟢' };
const LIGHT_STYLE: Readonly<Record<TrafficLight, 'attention' | 'warning' | 'good'>> = {
  red: 'attention',
  yellow: 'warning',
  green: 'good',
};

/** The dashboard link of a coordinator card: a line for the text fallback and the button. */
export function dashboardLinkParts(
  locale: Locale,
  url: string | undefined,
): { readonly lines: string[]; readonly actions: CardElement[] } {
  return url === undefined
    ? { lines: [], actions: [] }
    : {
        lines: ['', staffText(locale, 'card.dashboardLink', { url })],
        actions: [openUrlAction(staffText(locale, 'card.openDashboard'), url)],
      };
}

export interface ChannelSummaryInput {
  readonly locale: Locale;
  readonly municipalityName: string;
  readonly event:
    | { readonly kind: 'field_completed'; readonly fieldId: FieldId; readonly role: Role | null }
    | { readonly kind: 'assessment_completed' };
  readonly respondents: number;
  /** Consolidated over all respondents of the round. */
  readonly score: AssessmentScore;
  /** The municipality's view in the coordinators' dashboard. */
  readonly dashboardUrl?: string;
}

export function renderChannelSummaryCard(input: ChannelSummaryInput): RenderedCard {
  const { locale, score, event } = input;
  const title =
    event.kind === 'field_completed'
      ? staffText(locale, 'card.fieldCompletedTitle', {
          municipality: input.municipalityName,
          field: fieldName(event.fieldId, locale),
        })
      : staffText(locale, 'card.assessmentCompletedTitle', { municipality: input.municipalityName });
  const by =
    event.kind === 'field_completed' && event.role !== null
      ? staffText(locale, 'card.fieldCompletedBy', { role: roleLabel(event.role, locale) })
      : undefined;
  const overall =
    score.overall.score === null || score.overall.level === null
      ? staffText(locale, 'card.noScore')
      : staffText(locale, 'card.overall', {
          score: formatScore(score.overall.score, locale),
          level: levelLabel(score.overall.level, locale),
        });
  const ordered = FIELD_IDS.flatMap((id) => score.fields.filter((f) => f.fieldId === id));
  const line = (f: (typeof ordered)[number]) => {
    const value = f.score === null ? staffText(locale, 'card.noScore') : `${formatScore(f.score, locale)}`;
    const level = f.level === null ? '' : ` · ${levelLabel(f.level, locale)}`;
    const light =
      f.trafficLight === null ? '' : ` · ${LIGHT_ICON[f.trafficLight]} ${trafficLightLabel(f.trafficLight, locale)}`;
    return `${fieldName(f.fieldId, locale)}: ${value}${level}${light}`;
  };
  const highlighted = event.kind === 'field_completed' ? event.fieldId : undefined;
  const body: CardElement[] = [
    textBlock(title, { size: 'large', weight: 'bolder' }),
    ...(by ? [textBlock(by, { isSubtle: true, spacing: 'none' })] : []),
    textBlock(staffText(locale, 'card.currentState', { count: input.respondents }), { isSubtle: true }),
    textBlock(overall, { weight: 'bolder' }),
    ...ordered.flatMap((f): CardElement[] => [
      textBlock(line(f), {
        size: 'small',
        spacing: 'small',
        ...(f.fieldId === highlighted ? { weight: 'bolder' } : {}),
      }),
      progressBar(f.score ?? 0, f.trafficLight === null ? 'accent' : LIGHT_STYLE[f.trafficLight]),
    ]),
  ];
  const link = dashboardLinkParts(locale, input.dashboardUrl);
  const text = [
    `**${title}**`,
    ...(by ? [by] : []),
    staffText(locale, 'card.currentState', { count: input.respondents }),
    overall,
    '',
    ...ordered.map((f) => `- ${line(f)}`),
    ...link.lines,
  ].join('\n');
  return { card: card(body, link.actions, text), text };
}
