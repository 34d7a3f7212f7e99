import fc from 'fast-check';
import {
  FIELD_IDS,
  SCORABLE_ANSWERS,
  ANSWER_POINTS,
  applicableQuestions,
  consolidate,
  gateState,
  isAssessmentComplete,
  isScorable,
  nextQuestion,
  scoreAssessment,
  scoreField,
} from '../../../src/domain/selbstcheck';
import type { AnswerMap, RespondentAnswers, Role, ScorableAnswer, StoredAnswer } from '../../../src/domain/selbstcheck';
import { V1, answerMapArb } from './helpers';

const questionArb = fc.constantFrom(...V1.questions);
const gateIds = [...new Set(V1.questions.flatMap((q) => (q.gate === undefined ? [] : [q.gate])))];

describe('scoring properties', () => {
  it('field and overall scores stay within 0–100 and completeness within 0–1', () => {
    fc.assert(
      fc.property(answerMapArb(), (answers) => {
        const s = scoreAssessment(V1, answers);
        for (const f of [...s.fields, s.overall]) {
          if (f.score !== null) {
            expect(f.score).toBeGreaterThanOrEqual(0);
            expect(f.score).toBeLessThanOrEqual(100);
          }
          if (f.completeness !== null) {
            expect(f.completeness).toBeGreaterThanOrEqual(0);
            expect(f.completeness).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('raising one answer on the scale never lowers its field score (incl. gates)', () => {
    const pairArb = fc
      .tuple(fc.constantFrom(...SCORABLE_ANSWERS), fc.constantFrom(...SCORABLE_ANSWERS))
      .map(([a, b]): readonly [ScorableAnswer, ScorableAnswer] =>
        ANSWER_POINTS[a] <= ANSWER_POINTS[b] ? [a, b] : [b, a],
      );
    // Bias towards gate questions: they change which questions count.
    const targetArb = fc.oneof(questionArb, fc.constantFrom(...V1.questions.filter((q) => gateIds.includes(q.id))));
    fc.assert(
      fc.property(answerMapArb(), targetArb, pairArb, (answers, question, [lower, higher]) => {
        const before = scoreField(V1, question.field, { ...answers, [question.id]: lower }).score;
        const after = scoreField(V1, question.field, { ...answers, [question.id]: higher }).score;
        if (before !== null) {
          expect(after).not.toBeNull();
          expect(after as number).toBeGreaterThanOrEqual(before);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('answering "unknown" instead of skipping never changes a score but always shows as a gap', () => {
    fc.assert(
      fc.property(answerMapArb(), questionArb, fc.boolean(), (answers, question, explicitSkip) => {
        fc.pre(gateState(question, answers) === 'open');
        const skipped: Record<string, StoredAnswer> = { ...answers };
        if (explicitSkip) skipped[question.id] = 'skipped';
        else delete skipped[question.id];
        const unknown: AnswerMap = { ...answers, [question.id]: 'unknown' };

        const a = scoreAssessment(V1, skipped);
        const b = scoreAssessment(V1, unknown);
        expect(b.fields.map((f) => f.score)).toEqual(a.fields.map((f) => f.score));
        expect(b.overall.score).toBe(a.overall.score);
        const field = b.fields.find((f) => f.fieldId === question.field);
        expect(field?.knowledgeGaps).toContain(question.id);
        expect(a.fields.find((f) => f.fieldId === question.field)?.knowledgeGaps).not.toContain(question.id);
      }),
      { numRuns: 500 },
    );
  });
});

describe('skip logic properties', () => {
  it('applicable questions never include a follow-up of a gate answered none', () => {
    fc.assert(
      fc.property(answerMapArb(), (answers) => {
        for (const fieldId of FIELD_IDS) {
          for (const q of applicableQuestions(V1, fieldId, answers)) {
            if (q.gate !== undefined) expect(answers[q.gate]).not.toBe('none');
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a simulated conversation never asks a follow-up of a gate answered none, and ends complete', () => {
    const replies = fc.array(
      fc.constantFrom<StoredAnswer>('full', 'partial', 'planned', 'none', 'unknown', 'skipped'),
      {
        minLength: 1,
        maxLength: 150,
      },
    );
    fc.assert(
      fc.property(replies, fc.constantFrom(...FIELD_IDS), (script, startField) => {
        const answers: Record<string, StoredAnswer> = {};
        const asked: string[] = [];
        let turn = 0;
        let current = nextQuestion(V1, answers, { field: startField });
        while (current !== undefined) {
          expect(asked).not.toContain(current.id);
          if (current.gate !== undefined) expect(answers[current.gate]).not.toBe('none');
          asked.push(current.id);
          answers[current.id] = script[turn % script.length] ?? 'skipped';
          turn += 1;
          current = nextQuestion(V1, answers, { after: current.id });
        }
        expect(isAssessmentComplete(V1, answers)).toBe(true);
        // Exactly the questions not closed or pending were asked.
        const expected = V1.questions.filter((q) => gateState(q, answers) === 'open').map((q) => q.id);
        expect([...asked].sort()).toEqual([...expected].sort());
      }),
      { numRuns: 200 },
    );
  });
});

describe('consolidation properties', () => {
  const roleArb = fc.constantFrom<Role>(
    'mayor',
    'department_head',
    'integration_officer',
    'integration_staff',
    'advisory_council',
    'other',
  );
  const respondentsArb = fc
    .array(fc.tuple(roleArb, answerMapArb()), { minLength: 1, maxLength: 6 })
    .map((list): RespondentAnswers[] => list.map(([role, answers], i) => ({ respondentId: `r${i}`, role, answers })));

  it('respondent order does not change the consolidated result', () => {
    fc.assert(
      fc.property(
        respondentsArb.chain((rs) =>
          fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })),
        ),
        ([original, shuffled]) => {
          expect(consolidate(V1, shuffled)).toEqual(consolidate(V1, original));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the consolidated answer lies between the lowest and highest scorable answer given', () => {
    fc.assert(
      fc.property(respondentsArb, (rs) => {
        const result = consolidate(V1, rs);
        for (const q of V1.questions) {
          const value = result.answers[q.id];
          if (value === undefined || value === 'unknown' || value === 'skipped') continue;
          const given = rs.flatMap((r) => {
            const v = r.answers[q.id];
            return isScorable(v) && gateState(q, r.answers) === 'open' ? [ANSWER_POINTS[v]] : [];
          });
          expect(ANSWER_POINTS[value]).toBeGreaterThanOrEqual(Math.min(...given));
          expect(ANSWER_POINTS[value]).toBeLessThanOrEqual(Math.max(...given));
        }
      }),
      { numRuns: 100 },
    );
  });
});
