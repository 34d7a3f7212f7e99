/**
 * What every part of the question walk works on: the conversation's small state, and per turn the
 * respondent's stored answers, language and questionnaire. The position is never trusted from conversation
 * state alone: every turn reads the stored answers and derives the question with the domain's walk, so a
 * restart, a lost state or another channel continues at the first unanswered question.
 */
import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import {
  currentQuestion,
  type AnswerMap,
  type Locale,
  type Question,
  type Questionnaire,
} from '../../src/domain/selbstcheck';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { renderNoticeCard } from '../../cards/noticeCard';
import type { DialogDeps, SelfCheckSession } from '../session';
import { INVOKE_CARD_KEY } from '../turnInput';
import { type StaffTextKey, staffText } from '../../src/i18n/staff';

/** Conversation state of the walk: the session ids and the question on screen, nothing derived from answers. */
export interface AssessmentState {
  readonly session: SelfCheckSession;
  /** The question on screen; typed answers and Back refer to it. */
  shown?: string | undefined;
  /** True when `shown` was opened with Back or "change": answering it again is a change, not a stale card. */
  revisit?: boolean;
  /** Compact mode: a field's questions on one form card instead of one card per question. */
  compact?: boolean;
  /** Unknown input re-shows the question once; after that only the hint is repeated. */
  reasked?: boolean;
}

/** Enough to show something: the state and this turn's stored answers, language and questionnaire. */
export interface View {
  readonly deps: DialogDeps;
  readonly context: TurnContext;
  readonly state: AssessmentState;
  readonly locale: Locale;
  readonly q: Questionnaire;
  readonly answers: AnswerMap;
}

/** A turn the walk handles: a view plus the dialog context, to end the walk or open the start-over prompt. */
export interface Turn extends View {
  readonly dc: DialogContext;
}

export async function loadView(deps: DialogDeps, context: TurnContext, state: AssessmentState): Promise<View> {
  const { assessmentId, respondentId, questionnaireVersion } = state.session;
  const [locale, answers] = await Promise.all([
    deps.localeOf(context),
    deps.prefetchedAnswers?.(context, assessmentId, respondentId) ?? deps.service.answersOf(assessmentId, respondentId),
  ]);
  return { deps, context, state, locale, q: deps.service.questionnaire(questionnaireVersion), answers };
}

/** The question an answer now refers to (see the domain's `currentQuestion`). */
export function targetOf(view: View): Question | undefined {
  return currentQuestion(view.q, view.answers, view.state);
}

/** During a Teams invoke the clicked card is replaced by this one (outside invokes it is ignored). */
export function replaceClickedCard(context: TurnContext, card: AdaptiveCard): void {
  context.turnState.set(INVOKE_CARD_KEY, card);
}

/** A short notice replaces the clicked card, unless this turn already chose a replacement. */
export function noticeOnClickedCard(view: Pick<View, 'context' | 'locale'>, key: StaffTextKey): void {
  if (view.context.turnState.get(INVOKE_CARD_KEY) === undefined)
    replaceClickedCard(view.context, renderNoticeCard(staffText(view.locale, key)).card);
}
