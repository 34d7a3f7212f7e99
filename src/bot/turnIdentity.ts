/**
 * Who is writing, resolved once per turn. In Teams the AAD identity (tenant + object id) is the person on
 * every device. In the web chat the Direct Line token binds the user id to the browser's own secret, and a
 * personal resume code (`WR-…`) can link another browser to the same person: that link lives in the web
 * chat user's state, which is loaded with every turn anyway, so resolving it costs no statement.
 */
import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { identityKeyOf } from './teamsActivity';

interface LinkedIdentity {
  /** The identity key this browser continues as (set by a resume code). */
  identityKey?: string;
}

const RESOLVED = Symbol('weltoffen.turnIdentity');

export class TurnIdentity {
  private readonly linked: StatePropertyAccessor<LinkedIdentity>;

  constructor(userState: BotState) {
    this.linked = userState.createProperty<LinkedIdentity>('linkedIdentity');
  }

  /** The identity key the turn acts as. */
  async of(context: TurnContext): Promise<string> {
    const cached = context.turnState.get<string | undefined>(RESOLVED);
    if (cached !== undefined) return cached;
    const own = identityKeyOf(context);
    const linked =
      context.activity.channelId === 'msteams' ? undefined : (await this.linked.get(context, {})).identityKey;
    const key = linked ?? own;
    context.turnState.set(RESOLVED, key);
    return key;
  }

  /** Continues this (web chat) user as `identityKey` from now on; Teams identities are never relinked. */
  async link(context: TurnContext, identityKey: string): Promise<boolean> {
    if (context.activity.channelId === 'msteams') return false;
    await this.linked.set(context, { identityKey });
    context.turnState.set(RESOLVED, identityKey);
    return true;
  }
}
