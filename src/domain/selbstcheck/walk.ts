/**
 * The walk through the questionnaire as a respondent sees it: one sequence of the questions asked with the
 * current answers, a position in it, the question before, and the question an answer refers to. Pure
 * lookups over the navigation rules, so every channel and dialog walks the same way.
 */
import { FIELD_IDS } from './labels';
import { applicableQuestions, findQuestion, gateState, isAnswered, nextQuestion } from './navigation';
import type { AnswerMap, FieldId, Question, Questionnaire } from './types';

/** Every question asked with the current answers, field by field in questionnaire order. */
export function questionOrder(q: Questionnaire, answers: AnswerMap): readonly Question[] {
  return FIELD_IDS.flatMap((fieldId) => applicableQuestions(q, fieldId, answers));
}

/**
 * 1-based position of a question in the walk and the walk's length. The length is approximate for the
 * respondent ("about"), since gate answers add or remove follow-ups; a question not in the walk counts as last.
 */
export function positionOf(
  q: Questionnaire,
  answers: AnswerMap,
  questionId: string,
): { readonly position: number; readonly total: number } {
  const order = questionOrder(q, answers);
  const index = order.findIndex((question) => question.id === questionId);
  return { position: index < 0 ? order.length : index + 1, total: order.length };
}

/** The question before `fromId` in the walk (before the end of the walk without one); undefined at the start. */
export function previousQuestion(
  q: Questionnaire,
  answers: AnswerMap,
  fromId: string | undefined,
): Question | undefined {
  const order = questionOrder(q, answers);
  const index = fromId === undefined ? order.length : order.findIndex((question) => question.id === fromId);
  return index > 0 ? order[index - 1] : undefined;
}

/** What a conversation remembers of the screen: the question shown, and whether it was opened to change it. */
export interface OnScreen {
  readonly shown?: string | undefined;
  /** Opened with Back or "change": answering it again is a change, not a stale answer. */
  readonly revisit?: boolean | undefined;
}

/**
 * The question an answer now refers to: the one on screen while it is still asked and open (or opened to
 * change it), else the first unanswered one after it (wrapping around); undefined when all are answered.
 */
export function currentQuestion(q: Questionnaire, answers: AnswerMap, screen: OnScreen): Question | undefined {
  const { shown, revisit } = screen;
  if (shown !== undefined) {
    const question = findQuestion(q, shown);
    if (
      question !== undefined &&
      gateState(question, answers) === 'open' &&
      (revisit === true || !isAnswered(answers, shown))
    )
      return question;
  }
  return nextQuestion(q, answers, shown === undefined ? {} : { after: shown });
}

/** The field in view: the question on screen's, else the current question's; the last field once all are answered. */
export function fieldInView(q: Questionnaire, answers: AnswerMap, screen: OnScreen): FieldId {
  const shown = screen.shown === undefined ? undefined : findQuestion(q, screen.shown);
  return (shown ?? currentQuestion(q, answers, screen))?.field ?? FIELD_IDS[FIELD_IDS.length - 1] ?? 'KK';
}

/** The field of action named by an upper-case id, if there is one. */
export function toFieldId(id: string | undefined): FieldId | undefined {
  return FIELD_IDS.find((fieldId) => fieldId === id);
}
