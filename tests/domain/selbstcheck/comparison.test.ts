import { changeBetweenRounds, compareWithRelease, quantile, scoreAssessment } from '../../../src/domain/selbstcheck';
import { releasedFrom } from '../../support/released';
import type { AssessmentScore, FieldId } from '../../../src/domain/selbstcheck';
import { V1, fieldAnswers } from './helpers';

/** Assessment where every AW question has the same answer: AW score is the answer's points. */
function awOnly(value: 'full' | 'partial' | 'planned' | 'none'): AssessmentScore {
  return scoreAssessment(V1, fieldAnswers('AW', 12, value));
}

function fieldResult(r: ReturnType<typeof compareWithRelease>, id: FieldId) {
  return r.fields[id];
}

describe('quantile (linear interpolation, like QUARTILE.INC)', () => {
  it('matches hand-computed values', () => {
    // n=5: positions (n−1)·p = 1, 2, 3 → exact elements
    expect([0.25, 0.5, 0.75].map((p) => quantile([0, 25, 25, 60, 100], p))).toEqual([25, 25, 60]);
    // n=6: (6−1)·0.25 = 1.25 → 25 + 0.25·(60−25) = 33.75
    expect(quantile([0, 25, 60, 60, 100, 100], 0.25)).toBe(33.75);
  });
});

describe('compareWithRelease', () => {
  const own = scoreAssessment(V1, { ...fieldAnswers('AW', 12, 'partial'), ...fieldAnswers('MS', 13, 'full') });

  it('says "not enough data" with fewer than five other municipalities', () => {
    const four = [awOnly('none'), awOnly('planned'), awOnly('partial'), awOnly('full')];
    const r = compareWithRelease(own, releasedFrom(four));
    expect(fieldResult(r, 'AW')).toEqual({ status: 'not_enough_data' });
    expect(r.overall).toEqual({ status: 'not_enough_data' });
  });

  it('counts only others with a score in that field', () => {
    // Five others, but one has no AW score → only four count.
    const others = [
      awOnly('none'),
      awOnly('planned'),
      awOnly('partial'),
      awOnly('full'),
      scoreAssessment(V1, fieldAnswers('MS', 13, 'full')),
    ];
    expect(fieldResult(compareWithRelease(own, releasedFrom(others)), 'AW')).toEqual({ status: 'not_enough_data' });
  });

  it('with five others gives median and quartiles and the own position', () => {
    // Others' AW scores: 0, 25, 25, 60, 100 → Q1 25, median 25, Q3 60. Own AW 60 → upper middle.
    const others = [awOnly('none'), awOnly('planned'), awOnly('planned'), awOnly('partial'), awOnly('full')];
    expect(fieldResult(compareWithRelease(own, releasedFrom(others)), 'AW')).toEqual({
      status: 'ok',
      own: 60,
      median: 25,
      lowerQuartile: 25,
      upperQuartile: 60,
      comparedWith: 5,
      position: 'upper_middle',
    });
    // Own MS exists, others have no MS score at all.
    expect(fieldResult(compareWithRelease(own, releasedFrom(others)), 'MS')).toEqual({ status: 'not_enough_data' });
    // Own has no IO score while others do not either → still "not enough data" first.
    expect(fieldResult(compareWithRelease(own, releasedFrom(others)), 'IO')).toEqual({ status: 'not_enough_data' });
  });

  it('positions: below Q1 is the lowest quarter, above Q3 the highest', () => {
    const others = [awOnly('planned'), awOnly('planned'), awOnly('partial'), awOnly('partial'), awOnly('partial')];
    // Others: 25, 25, 60, 60, 60 → Q1 25, median 60, Q3 60.
    const low = compareWithRelease(awOnly('none'), releasedFrom(others));
    const high = compareWithRelease(awOnly('full'), releasedFrom(others));
    expect(fieldResult(low, 'AW')).toMatchObject({ status: 'ok', position: 'lowest_quarter' });
    expect(fieldResult(high, 'AW')).toMatchObject({ status: 'ok', position: 'highest_quarter' });
  });

  it('reports "no own score" when others suffice but the municipality has none', () => {
    const others = [awOnly('none'), awOnly('planned'), awOnly('planned'), awOnly('partial'), awOnly('full')];
    const empty = scoreAssessment(V1, {});
    expect(fieldResult(compareWithRelease(empty, releasedFrom(others)), 'AW')).toEqual({ status: 'no_own_score' });
  });
});

describe('changeBetweenRounds', () => {
  it('computes per-field and overall change', () => {
    const previous = scoreAssessment(V1, { ...fieldAnswers('AW', 12, 'planned'), ...fieldAnswers('MS', 13, 'full') });
    const current = scoreAssessment(V1, {
      ...fieldAnswers('AW', 12, 'partial'),
      ...fieldAnswers('MS', 13, 'full'),
      ...fieldAnswers('KK', 12, 'none'),
    });
    const change = changeBetweenRounds(previous, current);
    expect(change.sameQuestionnaireVersion).toBe(true);
    expect(change.fields.AW).toEqual({
      previous: 25,
      current: 60,
      delta: 35,
      direction: 'up',
      previousLevel: 'developing',
      currentLevel: 'advanced',
    });
    expect(change.fields.MS).toMatchObject({ delta: 0, direction: 'same' });
    expect(change.fields.KK).toEqual({
      previous: null,
      current: 0,
      delta: null,
      direction: 'not_comparable',
      previousLevel: null,
      currentLevel: 'entry',
    });
    // Overall: previous (25 + 100)/2 = 62.5; current (100 + 60 + 0)/3 = 53.3 → −9.2
    expect(change.overall).toMatchObject({ previous: 62.5, current: 53.3, delta: -9.2, direction: 'down' });
  });
});
