/** What the walk shows: the current question (or the field's form in compact mode) and the summaries. */
import { Dialog, type DialogTurnResult } from 'botbuilder-dialogs';
import {
  applicableQuestions,
  isAnswered,
  positionOf,
  type AnswerMap,
  type FieldId,
  type Question,
} from '../../src/domain/selbstcheck';
import { renderFieldFormCard } from '../../cards/fieldFormCard';
import { renderQuestionCard } from '../../cards/questionCard';
import { renderFieldSummaryCard, renderOverallSummaryCard } from '../../cards/summaryCard';
import { hostOf, sendCard, sendText } from '../send';
import { showNextSteps } from './nextSteps';
import { noticeOnClickedCard, targetOf, type View } from './turn';
import { staffText } from '../../src/i18n/staff';

/**
 * The question an answer now refers to. When everything is answered: after the answer that completed the walk
 * (or changed one afterwards) the overall result (`summary`); otherwise — "weiter", the summary's continue
 * button, a resumed conversation — what comes next instead of the same summary over and over (`nextSteps`).
 */
export async function showTarget(
  view: View,
  whenComplete: 'summary' | 'nextSteps' = 'nextSteps',
): Promise<DialogTurnResult> {
  const target = targetOf(view);
  if (target === undefined) {
    view.state.shown = undefined;
    if (whenComplete === 'nextSteps') return showNextSteps(view);
    await sendText(view.context, staffText(view.locale, 'selfcheck.complete'));
    await sendOverall(view);
    return Dialog.EndOfTurn;
  }
  if (view.state.compact === true) return showForm(view, target.field);
  return showQuestion(view, target);
}

export async function showQuestion(view: View, question: Question): Promise<DialogTurnResult> {
  const { session } = view.state;
  view.state.shown = question.id;
  const { position, total } = positionOf(view.q, view.answers, question.id);
  const current = view.answers[question.id];
  await sendCard(
    view.context,
    renderQuestionCard({
      host: hostOf(view.context),
      locale: view.locale,
      assessmentId: session.assessmentId,
      questionnaireVersion: session.questionnaireVersion,
      question,
      position,
      total,
      ...(current !== undefined ? { current } : {}),
    }),
  );
  return Dialog.EndOfTurn;
}

/** Compact mode: the field's applicable questions on one card; typed answers go to its first open one. */
export async function showForm(view: View, fieldId: FieldId): Promise<DialogTurnResult> {
  const { session } = view.state;
  const questions = applicableQuestions(view.q, fieldId, view.answers);
  view.state.shown = questions.find((q) => !isAnswered(view.answers, q.id))?.id;
  view.state.revisit = false;
  await sendCard(
    view.context,
    renderFieldFormCard({
      host: hostOf(view.context),
      locale: view.locale,
      assessmentId: session.assessmentId,
      questionnaireVersion: session.questionnaireVersion,
      fieldId,
      questions,
      answers: view.answers,
    }),
  );
  return Dialog.EndOfTurn;
}

/** An action on a card that is no longer current: nothing changes, the walk continues where it is. */
export async function stale(view: View): Promise<DialogTurnResult> {
  await sendText(view.context, staffText(view.locale, 'question.stale'));
  noticeOnClickedCard(view, 'question.stale');
  return showTarget(view);
}

export async function sendFieldSummary(view: View, fieldId: FieldId, answers: AnswerMap): Promise<void> {
  const { session } = view.state;
  const summary = view.deps.service.fieldSummary(session.questionnaireVersion, answers, fieldId);
  await sendCard(
    view.context,
    renderFieldSummaryCard({
      host: hostOf(view.context),
      locale: view.locale,
      assessmentId: session.assessmentId,
      ...summary,
    }),
  );
}

/**
 * The round's overall result: consolidated over all respondents for the lead (and in one's own demo
 * sandbox); a respondent without the lead role sees the same assessment of their own answers only.
 */
export async function sendOverall(view: View): Promise<void> {
  const { session } = view.state;
  const round = { id: session.assessmentId, questionnaireVersion: session.questionnaireVersion };
  const identityKey = await view.deps.identityOf(view.context);
  const consolidated = await view.deps.rounds.mayViewResults(identityKey, session.assessmentId, session.respondentId);
  const [summary, municipality] = await Promise.all([
    consolidated ? view.deps.service.overallSummary(round) : view.deps.service.ownSummary(round, session.respondentId),
    view.deps.service.findMunicipality(session.municipalityId),
  ]);
  await sendCard(
    view.context,
    renderOverallSummaryCard({
      host: hostOf(view.context),
      locale: view.locale,
      assessmentId: session.assessmentId,
      municipalityName: municipality?.name ?? session.municipalityId,
      respondents: summary.respondents,
      score: summary.score,
      divergences: summary.consolidated.divergences,
      questionnaire: view.q,
      recommendations: summary.recommendations,
      scope: consolidated ? 'municipality' : 'own',
    }),
  );
}
