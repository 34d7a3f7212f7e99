import type { SeriesFigures, SeriesId } from './comparisonRelease';
import { round1 } from './scale';
import type {
  AssessmentScore,
  ComparisonPosition,
  ComparisonResult,
  FieldComparison,
  FieldId,
  Level,
  RoundChange,
  ScoreChange,
} from './types';

function position(own: number, f: SeriesFigures): ComparisonPosition {
  return own < f.lowerQuartile
    ? 'lowest_quarter'
    : own < f.median
      ? 'lower_middle'
      : own <= f.upperQuartile
        ? 'upper_middle'
        : 'highest_quarter';
}

function compareScore(own: number | null, figures: SeriesFigures | null): FieldComparison {
  // Released figures first, so an empty own result never reveals whether figures exist.
  if (figures === null) return { status: 'not_enough_data' };
  if (own === null) return { status: 'no_own_score' };
  return {
    status: 'ok',
    own,
    median: figures.median,
    lowerQuartile: figures.lowerQuartile,
    upperQuartile: figures.upperQuartile,
    comparedWith: figures.municipalities,
    position: position(own, figures),
  };
}

function fieldScoreOf(score: AssessmentScore, fieldId: FieldId): number | null {
  return score.fields.find((f) => f.fieldId === fieldId)?.score ?? null;
}

function fieldLevelOf(score: AssessmentScore, fieldId: FieldId): Level | null {
  return score.fields.find((f) => f.fieldId === fieldId)?.level ?? null;
}

function perField<T>(make: (fieldId: FieldId) => T): Record<FieldId, T> {
  return {
    MS: make('MS'),
    IO: make('IO'),
    FZ: make('FZ'),
    AW: make('AW'),
    EB: make('EB'),
    ZB: make('ZB'),
    KK: make('KK'),
  };
}

/** The figures released to readers (docs/scoring.md §10): what every comparison is made against. */
export interface ReleasedFigures {
  readonly series: Readonly<Record<SeriesId, SeriesFigures | null>>;
  /** When the figures were released; null before the first release. */
  readonly releasedAt: Date | null;
}

export const NO_RELEASE: ReleasedFigures = {
  series: { MS: null, IO: null, FZ: null, AW: null, EB: null, ZB: null, KK: null, overall: null },
  releasedAt: null,
};

/**
 * Places a municipality's scores (its current round, open or closed) in the released figures, which come from
 * closed rounds of all municipalities (docs/scoring.md §10). Different questionnaire versions are compared
 * as-is: scores are always 0–100 shares.
 */
export function compareWithRelease(own: AssessmentScore, released: ReleasedFigures): ComparisonResult {
  return {
    fields: perField((fieldId) => compareScore(fieldScoreOf(own, fieldId), released.series[fieldId])),
    overall: compareScore(own.overall.score, released.series.overall),
    releasedAt: released.releasedAt,
  };
}

function change(
  previous: number | null,
  current: number | null,
  previousLevel: Level | null,
  currentLevel: Level | null,
): ScoreChange {
  const delta = previous === null || current === null ? null : round1(current - previous);
  const direction = delta === null ? 'not_comparable' : delta > 0 ? 'up' : delta < 0 ? 'down' : 'same';
  return { previous, current, delta, direction, previousLevel, currentLevel };
}

/** Change per field and overall between two rounds of the same municipality. */
export function changeBetweenRounds(previous: AssessmentScore, current: AssessmentScore): RoundChange {
  return {
    sameQuestionnaireVersion: previous.questionnaireVersion === current.questionnaireVersion,
    fields: perField((fieldId) =>
      change(
        fieldScoreOf(previous, fieldId),
        fieldScoreOf(current, fieldId),
        fieldLevelOf(previous, fieldId),
        fieldLevelOf(current, fieldId),
      ),
    ),
    overall: change(previous.overall.score, current.overall.score, previous.overall.level, current.overall.level),
  };
}
