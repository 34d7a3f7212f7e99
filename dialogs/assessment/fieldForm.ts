/** Compact mode: a field's questions on one form card, and storing what the form sends. */
import { Dialog, type DialogTurnResult } from 'botbuilder-dialogs';
import {
  FIELD_IDS,
  applicableQuestions,
  gateState,
  isFieldComplete,
  questionsOfField,
  toFieldId,
  type AnswerMap,
  type FieldId,
} from '../../src/domain/selbstcheck';
import type { FormAction } from '../../cards/cardActions';
import { renderFormSavedCard } from '../../cards/fieldFormCard';
import { sendText } from '../send';
import { sendFieldSummary, showForm, showTarget, stale } from './screens';
import { roundClosed, storeAnswer } from './storeAnswer';
import { noticeOnClickedCard, replaceClickedCard, targetOf, type Turn } from './turn';
import { staffText } from '../../src/i18n/staff';

/** "formular [XX]": compact mode on, showing the named field's form (the current field's without a name). */
export async function formCommand(turn: Turn, id: string | undefined): Promise<DialogTurnResult> {
  const fieldId = id === undefined ? (targetOf(turn)?.field ?? FIELD_IDS[0]) : toFieldId(id);
  if (fieldId === undefined) {
    await sendText(turn.context, staffText(turn.locale, 'field.unknown', { ids: FIELD_IDS.join(', ') }));
    return Dialog.EndOfTurn;
  }
  turn.state.compact = true;
  return showForm(turn, fieldId);
}

/** "einzeln": back to one question per card. */
export async function single(turn: Turn): Promise<DialogTurnResult> {
  turn.state.compact = false;
  noticeOnClickedCard(turn, 'form.single.confirm');
  await sendText(turn.context, staffText(turn.locale, 'form.single.confirm'));
  return showTarget(turn);
}

/**
 * Stores every answer chosen on a field's form, gate questions first so the follow-ups they open or
 * close are judged on the new answers. Nothing is stored when the form names questions of another
 * field or unknown ones; follow-ups closed by an answer on the same form are left out.
 */
export async function submitForm(turn: Turn, action: FormAction): Promise<DialogTurnResult> {
  const fieldId = toFieldId(action.fieldId);
  const order = fieldId === undefined ? [] : questionsOfField(turn.q, fieldId);
  const given = new Map(action.answers.map((a) => [a.questionId, a.answer]));
  if (fieldId === undefined || [...given.keys()].some((id) => !order.some((q) => q.id === id))) return stale(turn);
  if (given.size === 0) {
    await sendText(turn.context, staffText(turn.locale, 'form.nothingChosen'));
    noticeOnClickedCard(turn, 'form.nothingChosen');
    return showForm(turn, fieldId);
  }
  let answers = turn.answers;
  let saved = 0;
  for (const question of order) {
    const value = given.get(question.id);
    if (value === undefined || gateState(question, answers) !== 'open') continue;
    // An unchanged answer counts as saved without a write (the form is sent again with its earlier choices).
    if (answers[question.id] !== value) {
      const outcome = await storeAnswer(turn, question, value, null, answers);
      if (outcome === 'round_closed') return roundClosed(turn);
      if (outcome !== 'stored') continue;
      answers = { ...answers, [question.id]: value };
    }
    saved++;
  }
  return afterForm(turn, fieldId, answers, saved);
}

/** How many answers were saved; then the next field (with the summary) or the same form with any follow-ups. */
async function afterForm(turn: Turn, fieldId: FieldId, answers: AnswerMap, saved: number): Promise<DialogTurnResult> {
  replaceClickedCard(turn.context, renderFormSavedCard(turn.locale, fieldId, saved).card);
  await sendText(turn.context, staffText(turn.locale, 'form.saved', { count: saved }));
  const after = { ...turn, answers };
  if (isFieldComplete(turn.q, fieldId, answers)) {
    if (!isFieldComplete(turn.q, fieldId, turn.answers)) await sendFieldSummary(turn, fieldId, answers);
    turn.state.shown = undefined;
    return showTarget(after, 'summary');
  }
  const before = new Set(applicableQuestions(turn.q, fieldId, turn.answers).map((q) => q.id));
  const opened = applicableQuestions(turn.q, fieldId, answers).filter((q) => !before.has(q.id));
  if (opened.length > 0)
    await sendText(turn.context, `${staffText(turn.locale, 'form.followUps')} ${opened.map((q) => q.id).join(', ')}`);
  return showForm(after, fieldId);
}
