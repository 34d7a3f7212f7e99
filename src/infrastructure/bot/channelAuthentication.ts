import type { TurnContext } from 'botbuilder';
import { AuthenticationConstants, type ClaimsIdentity } from 'botframework-connector';

/**
 * Set in turnState by our own in-process Direct Line turns (never from anything a client sends): such a turn
 * runs under a synthetic identity so that it works with an app id configured, but nobody's channel token was
 * checked and its serviceUrl comes from the client's Host header.
 */
export const IN_PROCESS_TURN = Symbol('weltoffen.inProcessTurn');

/**
 * Whether this turn came with a Bot Framework channel token we verified. Decided from the
 * ClaimsIdentity CloudAdapter put into turnState, never from the activity: local mode yields an anonymous
 * identity without claims; the in-process Direct Line marks its turns. Only authenticated turns may leave
 * anything behind for proactive use (channel subscriptions, conversation references for reminders).
 */
export function isChannelAuthenticated(context: TurnContext): boolean {
  if (context.turnState.get(IN_PROCESS_TURN) === true) return false;
  const identity = context.turnState.get<ClaimsIdentity | undefined>(context.adapter.BotIdentityKey);
  // Local mode's anonymous identity is "authenticated" but has no claims: the audience check refuses it.
  if (identity === undefined || !identity.isAuthenticated) return false;
  const audience =
    identity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    identity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    '';
  return audience !== '' && audience !== AuthenticationConstants.AnonymousSkillAppId;
}
