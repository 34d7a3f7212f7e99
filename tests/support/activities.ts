import { randomUUID } from 'node:crypto';

/** Teams- and web-chat-shaped activities, as the channels send them. */
export interface Participant {
  conversationId: string;
  userId: string;
  aadObjectId?: string;
  locale?: string;
  serviceUrl?: string;
}

export function newParticipant(overrides: Partial<Participant> = {}): Participant {
  return { conversationId: `conv-${randomUUID()}`, userId: `user-${randomUUID()}`, ...overrides };
}

const BOT = { id: '28:weltoffen-bot', name: 'Weltoffen-Bot' };

export function teamsPersonal(p: Participant, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    channelId: 'msteams',
    serviceUrl: p.serviceUrl ?? 'http://127.0.0.1:9/teams/',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    locale: p.locale ?? 'de-DE',
    from: { id: p.userId, name: 'Test User', aadObjectId: p.aadObjectId ?? p.userId },
    recipient: BOT,
    conversation: { id: p.conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...extra,
  };
}

export function teamsChannel(p: Participant, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    ...teamsPersonal(p, {}),
    conversation: { id: p.conversationId, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' }, team: { id: 'team-1' }, channel: { id: p.conversationId } },
    ...extra,
  };
}

export function webchat(p: Participant, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    channelId: 'webchat',
    serviceUrl: p.serviceUrl ?? 'http://127.0.0.1:9/webchat/',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    locale: p.locale ?? 'de-DE',
    from: { id: p.userId, name: 'Besucher*in' },
    recipient: BOT,
    conversation: { id: p.conversationId },
    ...extra,
  };
}

type Shape = (p: Participant, extra: Record<string, unknown>) => Record<string, unknown>;

export const message = (shape: Shape, p: Participant, text: string) => shape(p, { type: 'message', text });

export const membersAdded = (shape: Shape, p: Participant, who: 'bot' | 'user' | 'both') =>
  shape(p, {
    type: 'conversationUpdate',
    membersAdded: [...(who !== 'user' ? [BOT] : []), ...(who !== 'bot' ? [{ id: p.userId }] : [])],
  });
