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

/**
 * A comparison needs at least this many OTHER municipalities with a score in
 * the field: with fewer, quartiles would let people work out individual results.
 */
export const MIN_COMPARISON_GROUP = 5;

/** Quantile with linear interpolation between closest ranks (as spreadsheet QUARTILE.INC). */
export function quantile(sortedAscending: readonly number[], p: number): number {
  const n = sortedAscending.length;
  if (n === 0) throw new Error('quantile of an empty list');
  const h = (n - 1) * p;
  const lower = Math.floor(h);
  const upper = Math.ceil(h);
  const lo = sortedAscending[lower] ?? 0;
  const hi = sortedAscending[upper] ?? lo;
  return lo + (h - lower) * (hi - lo);
}

function compareScore(own: number | null, others: readonly (number | null)[]): FieldComparison {
  const values = others.flatMap((v) => (v === null ? [] : [v])).sort((a, b) => a - b);
  // Check group size first so an empty own result never reveals how many others exist.
  if (values.length < MIN_COMPARISON_GROUP) return { status: 'not_enough_data' };
  if (own === null) return { status: 'no_own_score' };
  const lowerQuartile = round1(quantile(values, 0.25));
  const median = round1(quantile(values, 0.5));
  const upperQuartile = round1(quantile(values, 0.75));
  const position: ComparisonPosition =
    own < lowerQuartile
      ? 'lowest_quarter'
      : own < median
        ? 'lower_middle'
        : own <= upperQuartile
          ? 'upper_middle'
          : 'highest_quarter';
  return { status: 'ok', own, median, lowerQuartile, upperQuartile, comparedWith: values.length, position };
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

/**
 * Places a municipality's field scores in the distribution of the others'
 * latest results. `others` must not contain the municipality itself (the
 * caller selects them). Different questionnaire versions are compared as-is:
 * scores are always 0–100 shares.
 */
export function compareWithOthers(own: AssessmentScore, others: readonly AssessmentScore[]): ComparisonResult {
  return {
    fields: perField((fieldId) =>
      compareScore(
        fieldScoreOf(own, fieldId),
        others.map((o) => fieldScoreOf(o, fieldId)),
      ),
    ),
    overall: compareScore(
      own.overall.score,
      others.map((o) => o.overall.score),
    ),
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
