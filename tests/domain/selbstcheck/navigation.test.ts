import {
  applicableQuestions,
  fieldProgress,
  isAssessmentComplete,
  isFieldComplete,
  nextQuestion,
} from '../../../src/domain/selbstcheck';
import type { AnswerMap } from '../../../src/domain/selbstcheck';
import { V1, fieldAnswers } from './helpers';

const ids = (qs: readonly { id: string }[]) => qs.map((q) => q.id);

describe('navigation', () => {
  it('starts with the first question of the first field', () => {
    expect(nextQuestion(V1, {})?.id).toBe('MS-01');
  });

  it('a gate answered none skips its follow-ups', () => {
    const answers: AnswerMap = { 'MS-01': 'full', 'MS-02': 'none' };
    expect(nextQuestion(V1, answers)?.id).toBe('MS-05');
    expect(ids(applicableQuestions(V1, 'MS', answers))).not.toContain('MS-03');
  });

  it('follow-ups are asked only once the gate is at least planned', () => {
    expect(ids(applicableQuestions(V1, 'MS', {}))).not.toContain('MS-03');
    expect(nextQuestion(V1, { 'MS-01': 'full', 'MS-02': 'planned' })?.id).toBe('MS-03');
    // "Don't know" on the gate: details cannot be assessed either.
    expect(nextQuestion(V1, { 'MS-01': 'full', 'MS-02': 'unknown' })?.id).toBe('MS-05');
    expect(nextQuestion(V1, { 'MS-01': 'full', 'MS-02': 'skipped' })?.id).toBe('MS-05');
  });

  it('unknown and skipped count as answered (dealt with)', () => {
    const answers: AnswerMap = { 'MS-01': 'unknown', 'MS-02': 'skipped' };
    expect(fieldProgress(V1, 'MS', answers)).toEqual({ answered: 2, applicable: 11 });
    expect(nextQuestion(V1, answers)?.id).toBe('MS-05');
  });

  it('the applicable count grows when a gate opens', () => {
    expect(fieldProgress(V1, 'MS', { 'MS-02': 'none' })).toEqual({ answered: 1, applicable: 11 });
    expect(fieldProgress(V1, 'MS', { 'MS-02': 'full' })).toEqual({ answered: 1, applicable: 13 });
  });

  it('can start in a chosen field and continues with the following fields, then wraps', () => {
    expect(nextQuestion(V1, {}, { field: 'ZB' })?.id).toBe('ZB-01');
    const zbDone = fieldAnswers('ZB', 11, 'full');
    expect(nextQuestion(V1, zbDone, { field: 'ZB' })?.id).toBe('KK-01');
    const lateDone = { ...zbDone, ...fieldAnswers('KK', 12, 'partial') };
    expect(nextQuestion(V1, lateDone, { field: 'ZB' })?.id).toBe('MS-01');
  });

  it('after a question, continues behind it and comes back to earlier gaps in the field last', () => {
    const answers: AnswerMap = { 'IO-05': 'full' };
    expect(nextQuestion(V1, answers, { after: 'IO-05' })?.id).toBe('IO-06');
    const restOfIo = fieldAnswers('IO', 13, 'full', { 1: null });
    // IO-01 is open, but the conversation moves on to FZ first and returns to it later.
    expect(nextQuestion(V1, restOfIo, { after: 'IO-13' })?.id).toBe('FZ-01');
    expect(nextQuestion(V1, restOfIo, { after: 'IO-13', onlyField: true })?.id).toBe('IO-01');
  });

  it('onlyField returns undefined when that field is complete', () => {
    const answers = fieldAnswers('AW', 12, 'partial');
    expect(nextQuestion(V1, answers, { field: 'AW', onlyField: true })).toBeUndefined();
    expect(isFieldComplete(V1, 'AW', answers)).toBe(true);
    expect(isFieldComplete(V1, 'MS', answers)).toBe(false);
  });

  it('the whole assessment is complete only when every field is', () => {
    const all: AnswerMap = {
      ...fieldAnswers('MS', 13, 'full'),
      ...fieldAnswers('IO', 13, 'none', { 7: null, 8: null }),
      ...fieldAnswers('FZ', 27, 'unknown'),
      ...fieldAnswers('AW', 12, 'skipped'),
      ...fieldAnswers('EB', 12, 'partial'),
      ...fieldAnswers('ZB', 11, 'planned'),
    };
    expect(isAssessmentComplete(V1, all)).toBe(false);
    const withKk = { ...all, ...fieldAnswers('KK', 12, 'full') };
    expect(isAssessmentComplete(V1, withKk)).toBe(true);
    expect(nextQuestion(V1, withKk)).toBeUndefined();
  });

  it('ignores inherited object keys as question ids', () => {
    expect(nextQuestion(V1, Object.create({ 'MS-01': 'full' }) as AnswerMap)?.id).toBe('MS-01');
  });
});
