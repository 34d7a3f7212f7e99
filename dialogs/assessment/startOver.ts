/**
 * "neu beginnen": removes the respondent's own answers of the round after a confirmation. The confirmation
 * is botbuilder's ConfirmPrompt on the dialog stack, so the next message goes to the prompt and never
 * becomes an answer.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import {
  ConfirmPrompt,
  ListStyle,
  type DialogTurnResult,
  type PromptOptions,
  type PromptRecognizerResult,
} from 'botbuilder-dialogs';
import { normaliseInput } from '../../src/domain/conversation/commands';
import { DIALOG_IDS } from '../dialogIds';
import { sendText } from '../send';
import { showTarget } from './screens';
import type { Turn } from './turn';
import { staffText } from '../../src/i18n/staff';

/**
 * Whole messages (after case folding and trailing punctuation) that confirm, in either language. Deleting
 * answers needs an unambiguous yes: botbuilder's boolean recognizer would also find a yes inside
 * "ja bitte nicht" and, on a German client, miss "yes", so the prompt recognises with this list instead.
 */
const YES: ReadonlySet<string> = new Set([
  'ja',
  'j',
  'yes',
  'y',
  'ja, neu beginnen',
  'ja bitte',
  'yes, start over',
  'ok',
  'okay',
]);

/**
 * The confirmation: the question goes out exactly as written (no appended choices); every text message
 * ends the prompt, with true only for a yes from the list, so anything else keeps the answers.
 */
export class StartOverPrompt extends ConfirmPrompt {
  constructor(dialogId: string) {
    super(dialogId);
    this.style = ListStyle.none;
  }

  protected override onRecognize(
    context: TurnContext,
    _state: unknown,
    _options: PromptOptions,
  ): Promise<PromptRecognizerResult<boolean>> {
    const text = context.activity.text;
    if (typeof text !== 'string') return Promise.resolve({ succeeded: false });
    return Promise.resolve({ succeeded: true, value: YES.has(normaliseInput(text)) });
  }
}

export async function askStartOver(turn: Turn): Promise<DialogTurnResult> {
  const text = staffText(turn.locale, 'startOver.confirm', { count: Object.keys(turn.answers).length });
  const options: PromptOptions = { prompt: { type: ActivityTypes.Message, text, textFormat: 'markdown' } };
  return turn.dc.beginDialog(DIALOG_IDS.startOverPrompt, options);
}

export async function decideStartOver(turn: Turn, confirmed: boolean): Promise<DialogTurnResult> {
  if (!confirmed) {
    await sendText(turn.context, staffText(turn.locale, 'startOver.kept'));
    return showTarget(turn);
  }
  const { session } = turn.state;
  const count = await turn.deps.service.startOver(session.assessmentId, session.respondentId);
  await sendText(turn.context, staffText(turn.locale, 'startOver.done', { count }));
  turn.state.shown = undefined;
  turn.state.revisit = false;
  return showTarget({ ...turn, answers: {} });
}
