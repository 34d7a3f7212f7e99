/** One question at a time: typed and clicked answers, skip, back, change, switching fields and pausing. */
import { Dialog, type DialogTurnResult } from 'botbuilder-dialogs';
import {
  findQuestion,
  gateState,
  isFieldComplete,
  nextQuestion,
  parseTypedAnswer,
  previousQuestion,
  toFieldId,
  FIELD_IDS,
  type AnswerMap,
  type Question,
  type StoredAnswer,
} from '../../src/domain/selbstcheck';
import type { AnswerAction, QuestionAction } from '../../cards/cardActions';
import { renderAnsweredCard } from '../../cards/questionCard';
import { sendText } from '../send';
import { sendFieldSummary, showForm, showQuestion, showTarget, stale } from './screens';
import { roundClosed, storeAnswer } from './storeAnswer';
import { noticeOnClickedCard, replaceClickedCard, targetOf, type Turn } from './turn';
import { staffText } from '../../src/i18n/staff';

/** Per-turn memo that survives a retried turn (same TurnContext): which question this activity answered. */
const ANSWERED_THIS_TURN = Symbol('answeredThisTurn');

/** Text that is no command: an answer to the question on screen, or a hint (with the question once). */
export async function typedText(turn: Turn, text: string): Promise<DialogTurnResult> {
  const typed = parseTypedAnswer(text, turn.locale);
  const remembered = turn.context.turnState.get<string | undefined>(ANSWERED_THIS_TURN);
  const target = remembered !== undefined ? findQuestion(turn.q, remembered) : targetOf(turn);
  if (typed !== undefined && target !== undefined) return answer(turn, target, typed, undefined);
  await sendText(turn.context, staffText(turn.locale, 'question.notUnderstood'));
  // Re-ask once, so the question is in view again; repeating the whole card on every stray message would flood the chat.
  if (turn.state.reasked !== true && target !== undefined) {
    turn.state.reasked = true;
    return showTarget(turn);
  }
  return Dialog.EndOfTurn;
}

/** A question card's answer, skip or back button; only the current question's card is acted on. */
export async function clickedQuestion(turn: Turn, action: AnswerAction | QuestionAction): Promise<DialogTurnResult> {
  const question = findQuestion(turn.q, action.questionId);
  if (question === undefined) {
    await sendText(turn.context, staffText(turn.locale, 'question.unknownQuestion', { id: action.questionId }));
    noticeOnClickedCard(turn, 'question.invalid');
    return Dialog.EndOfTurn;
  }
  const value: StoredAnswer | undefined =
    action.verb === 'answer' ? action.answer : action.verb === 'skip' ? 'skipped' : undefined;
  if (targetOf(turn)?.id !== question.id) {
    // Double click or a retried turn: the same answer is already stored, so confirm it and move on.
    if (value !== undefined && turn.answers[question.id] === value) {
      replaceClickedCard(turn.context, renderAnsweredCard({ locale: turn.locale, question, value }).card);
      return showTarget(turn);
    }
    return stale(turn);
  }
  if (action.verb === 'back') return back(turn, question);
  return answer(turn, question, value ?? 'skipped', action.verb === 'answer' ? action.comment : undefined);
}

export async function answer(
  turn: Turn,
  question: Question,
  value: StoredAnswer,
  comment: string | undefined,
): Promise<DialogTurnResult> {
  const { context, state } = turn;
  const outcome = await storeAnswer(turn, question, value, comment ?? null, turn.answers);
  if (outcome === 'not_applicable') {
    await sendText(context, staffText(turn.locale, 'question.notApplicable'));
    return Dialog.EndOfTurn;
  }
  if (outcome === 'round_closed') return roundClosed(turn);
  if (outcome === 'rejected') return stale(turn);
  context.turnState.set(ANSWERED_THIS_TURN, question.id);
  state.reasked = false;
  const answers: AnswerMap = { ...turn.answers, [question.id]: value };
  replaceClickedCard(
    context,
    renderAnsweredCard({ locale: turn.locale, question, value, ...(comment ? { comment } : {}) }).card,
  );
  if (value === 'skipped') await sendText(context, staffText(turn.locale, 'question.skipped', { id: question.id }));
  if (isFieldComplete(turn.q, question.field, answers) && !isFieldComplete(turn.q, question.field, turn.answers)) {
    await sendFieldSummary(turn, question.field, answers);
  }
  state.revisit = false;
  state.shown = nextQuestion(turn.q, answers, { after: question.id })?.id;
  return showTarget({ ...turn, answers }, 'summary');
}

export async function skip(turn: Turn): Promise<DialogTurnResult> {
  const target = targetOf(turn);
  if (target === undefined) return showTarget(turn);
  return answer(turn, target, 'skipped', undefined);
}

/** Opens the question before `from` (before the end of the walk without one) for a change. */
export async function back(turn: Turn, from: Question | undefined): Promise<DialogTurnResult> {
  const previous = previousQuestion(turn.q, turn.answers, from?.id);
  if (previous === undefined) {
    await sendText(turn.context, staffText(turn.locale, 'question.atStart'));
    return Dialog.EndOfTurn;
  }
  turn.state.shown = previous.id;
  turn.state.revisit = true;
  noticeOnClickedCard(turn, 'question.actionBack');
  return showQuestion(turn, previous);
}

/** Opens an earlier question for a change ("ändern MS-03", or picked from the list). */
export async function changeTo(turn: Turn, questionId: string): Promise<DialogTurnResult> {
  const question = findQuestion(turn.q, questionId);
  if (question === undefined) {
    await sendText(turn.context, staffText(turn.locale, 'question.unknownQuestion', { id: questionId }));
    return Dialog.EndOfTurn;
  }
  if (gateState(question, turn.answers) !== 'open') {
    await sendText(turn.context, staffText(turn.locale, 'question.notApplicable'));
    return Dialog.EndOfTurn;
  }
  turn.state.shown = question.id;
  turn.state.revisit = true;
  return showQuestion(turn, question);
}

/** "feld XX": the field's first open question (its form in compact mode), or its summary when it is complete. */
export async function switchField(turn: Turn, id: string): Promise<DialogTurnResult> {
  const fieldId = toFieldId(id);
  if (fieldId === undefined) {
    await sendText(turn.context, staffText(turn.locale, 'field.unknown', { ids: FIELD_IDS.join(', ') }));
    return Dialog.EndOfTurn;
  }
  const next = nextQuestion(turn.q, turn.answers, { field: fieldId, onlyField: true });
  if (next === undefined) {
    await sendFieldSummary(turn, fieldId, turn.answers);
    return Dialog.EndOfTurn;
  }
  if (turn.state.compact === true) return showForm(turn, fieldId);
  turn.state.shown = next.id;
  turn.state.revisit = false;
  return showQuestion(turn, next);
}

export async function pause(turn: Turn): Promise<DialogTurnResult> {
  await sendText(turn.context, staffText(turn.locale, 'selfcheck.paused'));
  noticeOnClickedCard(turn, 'selfcheck.paused');
  return turn.dc.endDialog();
}
