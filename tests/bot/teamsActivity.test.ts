import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import {
  aadIdentityOf,
  conversationKind,
  identityKeyOf,
  teamAndChannelOf,
  tenantIdOf,
  textWithoutBotMention,
} from '../../src/bot/teamsActivity';

const activity = (overrides: Partial<Activity>): Activity =>
  ({
    type: 'message',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: 'u1', name: 'User', aadObjectId: 'OID-1' },
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: 'c1', conversationType: 'personal', tenantId: 'T1', isGroup: false, name: '' },
    ...overrides,
  }) as Activity;
const contextOf = (a: Activity) => new TurnContext(new TestAdapter(), a);

describe('reading a Teams activity', () => {
  it('tells a 1:1 chat, a shared Teams conversation (channel or group chat) and any other channel apart', () => {
    expect(conversationKind(activity({}))).toBe('personal');
    expect(
      conversationKind(activity({ conversation: { id: 'c', conversationType: 'channel', isGroup: true, name: '' } })),
    ).toBe('channel');
    expect(
      conversationKind(activity({ conversation: { id: 'c', conversationType: 'groupChat', isGroup: true, name: '' } })),
    ).toBe('channel');
    expect(conversationKind(activity({ channelId: 'webchat' }))).toBe('webchat');
  });

  it('takes the tenant from the conversation, else from the channel data', () => {
    expect(tenantIdOf(activity({}))).toBe('T1');
    const viaChannelData = activity({
      conversation: { id: 'c', isGroup: false, name: '', conversationType: 'personal' },
      channelData: { tenant: { id: 'T2' } },
    });
    expect(tenantIdOf(viaChannelData)).toBe('T2');
    expect(aadIdentityOf(viaChannelData)).toBe('aad:t2:oid-1');
  });

  it('gives the AAD identity in Teams and channel + user id elsewhere or without a tenant', () => {
    expect(identityKeyOf(contextOf(activity({})))).toBe('aad:t1:oid-1');
    expect(identityKeyOf(contextOf(activity({ channelId: 'webchat' })))).toBe('webchat:u1');
    expect(
      identityKeyOf(
        contextOf(activity({ conversation: { id: 'c', isGroup: false, name: '', conversationType: 'personal' } })),
      ),
    ).toBe('msteams:u1');
  });

  it('survives channel data that is null (channel data is not validated on the way in)', () => {
    const a = activity({
      conversation: { id: 'c', isGroup: false, name: '', conversationType: 'personal' },
      channelData: null,
    });
    expect(tenantIdOf(a)).toBeUndefined();
    expect(teamAndChannelOf(a)).toEqual({ teamId: null, channelId: null });
    expect(identityKeyOf(contextOf(a))).toBe('msteams:u1');
  });

  it('reads team and channel of a channel message', () => {
    expect(
      teamAndChannelOf(activity({ channelData: { team: { id: '19:team' }, channel: { id: '19:chan' } } })),
    ).toEqual({ teamId: '19:team', channelId: '19:chan' });
    expect(teamAndChannelOf(activity({}))).toEqual({ teamId: null, channelId: null });
  });

  it('drops the @mention of the bot from the text, and only that one', () => {
    const a = activity({
      text: '<at>Bot</at> rolle <at>Anna</at>',
      entities: [
        { type: 'mention', mentioned: { id: 'bot', name: 'Bot' }, text: '<at>Bot</at>' },
        { type: 'mention', mentioned: { id: 'anna', name: 'Anna' }, text: '<at>Anna</at>' },
      ],
    });
    expect(textWithoutBotMention(a, a.text)).toBe('rolle <at>Anna</at>');
    expect(a.text).toBe('<at>Bot</at> rolle <at>Anna</at>');
  });
});
