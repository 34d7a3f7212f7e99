import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  DialogSet,
  type Dialog,
  type DialogContext,
  type DialogState,
  type DialogStateManagerConfiguration,
} from 'botbuilder-dialogs';
import { KNOWN_DIALOG_IDS } from '../../dialogs/dialogIds';

/** The turnState key under which botbuilder-dialogs' DialogStateManager caches its configuration (not exported). */
const STATE_MANAGER_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/** Every id on a (nested) dialog stack; component dialogs keep their inner stack in `state.dialogs`. */
function stackIds(state: DialogState | undefined): string[] {
  return (state?.dialogStack ?? []).flatMap((instance) => {
    const inner = (instance.state as { dialogs?: DialogState } | undefined)?.dialogs;
    return [instance.id, ...stackIds(inner)];
  });
}

/**
 * The conversation's dialog stack with the main dialog the composition root built. Conversation state
 * holds this stack (with the session ids); the answers themselves live in the database.
 */
export class DialogStack {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  private stateManagerConfiguration: DialogStateManagerConfiguration | undefined;

  constructor(
    conversationState: BotState,
    readonly mainDialog: Dialog,
    /** Called when a persisted dialog stack names dialogs this release does not know (older version). */
    private readonly onDialogReset?: (ids: readonly string[]) => void,
  ) {
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(mainDialog);
  }

  /** `reset` is true when the persisted stack came from an older release and was dropped. */
  async open(context: TurnContext): Promise<{ dc: DialogContext; reset: boolean }> {
    const state = await this.dialogState.get(context, { dialogStack: [] });
    const unknown = stackIds(state).filter((id) => !KNOWN_DIALOG_IDS.has(id));
    if (unknown.length > 0) {
      this.onDialogReset?.(unknown);
      await this.dialogState.set(context, { dialogStack: [] });
    }
    // botbuilder-dialogs rebuilds its memory-scope configuration (a dozen scope and resolver objects from
    // its component registry) for every turn and caches it only in turnState; the scopes keep no per-turn
    // state, so one configuration serves all turns.
    if (this.stateManagerConfiguration !== undefined)
      context.turnState.set(STATE_MANAGER_CONFIGURATION_KEY, this.stateManagerConfiguration);
    const dc = await this.dialogs.createContext(context);
    this.stateManagerConfiguration ??= context.turnState.get<DialogStateManagerConfiguration | undefined>(
      STATE_MANAGER_CONFIGURATION_KEY,
    );
    return { dc, reset: unknown.length > 0 };
  }
}
