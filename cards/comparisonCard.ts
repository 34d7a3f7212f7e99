/** Comparison card (issue #5): a municipality's seven field scores against the anonymised distribution of the others, and the change since its previous round. */
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
import { ct } from '../src/i18n/coordinatorCatalog';
import { card, textBlock, type CardElement, type RenderedCard } from './adaptiveCard';
import { dashboardLinkParts } from './channelSummaryCard';
import { formatScore } from './format';

export interface ComparisonCardInput {
  readonly locale: Locale;
  readonly municipalityName: string;
  readonly comparison: ComparisonResult;
  /** Undefined when there is no earlier round. */
  readonly change?: { readonly previousRound: number; readonly change: RoundChange };
  /** The municipality's view in the coordinators' dashboard (issue #8). */
  readonly dashboardUrl?: string;
}

function comparisonText(c: FieldComparison, locale: Locale): string {
  switch (c.status) {
    case 'not_enough_data':
      return ct(locale, 'card.compareNotEnough', { min: MIN_COMPARISON_GROUP });
    case 'no_own_score':
      return ct(locale, 'card.compareNoOwn');
    case 'ok':
      return ct(locale, 'card.compareLine', {
        own: formatScore(c.own, locale),
        median: formatScore(c.median, locale),
        lq: formatScore(c.lowerQuartile, locale),
        uq: formatScore(c.upperQuartile, locale),
        n: c.comparedWith,
        position: ct(locale, `card.position.${c.position}`),
      });
  }
}

function changeText(label: string, c: ScoreChange, locale: Locale): string {
  const fmt = (v: number | null) => (v === null ? '–' : formatScore(v, locale));
  const delta = c.delta === null ? '–' : `${c.delta > 0 ? '+' : ''}${formatScore(c.delta, locale)}`;
  return ct(locale, 'card.changeLine', { field: label, previous: fmt(c.previous), current: fmt(c.current), delta });
}

export function renderComparisonCard(input: ComparisonCardInput): RenderedCard {
  const { locale, comparison } = input;
  const title = ct(locale, 'card.compareTitle', { municipality: input.municipalityName });
  const rows = [
    ...FIELD_IDS.map((id) => ({ label: fieldName(id, locale), value: comparisonText(comparison.fields[id], locale) })),
    { label: ct(locale, 'card.overallLabel'), value: comparisonText(comparison.overall, locale) },
  ];
  const changeLines = input.change
    ? [
        ...FIELD_IDS.map((id) => changeText(fieldName(id, locale), input.change!.change.fields[id], locale)),
        changeText(ct(locale, 'card.overallLabel'), input.change.change.overall, locale),
      ]
    : [];
  const changeTitle = input.change ? ct(locale, 'card.changeTitle', { round: input.change.previousRound }) : undefined;
  const versionNote = input.change && !input.change.change.sameQuestionnaireVersion ? ct(locale, 'card.changeVersionNote') : undefined;
  const body: CardElement[] = [
    textBlock(title, { size: 'large', weight: 'bolder' }),
    textBlock(ct(locale, 'card.compareIntro'), { isSubtle: true }),
    { type: 'FactSet', facts: rows.map((r) => ({ title: r.label, value: r.value })) },
    ...(changeTitle
      ? [textBlock(changeTitle, { weight: 'bolder' }), ...changeLines.map((l) => textBlock(`• ${l}`, { size: 'small', spacing: 'none' }))]
      : [textBlock(ct(locale, 'card.changeNone'), { isSubtle: true })]),
    ...(versionNote ? [textBlock(versionNote, { isSubtle: true, size: 'small' })] : []),
  ];
  const link = dashboardLinkParts(locale, input.dashboardUrl);
  const text = [
    `**${title}**`,
    ct(locale, 'card.compareIntro'),
    '',
    ...rows.map((r) => `- ${r.label}: ${r.value}`),
    '',
    ...(changeTitle ? [`**${changeTitle}**`, ...changeLines.map((l) => `- ${l}`)] : [ct(locale, 'card.changeNone')]),
    ...(versionNote ? [versionNote] : []),
    ...link.lines,
  ].join('\n');
  return { card: card(body, link.actions, text), text };
}
