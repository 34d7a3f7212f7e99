/**
 * `fortsetzungscode` / `resume code`: a new personal resume code for a web chat user who lost theirs (the
 * old one stops working). Only for a respondent who has consented, in the web chat; in Teams the account
 * is the same person on every device, so no code is needed (and none could take a Teams identity over).
 */
import { normaliseInput } from '../domain/conversation/commands';
import { stripTrailing, tooLongForCommand } from '../domain/conversation/inputBounds';
import { staffText } from '../i18n/staff';
import { canHoldResumeCode, type ResumeCodeService } from '../services/resumeCodeService';
import type { CommandHandler, CommandOutcome, CommandTurn } from './commandHandlers';
import { resumeCodeMessage } from './replies/resumeCodeReplies';

export interface ResumeCodeCommandDeps {
  /** Only `issue` is needed here; the `code …` handler uses `resolve`. */
  readonly resumeCodes: Pick<ResumeCodeService, 'issue'>;
  /** Whether the identity is a respondent who has given consent (nothing is stored about anyone before). */
  readonly hasConsented: (identityKey: string) => Promise<boolean>;
}

/** The command's spellings, whole message only (a code after the word is the `code …` handler's). */
const WORDS = new Set([
  'fortsetzungscode',
  'fortsetzungs-code',
  'neuer fortsetzungscode',
  'neuen fortsetzungscode',
  'mein fortsetzungscode',
  'fortsetzungscode vergessen',
  'resume code',
  'resume-code',
  'resumecode',
  'new resume code',
  'my resume code',
  'lost resume code',
]);

export type ResumeCodeCommand = { readonly kind: 'newResumeCode' };

export function recogniseResumeCodeCommand(text: string): ResumeCodeCommand | undefined {
  if (tooLongForCommand(text)) return undefined;
  // Trimmed first: the shared folding strips trailing punctuation only at the very end of the text.
  const folded = stripTrailing(normaliseInput(text.trim()), '!.,;:?').trim();
  return WORDS.has(folded) ? { kind: 'newResumeCode' } : undefined;
}

export function resumeCodeCommands(deps: ResumeCodeCommandDeps): CommandHandler<ResumeCodeCommand> {
  return {
    recognise: recogniseResumeCodeCommand,
    async run(_command: ResumeCodeCommand, turn: CommandTurn): Promise<CommandOutcome> {
      const say = (key: 'webIdentity.teams' | 'webIdentity.needsConsent'): CommandOutcome => ({
        replies: [{ text: staffText(turn.locale, key) }],
      });
      if (turn.conversation !== 'webchat' || !canHoldResumeCode(turn.identityKey)) return say('webIdentity.teams');
      if (!(await deps.hasConsented(turn.identityKey))) return say('webIdentity.needsConsent');
      const code = await deps.resumeCodes.issue(turn.identityKey);
      return {
        replies: [resumeCodeMessage(turn.locale, code), { text: staffText(turn.locale, 'webIdentity.replaced') }],
      };
    },
  };
}
