/** Routes a turn of the walk to the part that handles it: a card click, a command, or typed text. */
import { Dialog, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Command } from '../../src/domain/conversation/commands';
import { recogniseCommand } from '../../src/domain/conversation/commands';
import type { CardAction, ParsedCardAction } from '../../cards/cardActions';
import { sendText } from '../send';
import { ROUND_CLOSED_MEANWHILE } from '../session';
import { readTurnInput } from '../turnInput';
import { formCommand, single, submitForm } from './fieldForm';
import { completeRound, sendResult, sendStatus, showChangeList } from './progress';
import { back, changeTo, clickedQuestion, pause, skip, switchField, typedText } from './questionFlow';
import { showTarget, stale } from './screens';
import { askStartOver } from './startOver';
import { understoodText } from './understanding';
import { noticeOnClickedCard, targetOf, type Turn } from './turn';
import { staffText } from '../../src/i18n/staff';

export async function routeInput(turn: Turn): Promise<DialogTurnResult> {
  const input = readTurnInput(turn.context);
  switch (input.kind) {
    case 'card':
      return routeCard(turn, input.parsed);
    case 'text': {
      const command = recogniseCommand(input.text);
      if (command !== undefined) return routeCommand(turn, command);
      return (await understoodText(turn, input.text)) ?? typedText(turn, input.text);
    }
    case 'none':
      await sendText(turn.context, staffText(turn.locale, 'input.unsupported'));
      return Dialog.EndOfTurn;
  }
}

async function routeCard(turn: Turn, parsed: ParsedCardAction): Promise<DialogTurnResult> {
  if (!parsed.ok) {
    const key = parsed.reason === 'missing_answer' ? 'question.answerRequired' : 'question.invalid';
    await sendText(turn.context, staffText(turn.locale, key));
    noticeOnClickedCard(turn, key);
    return Dialog.EndOfTurn;
  }
  const { action } = parsed;
  // A card of another round or municipality (or a forged one) must not touch this respondent's answers.
  if (isForeign(turn, action)) return stale(turn);
  switch (action.verb) {
    case 'continue':
      return showTarget(turn);
    case 'overall':
      return sendResult(turn);
    case 'pause':
      return pause(turn);
    case 'single':
      return single(turn);
    case 'form':
      return submitForm(turn, action);
    case 'change':
      noticeOnClickedCard(turn, 'change.pick');
      return changeTo(turn, action.questionId);
    case 'answer':
    case 'skip':
    case 'back':
      return clickedQuestion(turn, action);
  }
}

function isForeign(turn: Turn, action: CardAction): boolean {
  const { session } = turn.state;
  return (
    action.assessmentId !== session.assessmentId ||
    ('questionnaireVersion' in action && action.questionnaireVersion !== session.questionnaireVersion)
  );
}

export async function routeCommand(turn: Turn, command: Command): Promise<DialogTurnResult> {
  switch (command.kind) {
    case 'start': {
      // A round closed by a colleague since this conversation began: continue in the current round (the main
      // dialog starts or joins it) instead of showing the old round's next question, which nobody can answer.
      // One read, on a resume only: answer turns keep their two statements.
      const assessment = await turn.deps.service.findAssessment(turn.state.session.assessmentId);
      if (assessment?.status === 'completed') return turn.dc.endDialog(ROUND_CLOSED_MEANWHILE);
      return showTarget(turn);
    }
    case 'pause':
      return pause(turn);
    case 'status':
      return sendStatus(turn);
    case 'back':
      return back(turn, targetOf(turn));
    case 'skip':
      return skip(turn);
    case 'result':
      return sendResult(turn);
    case 'complete':
      return completeRound(turn);
    case 'change':
      return changeTo(turn, command.questionId);
    case 'changeList':
      return showChangeList(turn);
    case 'startOver':
      return askStartOver(turn);
    case 'field':
      return switchField(turn, command.fieldId);
    case 'form':
      return formCommand(turn, command.fieldId);
    case 'single':
      return single(turn);
    case 'help':
    case 'language':
      // Handled by the bot before the dialog runs.
      return Dialog.EndOfTurn;
  }
}
