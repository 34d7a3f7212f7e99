import { consolidate, medianAnswer } from '../../../src/domain/selbstcheck';
import type { RespondentAnswers } from '../../../src/domain/selbstcheck';
import { V1 } from './helpers';

describe('median tie rule', () => {
  it('odd count: the middle answer', () => {
    expect(medianAnswer(['full', 'none', 'partial'])).toBe('partial');
  });
  it('even count: the lower of the two middle answers', () => {
    expect(medianAnswer(['full', 'partial'])).toBe('partial');
    expect(medianAnswer(['full', 'full', 'planned', 'none'])).toBe('planned');
  });
  it('no answers: undefined', () => {
    expect(medianAnswer([])).toBeUndefined();
  });
});

describe('consolidate', () => {
  const respondents: RespondentAnswers[] = [
    {
      respondentId: 'b-officer',
      role: 'integration_officer',
      answers: { 'MS-01': 'full', 'MS-05': 'partial', 'IO-01': 'unknown', 'FZ-01': 'skipped' },
    },
    {
      respondentId: 'a-mayor',
      role: 'mayor',
      answers: { 'MS-01': 'planned', 'MS-05': 'partial', 'IO-01': 'unknown', 'KK-01': 'none' },
    },
    {
      respondentId: 'c-council',
      role: 'advisory_council',
      answers: { 'MS-01': 'none', 'MS-05': 'planned', 'FZ-01': 'skipped' },
    },
  ];
  const result = consolidate(V1, respondents);

  it('takes the median per question; unknown only when no one could assess; skipped when all skipped', () => {
    expect(result.answers).toEqual({
      'MS-01': 'planned', // full, planned, none → planned
      'MS-05': 'partial', // partial, partial, planned → partial
      'IO-01': 'unknown',
      'FZ-01': 'skipped',
      'KK-01': 'none',
    });
  });

  it('lists questions where answers differ by two or more steps', () => {
    expect(result.divergences).toEqual([
      {
        questionId: 'MS-01',
        fieldId: 'MS',
        highest: 'full',
        lowest: 'none',
        steps: 3,
        answers: [
          { respondentId: 'a-mayor', role: 'mayor', value: 'planned' },
          { respondentId: 'b-officer', role: 'integration_officer', value: 'full' },
          { respondentId: 'c-council', role: 'advisory_council', value: 'none' },
        ],
      },
    ]);
  });

  it('one step apart (partial vs planned) is not a divergence; unknown is never one', () => {
    expect(result.divergences.map((d) => d.questionId)).not.toContain('MS-05');
    const withUnknown = consolidate(V1, [
      { respondentId: 'x', role: 'other', answers: { 'AW-01': 'full' } },
      { respondentId: 'y', role: 'other', answers: { 'AW-01': 'unknown' } },
    ]);
    expect(withUnknown.divergences).toEqual([]);
    expect(withUnknown.answers['AW-01']).toBe('full');
    const twoSteps = consolidate(V1, [
      { respondentId: 'x', role: 'other', answers: { 'AW-01': 'full' } },
      { respondentId: 'y', role: 'other', answers: { 'AW-01': 'planned' } },
    ]);
    expect(twoSteps.divergences.map((d) => d.steps)).toEqual([2]);
  });

  it('reports coverage: who answered which fields (skips do not count)', () => {
    expect(result.coverage).toEqual([
      { respondentId: 'a-mayor', role: 'mayor', fields: ['MS', 'IO', 'KK'], answeredCount: 4 },
      { respondentId: 'b-officer', role: 'integration_officer', fields: ['MS', 'IO'], answeredCount: 3 },
      { respondentId: 'c-council', role: 'advisory_council', fields: ['MS'], answeredCount: 2 },
    ]);
  });

  it("ignores a follow-up answer behind the respondent's own closed gate", () => {
    const r = consolidate(V1, [
      { respondentId: 'x', role: 'other', answers: { 'EB-01': 'none', 'EB-02': 'full' } },
      { respondentId: 'y', role: 'other', answers: { 'EB-01': 'full', 'EB-02': 'none' } },
    ]);
    // EB-01: full and none → lower middle = none; EB-02 only from y.
    expect(r.answers['EB-01']).toBe('none');
    expect(r.answers['EB-02']).toBe('none');
    expect(r.divergences.map((d) => d.questionId)).toEqual(['EB-01']);
  });

  it('rejects the same respondent twice', () => {
    expect(() =>
      consolidate(V1, [
        { respondentId: 'x', role: 'other', answers: {} },
        { respondentId: 'x', role: 'mayor', answers: {} },
      ]),
    ).toThrow(/respondent x/);
  });
});
