/**
 * Walks the respondent through the questions. The position is never trusted from conversation state alone:
 * every turn reads the respondent's stored answers and derives the question with the domain's navigation,
 * so a restart, a lost state or another channel continues at the first unanswered question.
 * Conversation state holds only the session ids and the question on screen (for typed answers and for
 * Back/change, where the question on screen is not the next unanswered one).
 */
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import {
  FIELD_IDS,
  applicableQuestions,
  fieldName,
  roleLabel,
  findQuestion,
  gateState,
  isAnswered,
  isFieldComplete,
  nextQuestion,
  parseTypedAnswer,
  type AnswerMap,
  type FieldId,
  type Locale,
  type Question,
  type Questionnaire,
  type StoredAnswer,
} from '../src/domain/selbstcheck';
import { normaliseInput, recogniseCommand, type Command } from '../src/domain/conversation/commands';
import { renderChangeListCard } from '../cards/changeListCard';
import { t } from '../src/i18n/catalog';
import type { CardAction, FormAction } from '../cards/cardActions';
import { renderFieldFormCard, renderFormSavedCard } from '../cards/fieldFormCard';
import { renderAnsweredCard, renderQuestionCard } from '../cards/questionCard';
import { renderFieldSummaryCard, renderOverallSummaryCard } from '../cards/summaryCard';
import { card, textBlock, type AdaptiveCard } from '../cards/adaptiveCard';
import { DIALOG_IDS } from './dialogIds';
import { hostOf, sendCard, sendText } from './send';
import type { DialogDeps, SelfCheckSession } from './session';
import { INVOKE_CARD_KEY, readTurnInput } from './turnInput';

interface AssessmentState {
  readonly session: SelfCheckSession;
  /** The question on screen; typed answers and Back refer to it. */
  shown?: string;
  /** True when `shown` was opened with Back or "change": answering it again is a change, not a stale card. */
  revisit?: boolean;
  /** Compact mode: a field's questions on one form card instead of one card per question. */
  compact?: boolean;
  /** "neu beginnen" asked for confirmation; the next message decides. */
  confirmStartOver?: boolean;
  /** Unknown input re-shows the question once; after that only the hint is repeated. */
  reasked?: boolean;
}

/** Per-turn memo that survives a retried turn (same TurnContext): which question this activity answered. */
const ANSWERED_THIS_TURN = Symbol('answeredThisTurn');

const YES = new Set(['ja', 'j', 'yes', 'y', 'ja, neu beginnen', 'ja bitte', 'yes, start over', 'ok', 'okay']);

interface Turn {
  readonly context: TurnContext;
  readonly state: AssessmentState;
  readonly locale: Locale;
  readonly q: Questionnaire;
  readonly answers: AnswerMap;
}

export class AssessmentDialog extends Dialog<SelfCheckSession> {
  constructor(private readonly deps: DialogDeps) {
    super(DIALOG_IDS.assessment);
  }

  override async beginDialog(dc: DialogContext, session?: SelfCheckSession): Promise<DialogTurnResult> {
    if (session === undefined) return dc.endDialog();
    const state: AssessmentState = { session };
    dc.activeDialog!.state = state;
    const input = readTurnInput(dc.context);
    // A card click or a navigation command can be what started the dialog (e.g. after a restart); handle it as such.
    const command = input.kind === 'text' ? recogniseCommand(input.text) : undefined;
    if (input.kind === 'card' || (command !== undefined && command.kind !== 'start')) return this.handle(dc, state);
    const turn = await this.load(dc.context, state);
    const target = this.target(turn);
    if (target !== undefined && Object.keys(turn.answers).length > 0) {
      const { position } = this.position(turn, target);
      await sendText(dc.context, t(turn.locale, 'selfcheck.resumed', { n: position }));
    }
    return this.showTarget(turn);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.handle(dc, dc.activeDialog!.state as AssessmentState);
  }

  /** Re-shows the question on screen, e.g. in the new language after a switch. */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.showTarget(await this.load(context, instance.state as AssessmentState));
  }

  private async load(context: TurnContext, state: AssessmentState): Promise<Turn> {
    const { assessmentId, respondentId } = state.session;
    const [locale, answers] = await Promise.all([
      this.deps.localeOf(context),
      this.deps.prefetchedAnswers?.(context, assessmentId, respondentId) ?? this.deps.service.answersOf(assessmentId, respondentId),
    ]);
    return { context, state, locale, q: this.deps.service.questionnaire(state.session.questionnaireVersion), answers };
  }

  /** The question an answer now refers to: the one on screen if still open (or revisited), else the first unanswered. */
  private target(turn: Turn): Question | undefined {
    const { shown, revisit } = turn.state;
    if (shown !== undefined) {
      const q = findQuestion(turn.q, shown);
      if (q !== undefined && gateState(q, turn.answers) === 'open' && (revisit === true || !isAnswered(turn.answers, shown))) return q;
    }
    return nextQuestion(turn.q, turn.answers, shown === undefined ? {} : { after: shown });
  }

  private order(turn: Turn, answers: AnswerMap = turn.answers): readonly Question[] {
    return FIELD_IDS.flatMap((f) => applicableQuestions(turn.q, f, answers));
  }

  private position(turn: Turn, question: Question): { position: number; total: number } {
    const order = this.order(turn);
    const index = order.findIndex((q) => q.id === question.id);
    return { position: index < 0 ? order.length : index + 1, total: order.length };
  }

  private async handle(dc: DialogContext, state: AssessmentState): Promise<DialogTurnResult> {
    const input = readTurnInput(dc.context);
    const turn = await this.load(dc.context, state);
    if (input.kind === 'card') {
      if (!input.parsed.ok) {
        await sendText(dc.context, t(turn.locale, input.parsed.reason === 'missing_answer' ? 'question.answerRequired' : 'question.invalid'));
        this.setInvokeCard(dc.context, undefined, turn.locale, input.parsed.reason === 'missing_answer' ? 'question.answerRequired' : 'question.invalid');
        return Dialog.EndOfTurn;
      }
      return this.handleCardAction(dc, turn, input.parsed.action);
    }
    if (state.confirmStartOver === true) {
      state.confirmStartOver = false;
      if (input.kind === 'text') return this.decideStartOver(turn, YES.has(normaliseInput(input.text)));
    }
    if (input.kind === 'text') {
      const command = recogniseCommand(input.text);
      if (command !== undefined) return this.handleCommand(dc, turn, command);
      const typed = parseTypedAnswer(input.text, turn.locale);
      const remembered = dc.context.turnState.get(ANSWERED_THIS_TURN) as string | undefined;
      const target = remembered !== undefined ? findQuestion(turn.q, remembered) : this.target(turn);
      if (typed !== undefined && target !== undefined) return this.answer(dc, turn, target, typed, undefined);
      await sendText(dc.context, t(turn.locale, 'question.notUnderstood'));
      // Re-ask once, so the question is in view again; repeating the whole card on every stray message would flood the chat.
      if (state.reasked !== true && target !== undefined) {
        state.reasked = true;
        return this.showTarget(turn);
      }
      return Dialog.EndOfTurn;
    }
    await sendText(dc.context, t(turn.locale, 'input.unsupported'));
    return Dialog.EndOfTurn;
  }

  private async handleCardAction(dc: DialogContext, turn: Turn, action: CardAction): Promise<DialogTurnResult> {
    const { session } = turn.state;
    // A card of another round or municipality (or a forged one) must not touch this respondent's answers.
    const foreign = action.assessmentId !== session.assessmentId || ('questionnaireVersion' in action && action.questionnaireVersion !== session.questionnaireVersion);
    if (foreign) return this.stale(turn);
    switch (action.verb) {
      case 'continue':
        return this.showTarget(turn);
      case 'overall':
        await this.sendOverall(turn);
        return Dialog.EndOfTurn;
      case 'pause':
        return this.pause(dc, turn);
      case 'single':
        return this.single(turn);
      case 'form':
        return this.submitForm(dc, turn, action);
      case 'change':
        this.setInvokeCard(turn.context, undefined, turn.locale, 'change.pick');
        return this.changeTo(turn, action.questionId);
      case 'answer':
      case 'skip':
      case 'back': {
        const question = findQuestion(turn.q, action.questionId);
        if (question === undefined) {
          await sendText(turn.context, t(turn.locale, 'question.unknownQuestion', { id: action.questionId }));
          this.setInvokeCard(turn.context, undefined, turn.locale, 'question.invalid');
          return Dialog.EndOfTurn;
        }
        const target = this.target(turn);
        const value: StoredAnswer | undefined = action.verb === 'answer' ? action.answer : action.verb === 'skip' ? 'skipped' : undefined;
        if (target?.id !== question.id) {
          // Double click or a retried turn: the same answer is already stored, so confirm it and move on.
          if (value !== undefined && turn.answers[question.id] === value) {
            this.setInvokeCard(turn.context, renderAnsweredCard({ locale: turn.locale, question, value }).card);
            return this.showTarget(turn);
          }
          return this.stale(turn);
        }
        if (action.verb === 'back') return this.back(turn, question);
        return this.answer(dc, turn, question, value ?? 'skipped', action.verb === 'answer' ? action.comment : undefined);
      }
    }
  }

  private async handleCommand(dc: DialogContext, turn: Turn, command: Command): Promise<DialogTurnResult> {
    const { context } = turn;
    switch (command.kind) {
      case 'start':
        return this.showTarget(turn);
      case 'pause':
        return this.pause(dc, turn);
      case 'status': {
        const lines = FIELD_IDS.map((f) => {
          const applicable = applicableQuestions(turn.q, f, turn.answers);
          const answered = applicable.filter((q) => isAnswered(turn.answers, q.id)).length;
          return t(turn.locale, 'status.line', { field: fieldName(f, turn.locale), answered, applicable: applicable.length });
        });
        const colleagues = await this.deps.service.colleaguesProgress(
          { id: turn.state.session.assessmentId, questionnaireVersion: turn.state.session.questionnaireVersion },
          turn.state.session.respondentId,
        );
        const others =
          colleagues.length === 0
            ? [t(turn.locale, 'status.noColleagues')]
            : [
                t(turn.locale, 'status.colleagues'),
                ...colleagues.map((c) =>
                  t(turn.locale, 'status.colleague', {
                    role: roleLabel(c.role, turn.locale),
                    fields: c.fields.map((f) => `${f.fieldId} ${f.answered}/${f.applicable}`).join(', '),
                  }),
                ),
              ];
        await sendText(context, [t(turn.locale, 'status.title'), ...lines, '', ...others].join('\n'));
        return Dialog.EndOfTurn;
      }
      case 'back': {
        const target = this.target(turn);
        return this.back(turn, target);
      }
      case 'skip': {
        const target = this.target(turn);
        if (target === undefined) return this.showTarget(turn);
        return this.answer(dc, turn, target, 'skipped', undefined);
      }
      case 'result':
        await this.sendOverall(turn);
        return Dialog.EndOfTurn;
      case 'complete': {
        const { session } = turn.state;
        const outcome = await this.deps.service.completeAssessment(session.assessmentId, session.respondentId);
        if (outcome === 'not_allowed') {
          await sendText(context, t(turn.locale, 'round.notAllowed'));
          return Dialog.EndOfTurn;
        }
        if (outcome === 'already_completed') {
          await sendText(context, t(turn.locale, 'round.closed'));
          return dc.endDialog();
        }
        await this.sendOverall(turn);
        const assessment = await this.deps.service.findAssessment(session.assessmentId);
        await sendText(context, t(turn.locale, 'round.completed', { round: assessment?.round ?? '' }));
        return dc.endDialog();
      }
      case 'change':
        return this.changeTo(turn, command.questionId);
      case 'changeList': {
        const shown = turn.state.shown === undefined ? undefined : findQuestion(turn.q, turn.state.shown);
        const fieldId = (shown ?? this.target(turn))?.field ?? FIELD_IDS[FIELD_IDS.length - 1]!;
        const answered = applicableQuestions(turn.q, fieldId, turn.answers).filter((q) => isAnswered(turn.answers, q.id));
        if (answered.length === 0) {
          await sendText(context, t(turn.locale, 'change.nothing'));
          return Dialog.EndOfTurn;
        }
        await sendCard(
          context,
          renderChangeListCard({
            host: hostOf(context),
            locale: turn.locale,
            assessmentId: turn.state.session.assessmentId,
            questionnaireVersion: turn.state.session.questionnaireVersion,
            fieldId,
            questions: answered,
            answers: turn.answers,
          }),
        );
        return Dialog.EndOfTurn;
      }
      case 'startOver':
        turn.state.confirmStartOver = true;
        await sendText(context, t(turn.locale, 'startOver.confirm', { count: Object.keys(turn.answers).length }));
        return Dialog.EndOfTurn;
      case 'field': {
        const fieldId = FIELD_IDS.find((f) => f === command.fieldId);
        if (fieldId === undefined) {
          await sendText(context, t(turn.locale, 'field.unknown', { ids: FIELD_IDS.join(', ') }));
          return Dialog.EndOfTurn;
        }
        const next = nextQuestion(turn.q, turn.answers, { field: fieldId, onlyField: true });
        if (next === undefined) {
          await this.sendFieldSummary(turn, fieldId, turn.answers);
          return Dialog.EndOfTurn;
        }
        if (turn.state.compact === true) return this.showForm(turn, fieldId);
        turn.state.shown = next.id;
        turn.state.revisit = false;
        return this.showQuestion(turn, next);
      }
      case 'form': {
        const fieldId = command.fieldId === undefined ? (this.target(turn)?.field ?? FIELD_IDS[0]) : FIELD_IDS.find((f) => f === command.fieldId);
        if (fieldId === undefined) {
          await sendText(context, t(turn.locale, 'field.unknown', { ids: FIELD_IDS.join(', ') }));
          return Dialog.EndOfTurn;
        }
        turn.state.compact = true;
        return this.showForm(turn, fieldId);
      }
      case 'single':
        return this.single(turn);
      case 'help':
      case 'language':
        // Handled by the bot before the dialog runs.
        return Dialog.EndOfTurn;
    }
  }

  private async answer(dc: DialogContext, turn: Turn, question: Question, value: StoredAnswer, comment: string | undefined): Promise<DialogTurnResult> {
    const { context, state } = turn;
    if (gateState(question, turn.answers) !== 'open') {
      await sendText(context, t(turn.locale, 'question.notApplicable'));
      return Dialog.EndOfTurn;
    }
    const result = await this.deps.service.recordAnswer({
      assessment: { id: state.session.assessmentId, questionnaireVersion: state.session.questionnaireVersion },
      respondentId: state.session.respondentId,
      questionId: question.id,
      value,
      comment: comment ?? null,
      channel: context.activity.channelId,
      answers: turn.answers,
    });
    if (result.kind === 'rejected' && result.reason === 'round_closed') {
      await sendText(context, t(turn.locale, 'round.closed'));
      this.setInvokeCard(context, undefined, turn.locale, 'round.closed');
      return dc.endDialog();
    }
    if (result.kind === 'rejected') return this.stale(turn);
    context.turnState.set(ANSWERED_THIS_TURN, question.id);
    state.reasked = false;
    const answers: AnswerMap = { ...turn.answers, [question.id]: value };
    this.setInvokeCard(context, renderAnsweredCard({ locale: turn.locale, question, value, ...(comment ? { comment } : {}) }).card);
    if (value === 'skipped') await sendText(context, t(turn.locale, 'question.skipped', { id: question.id }));

    if (isFieldComplete(turn.q, question.field, answers) && !isFieldComplete(turn.q, question.field, turn.answers)) {
      await this.sendFieldSummary(turn, question.field, answers);
    }
    state.revisit = false;
    const next = nextQuestion(turn.q, answers, { after: question.id });
    state.shown = next?.id;
    return this.showTarget({ ...turn, answers });
  }

  private async changeTo(turn: Turn, questionId: string): Promise<DialogTurnResult> {
    const question = findQuestion(turn.q, questionId);
    if (question === undefined) {
      await sendText(turn.context, t(turn.locale, 'question.unknownQuestion', { id: questionId }));
      return Dialog.EndOfTurn;
    }
    if (gateState(question, turn.answers) !== 'open') {
      await sendText(turn.context, t(turn.locale, 'question.notApplicable'));
      return Dialog.EndOfTurn;
    }
    turn.state.shown = question.id;
    turn.state.revisit = true;
    return this.showQuestion(turn, question);
  }

  private async decideStartOver(turn: Turn, confirmed: boolean): Promise<DialogTurnResult> {
    if (!confirmed) {
      await sendText(turn.context, t(turn.locale, 'startOver.kept'));
      return this.showTarget(turn);
    }
    const count = await this.deps.service.startOver(turn.state.session.assessmentId, turn.state.session.respondentId);
    await sendText(turn.context, t(turn.locale, 'startOver.done', { count }));
    turn.state.shown = undefined;
    turn.state.revisit = false;
    return this.showTarget({ ...turn, answers: {} });
  }

  private async back(turn: Turn, from: Question | undefined): Promise<DialogTurnResult> {
    const order = this.order(turn);
    const index = from === undefined ? order.length : order.findIndex((q) => q.id === from.id);
    const previous = index > 0 ? order[index - 1] : undefined;
    if (previous === undefined) {
      await sendText(turn.context, t(turn.locale, 'question.atStart'));
      return Dialog.EndOfTurn;
    }
    turn.state.shown = previous.id;
    turn.state.revisit = true;
    this.setInvokeCard(turn.context, undefined, turn.locale, 'question.actionBack');
    return this.showQuestion(turn, previous);
  }

  private async pause(dc: DialogContext, turn: Turn): Promise<DialogTurnResult> {
    await sendText(turn.context, t(turn.locale, 'selfcheck.paused'));
    this.setInvokeCard(turn.context, undefined, turn.locale, 'selfcheck.paused');
    return dc.endDialog();
  }

  private async stale(turn: Turn): Promise<DialogTurnResult> {
    await sendText(turn.context, t(turn.locale, 'question.stale'));
    this.setInvokeCard(turn.context, undefined, turn.locale, 'question.stale');
    return this.showTarget(turn);
  }

  private async showTarget(turn: Turn): Promise<DialogTurnResult> {
    const target = this.target(turn);
    if (target === undefined) {
      turn.state.shown = undefined;
      await sendText(turn.context, t(turn.locale, 'selfcheck.complete'));
      await this.sendOverall(turn);
      return Dialog.EndOfTurn;
    }
    if (turn.state.compact === true) return this.showForm(turn, target.field);
    return this.showQuestion(turn, target);
  }

  /** Compact mode: the field's applicable questions on one card; typed answers go to its first open one. */
  private async showForm(turn: Turn, fieldId: FieldId): Promise<DialogTurnResult> {
    const questions = applicableQuestions(turn.q, fieldId, turn.answers);
    turn.state.shown = questions.find((q) => !isAnswered(turn.answers, q.id))?.id;
    turn.state.revisit = false;
    await sendCard(
      turn.context,
      renderFieldFormCard({
        host: hostOf(turn.context),
        locale: turn.locale,
        assessmentId: turn.state.session.assessmentId,
        questionnaireVersion: turn.state.session.questionnaireVersion,
        fieldId,
        questions,
        answers: turn.answers,
      }),
    );
    return Dialog.EndOfTurn;
  }

  private async single(turn: Turn): Promise<DialogTurnResult> {
    turn.state.compact = false;
    this.setInvokeCard(turn.context, undefined, turn.locale, 'form.single.confirm');
    await sendText(turn.context, t(turn.locale, 'form.single.confirm'));
    return this.showTarget(turn);
  }

  /**
   * Stores every answer chosen on a field's form, gate questions first so the follow-ups they open or
   * close are judged on the new answers. Nothing is stored when the form names questions of another
   * field or unknown ones; follow-ups closed by an answer on the same form are left out.
   */
  private async submitForm(dc: DialogContext, turn: Turn, action: FormAction): Promise<DialogTurnResult> {
    const { context, state } = turn;
    const fieldId = FIELD_IDS.find((f) => f === action.fieldId);
    const order = fieldId === undefined ? [] : turn.q.questions.filter((q) => q.field === fieldId);
    const given = new Map(action.answers.map((a) => [a.questionId, a.answer]));
    if (fieldId === undefined || [...given.keys()].some((id) => !order.some((q) => q.id === id))) return this.stale(turn);
    if (given.size === 0) {
      await sendText(context, t(turn.locale, 'form.nothingChosen'));
      this.setInvokeCard(context, undefined, turn.locale, 'form.nothingChosen');
      return this.showForm(turn, fieldId);
    }
    const before = new Set(applicableQuestions(turn.q, fieldId, turn.answers).map((q) => q.id));
    let answers = turn.answers;
    let saved = 0;
    for (const question of order) {
      const value = given.get(question.id);
      if (value === undefined || gateState(question, answers) !== 'open') continue;
      if (answers[question.id] !== value) {
        const result = await this.deps.service.recordAnswer({
          assessment: { id: state.session.assessmentId, questionnaireVersion: state.session.questionnaireVersion },
          respondentId: state.session.respondentId,
          questionId: question.id,
          value,
          comment: null,
          channel: context.activity.channelId,
          answers,
        });
        if (result.kind === 'rejected' && result.reason === 'round_closed') {
          await sendText(context, t(turn.locale, 'round.closed'));
          this.setInvokeCard(context, undefined, turn.locale, 'round.closed');
          return dc.endDialog();
        }
        if (result.kind === 'rejected') continue;
        answers = { ...answers, [question.id]: value };
      }
      saved++;
    }
    this.setInvokeCard(context, renderFormSavedCard(turn.locale, fieldId, saved).card);
    await sendText(context, t(turn.locale, 'form.saved', { count: saved }));
    const after = { ...turn, answers };
    if (isFieldComplete(turn.q, fieldId, answers)) {
      if (!isFieldComplete(turn.q, fieldId, turn.answers)) await this.sendFieldSummary(turn, fieldId, answers);
      state.shown = undefined;
      return this.showTarget(after);
    }
    const opened = applicableQuestions(turn.q, fieldId, answers).filter((q) => !before.has(q.id));
    if (opened.length > 0) await sendText(context, `${t(turn.locale, 'form.followUps')} ${opened.map((q) => q.id).join(', ')}`);
    return this.showForm(after, fieldId);
  }

  private async showQuestion(turn: Turn, question: Question): Promise<DialogTurnResult> {
    turn.state.shown = question.id;
    const { position, total } = this.position(turn, question);
    const current = turn.answers[question.id];
    await sendCard(
      turn.context,
      renderQuestionCard({
        host: hostOf(turn.context),
        locale: turn.locale,
        assessmentId: turn.state.session.assessmentId,
        questionnaireVersion: turn.state.session.questionnaireVersion,
        question,
        position,
        total,
        ...(current !== undefined ? { current } : {}),
      }),
    );
    return Dialog.EndOfTurn;
  }

  private async sendFieldSummary(turn: Turn, fieldId: FieldId, answers: AnswerMap): Promise<void> {
    const summary = this.deps.service.fieldSummary(turn.state.session.questionnaireVersion, answers, fieldId);
    await sendCard(
      turn.context,
      renderFieldSummaryCard({ host: hostOf(turn.context), locale: turn.locale, assessmentId: turn.state.session.assessmentId, ...summary }),
    );
  }

  private async sendOverall(turn: Turn): Promise<void> {
    const { session } = turn.state;
    const [summary, municipality] = await Promise.all([
      this.deps.service.overallSummary({ id: session.assessmentId, questionnaireVersion: session.questionnaireVersion }),
      this.deps.service.findMunicipality(session.municipalityId),
    ]);
    await sendCard(
      turn.context,
      renderOverallSummaryCard({
        host: hostOf(turn.context),
        locale: turn.locale,
        assessmentId: session.assessmentId,
        municipalityName: municipality?.name ?? session.municipalityId,
        respondents: summary.respondents,
        score: summary.score,
        divergences: summary.consolidated.divergences,
        recommendations: summary.recommendations,
      }),
    );
  }

  /**
   * During a Teams invoke, the clicked card is replaced by this one (answered state, or a short notice).
   * Outside invokes it is ignored.
   */
  private setInvokeCard(context: TurnContext, card: AdaptiveCard | undefined, locale?: Locale, noticeKey?: Parameters<typeof t>[1]): void {
    if (card !== undefined) {
      context.turnState.set(INVOKE_CARD_KEY, card);
    } else if (locale !== undefined && noticeKey !== undefined && context.turnState.get(INVOKE_CARD_KEY) === undefined) {
      context.turnState.set(INVOKE_CARD_KEY, noticeCard(t(locale, noticeKey)));
    }
  }
}

function noticeCard(text: string): AdaptiveCard {
  return card([textBlock(text)], [], text);
}
