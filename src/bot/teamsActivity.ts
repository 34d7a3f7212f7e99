/**
 * Everything the bot reads from a Teams activity — tenant, conversation kind, identity, team and channel,
 * the conversation reference kept for proactive messages, mentions — in one place, through botbuilder's
 * own Teams helpers where it has one. Nothing else in the bot or the dialogs reads channelData.
 */
import { TeamsInfo, TurnContext, teamsGetChannelId, teamsGetTeamId, teamsGetTenant, type Activity } from 'botbuilder';
import type { StoredReference } from '../domain/ports';
import { aadIdentityKey } from '../domain/access';

/**
 * Where a turn happens: a 1:1 chat in Teams, a conversation Teams members share (a channel or a group
 * chat, which the bot treats alike: everybody there shares one conversation state), or any other channel
 * (web chat, Direct Line, the emulator).
 */
export type ConversationKind = 'personal' | 'channel' | 'webchat';

export function conversationKind(activity: Activity): ConversationKind {
  if (activity.channelId === 'msteams') {
    return activity.conversation?.conversationType === 'personal' ? 'personal' : 'channel';
  }
  return 'webchat';
}

/**
 * botbuilder's Teams helpers check `typeof channelData === 'object'`, which lets `null` through and then
 * throw; channel data is not validated on the way in, so a client could send `null`.
 */
function hasChannelData(activity: Activity): boolean {
  return typeof activity.channelData === 'object' && activity.channelData !== null;
}

/** The Teams tenant: from the conversation, else from the channel data; undefined when neither names one. */
export function tenantIdOf(activity: Activity): string | undefined {
  const fromChannelData = hasChannelData(activity) ? teamsGetTenant(activity)?.id : undefined;
  return (activity.conversation?.tenantId ?? fromChannelData) || undefined;
}

/** The sender's `aad:<tenant>:<objectId>` key; undefined unless the activity names both tenant and AAD object id. */
export function aadIdentityOf(activity: Activity): string | undefined {
  const tenantId = tenantIdOf(activity);
  const objectId = activity.from?.aadObjectId;
  return tenantId !== undefined && objectId ? aadIdentityKey(tenantId, objectId) : undefined;
}

/**
 * Channel-independent identity where the channel provides one: in Teams the AAD object id within the
 * tenant is the same person on desktop, mobile and web; elsewhere only channel + user id is stable.
 */
export function identityKeyOf(context: TurnContext): string {
  const a = context.activity;
  const aad = a.channelId === 'msteams' ? aadIdentityOf(a) : undefined;
  return aad ?? `${a.channelId}:${a.from?.id ?? 'unknown'}`;
}

/** The team and channel a Teams channel message was posted in (null elsewhere). */
export function teamAndChannelOf(activity: Activity): { teamId: string | null; channelId: string | null } {
  if (!hasChannelData(activity)) return { teamId: null, channelId: null };
  return { teamId: teamsGetTeamId(activity), channelId: teamsGetChannelId(activity) };
}

/** The reference a proactive message to this conversation needs, as the database stores it. */
export function conversationReferenceOf(activity: Activity): StoredReference {
  const reference = TurnContext.getConversationReference(activity);
  // The person's display name is not needed to write to them and the privacy notice promises it is not
  // stored (issue #17): the user keeps only its ids. Proactive sends address the conversation and user ids.
  const user = reference.user === undefined ? undefined : withoutName(reference.user);
  return { ...reference, ...(user === undefined ? {} : { user }) } as unknown as StoredReference;
}

function withoutName<T extends { name?: unknown }>(account: T): Omit<T, 'name'> {
  const copy: Partial<T> = { ...account };
  delete copy.name;
  return copy as Omit<T, 'name'>;
}

/** The message text without the @mention of the bot (a channel message starts with one). */
export function textWithoutBotMention(activity: Activity, text: string): string {
  return TurnContext.removeMentionText({ ...activity, text }, activity.recipient?.id ?? '') ?? text;
}

/** The AAD object id of a person @mentioned in the message (from the mention entity, else the Teams roster). */
export async function mentionedAadObjectId(context: TurnContext, name: string): Promise<string | undefined> {
  const mentions = (context.activity.entities ?? []).filter((e) => e.type === 'mention') as {
    mentioned?: { id?: string; name?: string; aadObjectId?: string };
    text?: string;
  }[];
  const found = mentions.find(
    (m) =>
      m.mentioned?.id !== context.activity.recipient?.id &&
      (m.mentioned?.name === name || m.text === `<at>${name}</at>`),
  );
  if (found?.mentioned?.aadObjectId) return found.mentioned.aadObjectId;
  if (!found?.mentioned?.id) return undefined;
  try {
    return (await TeamsInfo.getMember(context, found.mentioned.id)).aadObjectId ?? undefined;
  } catch {
    return undefined;
  }
}
