/** Comparison card: a municipality's seven field scores against the anonymised distribution of the others, and the change since its previous round. */
import {
  FIELD_IDS,
  MIN_COMPARISON_GROUP,
  fieldName,
  type ComparisonResult,
  type FieldComparison,
  type Locale,
  type RoundChange,
  type ScoreChange,
} from '../src/domain/selbstcheck';
import { card, textBlock, type CardElement, type RenderedCard } from './adaptiveCard';
import { dashboardLinkParts } from './channelSummaryCard';
import { formatScore } from './format';
import { staffText } from '../src/i18n/staff';

export interface ComparisonCardInput {
  readonly locale: Locale;
  readonly municipalityName: string;
  readonly comparison: ComparisonResult;
  /** Undefined when there is no earlier round. */
  readonly change?: { readonly previousRound: number; readonly change: RoundChange };
  /** The municipality's view in the coordinators' dashboard. */
  readonly dashboardUrl?: string;
}

function comparisonText(c: FieldComparison, locale: Locale): string {
  switch (c.status) {
    case 'not_enough_data':
      return staffText(locale, 'card.compareNotEnough', { min: MIN_COMPARISON_GROUP });
    case 'no_own_score':
      return staffText(locale, 'card.compareNoOwn');
    case 'ok':
      return staffText(locale, 'card.compareLine', {
        own: formatScore(c.own, locale),
        median: formatScore(c.median, locale),
        lq: formatScore(c.lowerQuartile, locale),
        uq: formatScore(c.upperQuartile, locale),
        n: c.comparedWith,
        position: staffText(locale, `card.position.${c.position}`),
      });
  }
}

function changeText(label: string, c: ScoreChange, locale: Locale): string {
  const fmt = (v: number | null) => (v === null ? '–' : formatScore(v, locale));
  const delta = c.delta === null ? '–' : `${c.delta > 0 ? '+' : ''}${formatScore(c.delta, locale)}`;
  return staffText(locale, 'card.changeLine', {
    field: label,
    previous: fmt(c.previous),
    current: fmt(c.current),
    delta,
  });
}

/** The release's day in German time; figures are released at most a few times a year. */
function releaseDate(d: Date, locale: Locale): string {
  return new Date(d).toLocaleDateString(locale === 'de' ? 'de-DE' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Berlin',
  });
}

export function renderComparisonCard(input: ComparisonCardInput): RenderedCard {
  const { locale, comparison } = input;
  const title = staffText(locale, 'card.compareTitle', { municipality: input.municipalityName });
  const rows = [
    ...FIELD_IDS.map((id) => ({ label: fieldName(id, locale), value: comparisonText(comparison.fields[id], locale) })),
    { label: staffText(locale, 'card.overallLabel'), value: comparisonText(comparison.overall, locale) },
  ];
  const changeLines = input.change
    ? [
        ...FIELD_IDS.map((id) => changeText(fieldName(id, locale), input.change!.change.fields[id], locale)),
        changeText(staffText(locale, 'card.overallLabel'), input.change.change.overall, locale),
      ]
    : [];
  const changeTitle = input.change
    ? staffText(locale, 'card.changeTitle', { round: input.change.previousRound })
    : undefined;
  const versionNote =
    input.change && !input.change.change.sameQuestionnaireVersion
      ? staffText(locale, 'card.changeVersionNote')
      : undefined;
  const asOf =
    comparison.releasedAt === null
      ? staffText(locale, 'card.compareNoRelease', { min: MIN_COMPARISON_GROUP })
      : staffText(locale, 'card.compareAsOf', { date: releaseDate(comparison.releasedAt, locale) });
  const body: CardElement[] = [
    textBlock(title, { size: 'large', weight: 'bolder' }),
    textBlock(staffText(locale, 'card.compareIntro'), { isSubtle: true }),
    textBlock(asOf, { isSubtle: true, size: 'small', spacing: 'none' }),
    { type: 'FactSet', facts: rows.map((r) => ({ title: r.label, value: r.value })) },
    ...(changeTitle
      ? [
          textBlock(changeTitle, { weight: 'bolder' }),
          ...changeLines.map((l) => textBlock(`• ${l}`, { size: 'small', spacing: 'none' })),
        ]
      : [textBlock(staffText(locale, 'card.changeNone'), { isSubtle: true })]),
    ...(versionNote ? [textBlock(versionNote, { isSubtle: true, size: 'small' })] : []),
  ];
  const link = dashboardLinkParts(locale, input.dashboardUrl);
  const text = [
    `**${title}**`,
    staffText(locale, 'card.compareIntro'),
    asOf,
    '',
    ...rows.map((r) => `- ${r.label}: ${r.value}`),
    '',
    ...(changeTitle
      ? [`**${changeTitle}**`, ...changeLines.map((l) => `- ${l}`)]
      : [staffText(locale, 'card.changeNone')]),
    ...(versionNote ? [versionNote] : []),
    ...link.lines,
  ].join('\n');
  return { card: card(body, link.actions, text), text };
}
