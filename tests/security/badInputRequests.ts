/**
 * The requests of the bad-input test that are not generated: the routes the raw encoding cases are sent to, and
 * how a Direct Line conversation is opened for them.
 */
import { message, newParticipant, teamsPersonal } from '../support/activities';
import { type RouteTarget } from './encodings';
import { jsonRequest } from './harness';

export interface DirectLineSession {
  conversationId: string;
  token: string;
}

/** A new conversation from client address number `client` (TRUST_PROXY), so per-client limits never decide a check. */
export async function openDirectLine(port: number, client: number): Promise<DirectLineSession> {
  const r = await jsonRequest(
    port,
    'POST',
    '/v3/directline/conversations',
    { locale: 'de-DE' },
    { 'x-forwarded-for': `198.51.100.${client % 250}, 2001:db8:${client.toString(16)}::1` },
  );
  if (r.status !== 201) throw new Error(`Direct Line start failed: ${r.status} ${r.body}`);
  return JSON.parse(r.body) as DirectLineSession;
}

/** Every route that reads a body (and a few that must not), each with a body it accepts when framed honestly. */
export function encodingRoutes(connectorUrl: string, session: DirectLineSession): RouteTarget[] {
  return [
    {
      name: 'POST /api/messages',
      method: 'POST',
      path: '/api/messages',
      headers: {},
      limit: 262_144,
      readsJson: true,
      body: {
        ...message(teamsPersonal, newParticipant({ serviceUrl: connectorUrl }), 'hilfe'),
        deliveryMode: 'expectReplies',
      },
    },
    {
      name: 'POST /v3/directline/conversations',
      method: 'POST',
      path: '/v3/directline/conversations',
      headers: {},
      limit: 65_536,
      readsJson: true,
      body: { locale: 'de-DE' },
    },
    {
      name: 'POST …/activities',
      method: 'POST',
      path: `/v3/directline/conversations/${session.conversationId}/activities`,
      headers: { authorization: `Bearer ${session.token}` },
      limit: 65_536,
      readsJson: true,
      body: { type: 'message', text: 'hilfe', locale: 'de-DE' },
    },
    {
      name: 'POST /v3/directline/tokens/refresh',
      method: 'POST',
      path: '/v3/directline/tokens/refresh',
      headers: { authorization: `Bearer ${session.token}` },
      limit: 65_536,
      readsJson: false,
      body: {},
    },
    {
      name: 'POST /api/dashboard/local-signin',
      method: 'POST',
      path: '/api/dashboard/local-signin',
      headers: {},
      limit: 4096,
      readsJson: false,
      body: { identityKey: 'aad:tenant-1:c0000000-0000-4000-8000-00000000c00d' },
    },
    {
      name: 'GET /api/exports/…/answers.json',
      method: 'GET',
      path: '/api/exports/potsdam/answers.json',
      headers: {},
      limit: 65_536,
      readsJson: false,
      body: {},
    },
    {
      name: 'PUT /api/messages',
      method: 'PUT',
      path: '/api/messages',
      headers: {},
      limit: 65_536,
      readsJson: false,
      body: {},
    },
  ];
}

/** A raw request as the recorder lists it: headers, and the body cut short or summarised when binary or long. */
export function describeRaw(
  headers: Record<string, string | number> | undefined,
  body: Buffer | string | undefined,
): string {
  const b =
    body === undefined
      ? ''
      : typeof body === 'string'
        ? body
        : body.length > 200
          ? `<${body.length} bytes>`
          : `<bytes ${body.toString('base64')}>`;
  return `${JSON.stringify(headers ?? {})} ${b.length > 300 ? `${b.slice(0, 300)}…(${b.length} chars)` : b}`;
}
