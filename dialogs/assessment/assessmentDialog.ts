/**
 * Walks the respondent through the questions. A component of two dialogs: the question walk, and the
 * start-over confirmation prompt it opens on top of itself. Conversation state holds only the session ids
 * and the question on screen (see ./turn); the answers are read from the database every turn.
 */
import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  type DialogContext,
  type DialogInstance,
  type DialogState,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { DIALOG_IDS } from '../dialogIds';
import type { DialogDeps, SelfCheckSession } from '../session';
import { readTurnInput } from '../turnInput';
import { StartOverPrompt } from './startOver';
import { QuestionWalkDialog } from './walkDialog';

export class AssessmentDialog extends ComponentDialog<SelfCheckSession> {
  private readonly walk: QuestionWalkDialog;

  constructor(deps: DialogDeps) {
    super(DIALOG_IDS.assessment);
    this.walk = new QuestionWalkDialog(deps);
    this.addDialog(this.walk);
    this.addDialog(new StartOverPrompt(DIALOG_IDS.startOverPrompt));
    this.initialDialogId = DIALOG_IDS.assessmentWalk;
  }

  /** A card click or an attachment while the confirmation waits: the confirmation lapses and the walk handles the input. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    if (innerDc.activeDialog?.id === DIALOG_IDS.startOverPrompt && readTurnInput(innerDc.context).kind !== 'text')
      return innerDc.endDialog(undefined);
    return innerDc.continueDialog();
  }

  /** After a language switch the question on screen is shown again, also while the confirmation waits (which stays open). */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const inner = (instance.state as { dialogs?: DialogState } | undefined)?.dialogs?.dialogStack ?? [];
    const walk = inner.find((i) => i.id === DIALOG_IDS.assessmentWalk);
    if (walk !== undefined) await this.walk.repromptDialog(context, walk);
  }
}
