/**
 * Commands that stand on their own (membership, invitations, municipalities, codes): each topic brings a
 * recogniser and a runner, and the router asks them in order before the FAQ and before an active dialog,
 * so such a command works at every prompt. A handler decides who may do what through the services; it
 * only gets what the turn itself can vouch for.
 */
import type { TurnContext } from 'botbuilder';
import type { BotMessage } from '../domain/messages';
import type { StaffLocale } from '../i18n/staff';

export interface CommandTurn {
  readonly context: TurnContext;
  /** The message text without a Teams @mention of the bot. */
  readonly text: string;
  /** The identity the turn acts as (see turnIdentity.ts): the only identity a handler may trust. */
  readonly identityKey: string;
  /** Where the turn happens. */
  readonly conversation: 'personal' | 'channel' | 'webchat';
  /**
   * The Teams tenant, only from a turn whose channel token was verified (undefined otherwise, and in the
   * web chat): membership through a registered tenant must never rest on what a client claims.
   */
  readonly verifiedTenantId: string | undefined;
  readonly locale: StaffLocale;
}

/**
 * What happens to a dialog that was active when the command came: shown again (`reprompt`, the default),
 * handed the same message (`continue`: a prompt that waits for what the command just settled, such as
 * onboarding's municipality after a code), or begun anew from the stored data (`restart`).
 */
export type AfterCommand = 'reprompt' | 'continue' | 'restart';

export interface CommandOutcome {
  readonly replies: readonly BotMessage[];
  readonly dialog?: AfterCommand;
}

export interface CommandHandler<C = unknown> {
  /**
   * Where the commands exist; elsewhere the text is not even recognised and goes on to the dialogs and the
   * FAQ (a citizen typing "kommunen" in the public web chat gets an answer, not a refusal). All when absent.
   */
  readonly conversations?: readonly CommandTurn['conversation'][];
  /** Pure recognition; undefined when the text is not this handler's command. */
  recognise(text: string): C | undefined;
  /**
   * Runs the command and returns the replies (an empty list is allowed, e.g. when it sent a card itself).
   * Undefined: not this person's command after all (an everyday word that is a command for coordinators only);
   * the message then goes on as if nothing had recognised it (the next handlers, the dialog, the FAQ).
   */
  run(command: C, turn: CommandTurn): Promise<CommandOutcome | undefined>;
}

/** Erases the command type so handlers of different topics fit one list. */
export function handler<C>(h: CommandHandler<C>): CommandHandler {
  return {
    ...(h.conversations ? { conversations: h.conversations } : {}),
    recognise: (text) => h.recognise(text),
    run: (command, turn) => h.run(command as C, turn),
  };
}
