import { FIELD_IDS } from './labels';
import { answerOf } from './scale';
import type { AnswerMap, FieldId, Question, Questionnaire } from './types';

/**
 * Whether a gated follow-up is asked, given its gate's answer:
 * - `open`: gate answered full/partial/planned → the follow-up is applicable;
 * - `closed`: gate answered `none` → not asked; it counts as 0 points in the score
 *   (the thing does not exist, so its details cannot exist either);
 * - `pending`: gate not answered, skipped or `unknown` → not asked and not scored.
 *   Asking details of something nobody can confirm makes no sense, and `unknown`
 *   must behave exactly like a skip (which is the same as no answer).
 */
export type GateState = 'open' | 'closed' | 'pending';

export function gateState(question: Question, answers: AnswerMap): GateState {
  if (question.gate === undefined) return 'open';
  const gateAnswer = answerOf(answers, question.gate);
  if (gateAnswer === 'none') return 'closed';
  if (gateAnswer === 'full' || gateAnswer === 'partial' || gateAnswer === 'planned') return 'open';
  return 'pending';
}

export function questionsOfField(q: Questionnaire, fieldId: FieldId): readonly Question[] {
  return q.questions.filter((question) => question.field === fieldId);
}

export function findQuestion(q: Questionnaire, questionId: string): Question | undefined {
  return q.questions.find((question) => question.id === questionId);
}

/** Questions of a field that are asked with the current answers, in order. */
export function applicableQuestions(q: Questionnaire, fieldId: FieldId, answers: AnswerMap): readonly Question[] {
  return questionsOfField(q, fieldId).filter((question) => gateState(question, answers) === 'open');
}

/** "Answered" means dealt with: any scale value including `unknown`, or an explicit skip. */
export function isAnswered(answers: AnswerMap, questionId: string): boolean {
  return answerOf(answers, questionId) !== undefined;
}

export interface NextQuestionOptions {
  /** Start looking in this field (default: first field). */
  readonly field?: FieldId;
  /** Start looking after this question (its field is used when `field` is not given). */
  readonly after?: string;
  /** Only look inside the start field; do not continue with other fields. */
  readonly onlyField?: boolean;
}

/**
 * First unanswered applicable question, in field order. With a start point it
 * searches from there to the end and then wraps around to the beginning, so it
 * returns undefined only when the assessment (or the field, with onlyField) is complete.
 */
export function nextQuestion(
  q: Questionnaire,
  answers: AnswerMap,
  opts: NextQuestionOptions = {},
): Question | undefined {
  const afterQuestion = opts.after === undefined ? undefined : findQuestion(q, opts.after);
  const startField: FieldId = opts.field ?? afterQuestion?.field ?? FIELD_IDS[0] ?? 'MS';
  const fieldOrder = FIELD_IDS.slice(FIELD_IDS.indexOf(startField)).concat(
    FIELD_IDS.slice(0, FIELD_IDS.indexOf(startField)),
  );
  const fields = opts.onlyField === true ? [startField] : fieldOrder;

  const candidates = fields.flatMap((fieldId) => applicableQuestions(q, fieldId, answers));
  const ordered =
    afterQuestion !== undefined && afterQuestion.field === startField
      ? rotateAfter(candidates, q, afterQuestion)
      : candidates;
  return ordered.find((question) => !isAnswered(answers, question.id));
}

/** Puts questions of the start field that come after `after` first, the rest of the start field last. */
function rotateAfter(candidates: readonly Question[], q: Questionnaire, after: Question): readonly Question[] {
  const position = (question: Question) => q.questions.indexOf(question);
  const afterPos = position(after);
  const laterInField = candidates.filter((c) => c.field === after.field && position(c) > afterPos);
  const earlierInField = candidates.filter((c) => c.field === after.field && position(c) <= afterPos);
  const otherFields = candidates.filter((c) => c.field !== after.field);
  return [...laterInField, ...otherFields, ...earlierInField];
}

export function fieldProgress(
  q: Questionnaire,
  fieldId: FieldId,
  answers: AnswerMap,
): { readonly answered: number; readonly applicable: number } {
  const applicable = applicableQuestions(q, fieldId, answers);
  return {
    answered: applicable.filter((question) => isAnswered(answers, question.id)).length,
    applicable: applicable.length,
  };
}

export function isFieldComplete(q: Questionnaire, fieldId: FieldId, answers: AnswerMap): boolean {
  const { answered, applicable } = fieldProgress(q, fieldId, answers);
  return answered === applicable;
}

export function isAssessmentComplete(q: Questionnaire, answers: AnswerMap): boolean {
  return FIELD_IDS.every((fieldId) => isFieldComplete(q, fieldId, answers));
}
