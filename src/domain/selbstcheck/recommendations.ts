import { gateState, questionsOfField } from './navigation';
import { ANSWER_POINTS, answerOf, isScorable } from './scale';
import type { AnswerMap, FieldId, Question, Questionnaire, Recommendation, ScorableAnswer } from './types';

export const MAX_RECOMMENDATIONS_PER_FIELD = 3;

interface WeakIndicator {
  readonly question: Question;
  readonly answer: ScorableAnswer;
  readonly order: number;
}

/**
 * Next-step suggestions for one field: weak indicators (answered none, planned
 * or partial) sorted core before additional, then weakest answer first, then
 * questionnaire order; each maps to a recommendation template, duplicates are
 * merged, and at most three are returned. `unknown` and skipped questions give
 * no suggestion because we cannot tell whether anything is missing.
 */
export function recommend(q: Questionnaire, answers: AnswerMap, fieldId: FieldId): readonly Recommendation[] {
  const weak: WeakIndicator[] = [];
  questionsOfField(q, fieldId).forEach((question, order) => {
    if (gateState(question, answers) !== 'open') return; // closed follow-ups are covered by their gate's suggestion
    const answer = answerOf(answers, question.id);
    if (isScorable(answer) && answer !== 'full') weak.push({ question, answer, order });
  });

  weak.sort(
    (a, b) =>
      rank(a.question) - rank(b.question) || ANSWER_POINTS[a.answer] - ANSWER_POINTS[b.answer] || a.order - b.order,
  );

  const byTemplate = new Map<string, string[]>();
  for (const { question } of weak) {
    const ids = byTemplate.get(question.recommendation);
    if (ids === undefined) byTemplate.set(question.recommendation, [question.id]);
    else ids.push(question.id);
  }

  const result: Recommendation[] = [];
  for (const [templateId, basedOn] of byTemplate) {
    if (result.length >= MAX_RECOMMENDATIONS_PER_FIELD) break;
    const template = q.recommendations.find((r) => r.id === templateId);
    if (template === undefined) continue; // excluded by load-time validation
    result.push({ id: template.id, fieldId, category: template.category, text: template.text, basedOn });
  }
  return result;
}

function rank(question: Question): number {
  return question.weight === 'core' ? 0 : 1;
}
