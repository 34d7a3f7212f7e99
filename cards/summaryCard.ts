/** Field summary after each field of action and the municipality's overall summary. */
import {
  FIELD_IDS,
  answerLabel,
  fieldName,
  findQuestion,
  levelLabel,
  trafficLightLabel,
  type AssessmentScore,
  type Divergence,
  type FieldScore,
  type Locale,
  type Questionnaire,
  type Recommendation,
  type TrafficLight,
} from '../src/domain/selbstcheck';
import {
  action,
  card,
  progressBar,
  textBlock,
  type CardElement,
  type CardHost,
  type RenderedCard,
} from './adaptiveCard';
import { formatScore, shortenAtWord } from './format';
import { staffText } from '../src/i18n/staff';

const LIGHT_ICON: Readonly<Record<TrafficLight, string>> = { red: '🔴', yellow: '🟡', green: '🟢' };
const LIGHT_STYLE: Readonly<Record<TrafficLight, 'attention' | 'warning' | 'good'>> = {
  red: 'attention',
  yellow: 'warning',
  green: 'good',
};
const MAX_DIVERGENCES_SHOWN = 5;
/** A divergence names its question in a line; the full text is in the report (and the question card). */
const DIVERGENCE_QUESTION_CHARS = 80;
const MAX_NEXT_STEPS = 5;

export interface FieldSummaryInput {
  readonly host: CardHost;
  readonly locale: Locale;
  readonly assessmentId: string;
  readonly score: FieldScore;
  readonly recommendations: readonly Recommendation[];
}

export function renderFieldSummaryCard(input: FieldSummaryInput): RenderedCard {
  const { locale, score } = input;
  const title = staffText(locale, 'summary.fieldTitle', { field: fieldName(score.fieldId, locale) });
  const scoreText =
    score.score === null ? staffText(locale, 'summary.noScore') : `${formatScore(score.score, locale)} / 100`;
  const levelText = score.level === null ? '–' : levelLabel(score.level, locale);
  const lightText =
    score.trafficLight === null
      ? '–'
      : `${LIGHT_ICON[score.trafficLight]} ${trafficLightLabel(score.trafficLight, locale)}`;
  const gapsText =
    score.knowledgeGaps.length === 0 ? staffText(locale, 'summary.none') : score.knowledgeGaps.join(', ');
  const suggestions = input.recommendations.slice(0, 3);

  const facts = [
    { title: staffText(locale, 'summary.score'), value: scoreText },
    { title: staffText(locale, 'summary.level'), value: levelText },
    { title: staffText(locale, 'summary.light'), value: lightText },
    { title: staffText(locale, 'summary.gaps'), value: gapsText },
  ];
  const body: CardElement[] = [
    textBlock(title, { size: 'large', weight: 'bolder' }),
    ...(score.score !== null && score.trafficLight !== null
      ? [progressBar(score.score, LIGHT_STYLE[score.trafficLight])]
      : []),
    { type: 'FactSet', facts },
    ...(suggestions.length > 0
      ? [
          textBlock(staffText(locale, 'summary.suggestions'), { weight: 'bolder' }),
          ...suggestions.map((r) => textBlock(`• ${r.text[locale]}`)),
        ]
      : []),
  ];
  const actions = [
    action(
      input.host,
      staffText(locale, 'summary.continue'),
      { verb: 'continue', assessmentId: input.assessmentId },
      { primary: true },
    ),
    action(input.host, staffText(locale, 'summary.overall'), { verb: 'overall', assessmentId: input.assessmentId }),
  ];
  const text = [
    `**${title}**`,
    ...facts.map((f) => `- ${f.title}: ${f.value}`),
    ...(suggestions.length > 0
      ? ['', `**${staffText(locale, 'summary.suggestions')}**`, ...suggestions.map((r) => `- ${r.text[locale]}`)]
      : []),
  ].join('\n');
  return { card: card(body, actions, text), text };
}

export interface OverallSummaryInput {
  readonly host: CardHost;
  readonly locale: Locale;
  readonly assessmentId: string;
  readonly municipalityName: string;
  readonly respondents: number;
  readonly score: AssessmentScore;
  readonly divergences: readonly Divergence[];
  /** The round's questionnaire: the divergence lines name their questions' texts. */
  readonly questionnaire: Questionnaire;
  readonly recommendations: readonly Recommendation[];
  /** `own`: a respondent's own answers only (they may not see the consolidated result of everyone). */
  readonly scope?: 'municipality' | 'own';
}

export function renderOverallSummaryCard(input: OverallSummaryInput): RenderedCard {
  const { locale, score } = input;
  const own = input.scope === 'own';
  const title = staffText(locale, own ? 'summary.ownTitle' : 'summary.overallTitle', {
    municipality: input.municipalityName,
  });
  const subtitle = own
    ? staffText(locale, 'summary.ownNote')
    : staffText(locale, 'summary.respondents', { count: input.respondents });
  const overall =
    score.overall.score === null || score.overall.level === null
      ? staffText(locale, 'summary.noScore')
      : staffText(locale, 'summary.overallLevel', {
          score: formatScore(score.overall.score, locale),
          level: levelLabel(score.overall.level, locale),
        });
  const fieldLine = (f: FieldScore) =>
    `${fieldName(f.fieldId, locale)}: ${f.score === null ? staffText(locale, 'summary.noScore') : formatScore(f.score, locale)}`;
  const { lines: divergenceLines, more: moreDivergences } = divergenceLinesOf(input);
  const nextSteps = input.recommendations.slice(0, MAX_NEXT_STEPS).map((r) => r.text[locale]);
  const ordered = FIELD_IDS.flatMap((id) => score.fields.filter((f) => f.fieldId === id));

  const body: CardElement[] = [
    textBlock(title, { size: 'large', weight: 'bolder' }),
    textBlock(subtitle, { isSubtle: true, spacing: 'none' }),
    textBlock(overall, { weight: 'bolder' }),
    ...ordered.flatMap((f): CardElement[] => [
      textBlock(fieldLine(f), { size: 'small', spacing: 'small' }),
      progressBar(f.score ?? 0, f.trafficLight === null ? 'accent' : LIGHT_STYLE[f.trafficLight]),
    ]),
    ...(divergenceLines.length > 0
      ? [
          textBlock(staffText(locale, 'summary.divergences'), { weight: 'bolder' }),
          ...divergenceLines.map((l) => textBlock(`• ${l}`, { size: 'small' })),
          ...(moreDivergences !== undefined ? [textBlock(moreDivergences, { size: 'small', isSubtle: true })] : []),
        ]
      : []),
    ...(nextSteps.length > 0
      ? [
          textBlock(staffText(locale, 'summary.nextSteps'), { weight: 'bolder' }),
          ...nextSteps.map((s) => textBlock(`• ${s}`)),
        ]
      : []),
  ];
  const actions = [
    action(input.host, staffText(locale, 'summary.continue'), { verb: 'continue', assessmentId: input.assessmentId }),
  ];
  const text = [
    `**${title}**`,
    subtitle,
    overall,
    '',
    ...ordered.map((f) => `- ${fieldLine(f)}`),
    ...(divergenceLines.length > 0
      ? [
          '',
          `**${staffText(locale, 'summary.divergences')}**`,
          ...divergenceLines.map((l) => `- ${l}`),
          ...(moreDivergences !== undefined ? [moreDivergences] : []),
        ]
      : []),
    ...(nextSteps.length > 0
      ? ['', `**${staffText(locale, 'summary.nextSteps')}**`, ...nextSteps.map((s) => `- ${s}`)]
      : []),
  ].join('\n');
  return { card: card(body, actions, text), text };
}

/**
 * The widest divergences first (three scale steps before two, then in questionnaire order), each with its
 * question's text shortened at a word boundary; at most MAX_DIVERGENCES_SHOWN and a count of the rest, so
 * the card stays far below Teams' ~28 KB however many questions diverge.
 */
function divergenceLinesOf(input: OverallSummaryInput): { lines: string[]; more: string | undefined } {
  const { locale } = input;
  const widestFirst = [...input.divergences].sort((a, b) => b.steps - a.steps);
  const lines = widestFirst.slice(0, MAX_DIVERGENCES_SHOWN).map((d) => {
    const text = findQuestion(input.questionnaire, d.questionId)?.text[locale];
    return staffText(locale, 'afterSummary.divergenceLine', {
      id: d.questionId,
      question: text === undefined ? '' : shortenAtWord(text, DIVERGENCE_QUESTION_CHARS),
      highest: answerLabel(d.highest, locale),
      lowest: answerLabel(d.lowest, locale),
    });
  });
  const rest = widestFirst.length - lines.length;
  return { lines, more: rest > 0 ? staffText(locale, 'afterSummary.divergencesMore', { count: rest }) : undefined };
}
