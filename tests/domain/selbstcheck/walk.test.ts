import fc from 'fast-check';
import {
  FIELD_IDS,
  applicableQuestions,
  currentQuestion,
  fieldInView,
  gateState,
  isAnswered,
  nextQuestion,
  positionOf,
  previousQuestion,
  questionOrder,
  toFieldId,
} from '../../../src/domain/selbstcheck';
import { V1, answerMapArb } from './helpers';

const ids = (qs: readonly { id: string }[]) => qs.map((q) => q.id);
const questionArb = fc.constantFrom(...V1.questions);

describe('the walk through the questionnaire', () => {
  it('orders the asked questions field by field and counts them', () => {
    const order = questionOrder(V1, {});
    expect(order[0]?.id).toBe('MS-01');
    expect(ids(order)).not.toContain('MS-03'); // a follow-up, until its gate is answered
    expect(positionOf(V1, {}, 'MS-01')).toEqual({ position: 1, total: order.length });
    expect(positionOf(V1, {}, 'MS-03')).toEqual({ position: order.length, total: order.length });
    expect(positionOf(V1, { 'MS-02': 'full' }, 'MS-03').position).toBe(3);
  });

  it('goes back one question, across fields, and not before the first', () => {
    expect(previousQuestion(V1, {}, 'MS-01')).toBeUndefined();
    expect(previousQuestion(V1, {}, 'MS-02')?.id).toBe('MS-01');
    expect(previousQuestion(V1, {}, 'IO-01')?.field).toBe('MS');
    const order = questionOrder(V1, {});
    expect(previousQuestion(V1, {}, undefined)?.id).toBe(order[order.length - 1]?.id);
  });

  it('refers an answer to the question on screen while it is open, else to the next unanswered one', () => {
    expect(currentQuestion(V1, {}, {})?.id).toBe('MS-01');
    expect(currentQuestion(V1, { 'MS-01': 'full' }, { shown: 'MS-01' })?.id).toBe('MS-02');
    expect(currentQuestion(V1, { 'MS-01': 'full' }, { shown: 'MS-01', revisit: true })?.id).toBe('MS-01');
    // A follow-up closed by its gate is not answered, even when on screen for a change.
    expect(currentQuestion(V1, { 'MS-01': 'full', 'MS-02': 'none' }, { shown: 'MS-03', revisit: true })?.id).toBe(
      'MS-05',
    );
  });

  it('has the field of the question on screen in view, else the current one, else the last field', () => {
    expect(fieldInView(V1, {}, {})).toBe('MS');
    expect(fieldInView(V1, {}, { shown: 'KK-01' })).toBe('KK');
    expect(fieldInView(V1, { 'MS-01': 'full' }, { shown: 'XX-99' })).toBe('MS');
    const all = Object.fromEntries(V1.questions.map((q) => [q.id, 'skipped' as const]));
    expect(fieldInView(V1, all, {})).toBe(FIELD_IDS[FIELD_IDS.length - 1]);
  });

  it('knows the fields by their ids only', () => {
    expect(FIELD_IDS.map(toFieldId)).toEqual(FIELD_IDS);
    expect(toFieldId('XY')).toBeUndefined();
    expect(toFieldId('ms')).toBeUndefined();
    expect(toFieldId(undefined)).toBeUndefined();
  });
});

describe('walk properties', () => {
  it('the order is exactly the applicable questions of every field, and positions run 1..total', () => {
    fc.assert(
      fc.property(answerMapArb(), (answers) => {
        const order = questionOrder(V1, answers);
        expect(ids(order)).toEqual(FIELD_IDS.flatMap((f) => ids(applicableQuestions(V1, f, answers))));
        order.forEach((question, i) =>
          expect(positionOf(V1, answers, question.id)).toEqual({ position: i + 1, total: order.length }),
        );
      }),
      { numRuns: 30 },
    );
  });

  it('back from a question in the walk lands on the one just before it', () => {
    fc.assert(
      fc.property(answerMapArb(), questionArb, (answers, question) => {
        const order = questionOrder(V1, answers);
        const index = order.findIndex((q) => q.id === question.id);
        fc.pre(index >= 0);
        const previous = previousQuestion(V1, answers, question.id);
        expect(previous?.id).toBe(index === 0 ? undefined : order[index - 1]?.id);
        if (previous !== undefined) expect(positionOf(V1, answers, previous.id).position).toBe(index);
      }),
      { numRuns: 200 },
    );
  });

  it('the current question is always asked, and unanswered unless opened for a change', () => {
    fc.assert(
      fc.property(
        answerMapArb(),
        fc.option(questionArb, { nil: undefined }),
        fc.boolean(),
        (answers, shown, revisit) => {
          const current = currentQuestion(V1, answers, { shown: shown?.id, revisit });
          if (current === undefined) {
            expect(nextQuestion(V1, answers)).toBeUndefined();
            return;
          }
          expect(gateState(current, answers)).toBe('open');
          if (!(revisit && current.id === shown?.id)) expect(isAnswered(answers, current.id)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
