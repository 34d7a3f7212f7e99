/**
 * `code WK-…` / `code WR-…`, or a code simply pasted, at any time and at every prompt. An invitation code
 * makes the person a member of its municipality (and its lead, for a lead code); before consent it is kept
 * in the conversation and bound at consent. A resume code lets this web chat continue as the person who
 * got it. Wrong codes are counted per identity and conversation by the services.
 */
import { isCode, readCode, type Code } from '../domain/membership/codes';
import type { Respondent } from '../domain/model';
import type { BotMessage } from '../domain/messages';
import { staffText, type StaffLocale, type StaffTextKey } from '../i18n/staff';
import type { CommandHandler, CommandOutcome, CommandTurn } from './commandHandlers';
import type { InvitationCodes, MembershipGate, ResumeCodes } from './membershipGate';
import type { TurnIdentity } from './turnIdentity';

type CodeInput = Code | { readonly invalid: true };

export interface CodeCommandDeps {
  readonly invitations: InvitationCodes;
  readonly resumeCodes?: ResumeCodes;
  readonly gate: Pick<MembershipGate, 'keepPending'>;
  readonly identity: Pick<TurnIdentity, 'link'>;
  readonly findRespondent: (identityKey: string) => Promise<Respondent | undefined>;
}

const say = (locale: StaffLocale, key: StaffTextKey, params: Record<string, string | number> = {}): BotMessage => ({
  text: staffText(locale, key, params),
});

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

export function codeCommandHandler(deps: CodeCommandDeps): CommandHandler<CodeInput> {
  return {
    recognise: (text) => readCode(text),
    run: async (input, turn): Promise<CommandOutcome> => {
      // A code belongs to one person: in a channel everybody would read it (and share the conversation).
      if (turn.conversation === 'channel') return { replies: [say(turn.locale, 'membership.codePersonalOnly')] };
      if (!isCode(input)) return { replies: [say(turn.locale, 'membership.codeMalformed')] };
      return input.kind === 'resume' ? resume(deps, input, turn) : invitation(deps, input, turn);
    },
  };
}

const attemptOf = (turn: CommandTurn) => ({
  identityKey: turn.identityKey,
  conversationId: turn.context.activity.conversation?.id ?? '',
});

async function invitation(deps: CodeCommandDeps, code: Code, turn: CommandTurn): Promise<CommandOutcome> {
  const { locale } = turn;
  const check = await deps.invitations.checkCode(code, attemptOf(turn));
  if (check.kind === 'rateLimited')
    return { replies: [say(locale, 'membership.codeRateLimited', { minutes: minutes(check.retryAfterMs) })] };
  if (check.kind === 'invalid') return { replies: [say(locale, 'membership.codeInvalid')] };
  const municipality = check.municipality.name;
  const respondent = await deps.findRespondent(turn.identityKey);
  if (respondent === undefined || respondent.consentedAt === null) {
    // Nothing is stored about a person before consent: the verified invitation waits in the conversation.
    await deps.gate.keepPending(turn.context, check.invitation.id);
    return { replies: [say(locale, 'membership.codeAccepted', { municipality })], dialog: 'restart' };
  }
  const sameMunicipality =
    respondent.municipalityId === check.invitation.municipalityId && respondent.membership !== null;
  if (sameMunicipality && check.invitation.role === 'member')
    return { replies: [say(locale, 'membership.alreadyMember', { municipality })] };
  const joined = await deps.invitations.redeem(check.invitation.id, respondent);
  if (joined.kind === 'invalid') return { replies: [say(locale, 'membership.codeInvalid')] };
  const reply = say(locale, joined.lead ? 'membership.joinedLead' : 'membership.joined', {
    municipality: joined.municipality.name,
  });
  // Waiting at onboarding's municipality prompt: it continues; answering for another municipality until
  // now: the self-check begins anew for the new one; a lead code for one's own municipality changes nothing.
  if (respondent.role === null) return { replies: [reply], dialog: 'continue' };
  return { replies: [reply], dialog: sameMunicipality ? 'reprompt' : 'restart' };
}

async function resume(deps: CodeCommandDeps, code: Code, turn: CommandTurn): Promise<CommandOutcome> {
  const { locale } = turn;
  if (turn.conversation !== 'webchat' || deps.resumeCodes === undefined)
    return { replies: [say(locale, 'membership.resumeTeams')] };
  const found = await deps.resumeCodes.resolve(code, attemptOf(turn));
  if (found.kind === 'rateLimited')
    return { replies: [say(locale, 'membership.codeRateLimited', { minutes: minutes(found.retryAfterMs) })] };
  if (found.kind === 'invalid') return { replies: [say(locale, 'membership.codeInvalid')] };
  await deps.identity.link(turn.context, found.identityKey);
  return { replies: [say(locale, 'membership.resumed')], dialog: 'restart' };
}
