/**
 * The question walk: begins with the session from the main dialog, routes every turn, and resumes after
 * the start-over prompt it opens on top of itself.
 */
import type { TurnContext } from 'botbuilder';
import {
  Dialog,
  type DialogContext,
  type DialogInstance,
  type DialogReason,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { recogniseCommand } from '../../src/domain/conversation/commands';
import { positionOf } from '../../src/domain/selbstcheck';
import { DIALOG_IDS } from '../dialogIds';
import { sendText } from '../send';
import type { DialogDeps, SelfCheckSession } from '../session';
import { readTurnInput } from '../turnInput';
import { routeInput } from './routing';
import { showTarget } from './screens';
import { decideStartOver } from './startOver';
import { loadView, targetOf, type AssessmentState, type Turn } from './turn';
import { staffText } from '../../src/i18n/staff';

export class QuestionWalkDialog extends Dialog<SelfCheckSession> {
  constructor(private readonly deps: DialogDeps) {
    super(DIALOG_IDS.assessmentWalk);
  }

  override async beginDialog(dc: DialogContext, session?: SelfCheckSession): Promise<DialogTurnResult> {
    if (session === undefined) return dc.endDialog();
    const state: AssessmentState = { session };
    dc.activeDialog!.state = state;
    const turn = await this.turn(dc);
    const input = readTurnInput(dc.context);
    // A card click or a navigation command can be what started the dialog (e.g. after a restart); handle it as such.
    const command = input.kind === 'text' ? recogniseCommand(input.text) : undefined;
    if (input.kind === 'card' || (command !== undefined && command.kind !== 'start')) return routeInput(turn);
    const target = targetOf(turn);
    if (target !== undefined && Object.keys(turn.answers).length > 0) {
      const { position } = positionOf(turn.q, turn.answers, target.id);
      await sendText(dc.context, staffText(turn.locale, 'selfcheck.resumed', { n: position }));
    }
    return showTarget(turn);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return routeInput(await this.turn(dc));
  }

  /** Only the start-over prompt returns here: true or false for its answer, undefined when it lapsed. */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    const turn = await this.turn(dc);
    return typeof result === 'boolean' ? decideStartOver(turn, result) : routeInput(turn);
  }

  /** Re-shows the question on screen, e.g. in the new language after a switch. */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await showTarget(await loadView(this.deps, context, instance.state as AssessmentState));
  }

  private async turn(dc: DialogContext): Promise<Turn> {
    return { ...(await loadView(this.deps, dc.context, dc.activeDialog!.state as AssessmentState)), dc };
  }
}
