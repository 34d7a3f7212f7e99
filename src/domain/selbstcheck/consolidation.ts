import { FIELD_IDS } from './labels';
import { gateState } from './navigation';
import { ANSWER_POINTS, answerOf, isScorable, scaleStep } from './scale';
import type {
  ConsolidatedResult,
  Divergence,
  FieldId,
  Questionnaire,
  RespondentAnswers,
  RespondentCoverage,
  ScorableAnswer,
  StoredAnswer,
} from './types';

/** Respondents whose answers differ by this many scale steps are flagged for the workshop. */
export const DIVERGENCE_MIN_STEPS = 2;

const byId = (a: { respondentId: string }, b: { respondentId: string }) =>
  a.respondentId < b.respondentId ? -1 : a.respondentId > b.respondentId ? 1 : 0;

/**
 * Median on the points of the scorable answers. With an even number of answers
 * the lower of the two middle answers wins: a consolidated result should not
 * claim more than half of the respondents confirm.
 */
export function medianAnswer(values: readonly ScorableAnswer[]): ScorableAnswer | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => ANSWER_POINTS[a] - ANSWER_POINTS[b]);
  return sorted[Math.ceil(sorted.length / 2) - 1];
}

/**
 * One answer map for the municipality from several respondents, plus the
 * questions where they disagree and who covered which field. A respondent's
 * answer to a follow-up only counts when that respondent's own gate answer
 * opens it (stale answers behind a closed gate are ignored). Without any
 * scorable answer the result is `unknown` if someone said so, else `skipped`
 * if someone skipped, else the question stays unanswered.
 */
export function consolidate(q: Questionnaire, respondents: readonly RespondentAnswers[]): ConsolidatedResult {
  const sortedRespondents = [...respondents].sort(byId);
  for (let i = 1; i < sortedRespondents.length; i += 1) {
    const current = sortedRespondents[i];
    if (current !== undefined && current.respondentId === sortedRespondents[i - 1]?.respondentId) {
      throw new Error(`consolidate: respondent ${current.respondentId} appears more than once`);
    }
  }

  const answers: Record<string, StoredAnswer> = {};
  const divergences: Divergence[] = [];

  for (const question of q.questions) {
    const given = sortedRespondents.flatMap((r) => {
      if (gateState(question, r.answers) !== 'open') return [];
      const value = answerOf(r.answers, question.id);
      return value === undefined ? [] : [{ respondentId: r.respondentId, role: r.role, value }];
    });
    const scorable = given.flatMap((g) => (isScorable(g.value) ? [{ ...g, value: g.value }] : []));

    const median = medianAnswer(scorable.map((s) => s.value));
    if (median !== undefined) answers[question.id] = median;
    else if (given.some((g) => g.value === 'unknown')) answers[question.id] = 'unknown';
    else if (given.some((g) => g.value === 'skipped')) answers[question.id] = 'skipped';

    if (scorable.length >= 2) {
      const steps = scorable.map((s) => scaleStep(s.value));
      const best = Math.min(...steps);
      const worst = Math.max(...steps);
      if (worst - best >= DIVERGENCE_MIN_STEPS) {
        const highest = scorable.find((s) => scaleStep(s.value) === best);
        const lowest = scorable.find((s) => scaleStep(s.value) === worst);
        if (highest !== undefined && lowest !== undefined) {
          divergences.push({
            questionId: question.id,
            fieldId: question.field,
            highest: highest.value,
            lowest: lowest.value,
            steps: worst - best,
            answers: scorable,
          });
        }
      }
    }
  }

  const coverage: RespondentCoverage[] = sortedRespondents.map((r) => {
    const fields = new Set<FieldId>();
    let answeredCount = 0;
    for (const question of q.questions) {
      const value = answerOf(r.answers, question.id);
      if (value !== undefined && value !== 'skipped') {
        fields.add(question.field);
        answeredCount += 1;
      }
    }
    return {
      respondentId: r.respondentId,
      role: r.role,
      fields: FIELD_IDS.filter((f) => fields.has(f)),
      answeredCount,
    };
  });

  return { answers, divergences, coverage };
}
