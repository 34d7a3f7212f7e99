/**
 * What the generated shapes share: the context they draw from, the bot's identity, serviceUrls and delivery modes,
 * the values of card invokes and the labels the recorder lists violations under.
 */
import fc from 'fast-check';
import { anyValue, cardPayload, hostileString, type CardContext } from './hostile';

export interface ShapeContext extends CardContext {
  /** The loopback Bot Connector stand-in. */
  connectorUrl: string;
  /** The service's own base URL (a serviceUrl pointing back at the service). */
  serviceUrl: string;
  attacker: { conversationId: string; userId: string; aadObjectId?: string };
  /** A subscribed channel of the victim's municipality: foreign channel turns must not redirect its cards. */
  victimChannel: string;
}

/** What is sent, and what the invariant needs to know about it. */
export interface Generated {
  /** Usually an object, but deliberately malformed bodies are anything. */
  body: unknown;
  /** Invoke name when the body is an invoke (501 is allowed for names the bot does not implement). */
  label: string;
}

export const BOT = { id: '28:weltoffen-bot', name: 'Weltoffen-Bot' };
export const TENANT = 'tenant-1';

/** Invoke names the bot does not implement (botbuilder answers them 501); only adaptiveCard/action is ours. */
export const OTHER_INVOKES = [
  'composeExtension/query',
  'task/fetch',
  'task/submit',
  'signin/verifyState',
  'signin/tokenExchange',
  'config/fetch',
  'actionableMessage/executeAction',
  'fileConsent/invoke',
  'application/search',
  'handoff/action',
  'x',
  '',
  'ADAPTIVECARD/ACTION',
  'adaptiveCard/action ',
];
export const UNKNOWN_TYPES = [
  'event',
  'typing',
  'endOfConversation',
  'installationUpdate',
  'messageUpdate',
  'messageDelete',
  'deleteUserData',
  'handoff',
  'trace',
  'command',
  'x',
  '__proto__',
  'constructor',
  'MESSAGE',
  'Message',
];

/**
 * Loopback addresses where nothing listens. Replies posted there (or to the service's own /api/messages/, which
 * answers 404) are retried for ~10 s per turn, so generated activities use them with expectReplies only; the
 * test sends a few with normal delivery on purpose.
 */
export const CLOSED_SERVICE_URLS = ['http://127.0.0.1:9/', 'http://[::1]:9/teams/', 'https://127.0.0.1:1/'];

export const serviceUrlOf = (ctx: ShapeContext) =>
  fc.oneof(
    { arbitrary: fc.constant(ctx.connectorUrl), weight: 12 },
    {
      arbitrary: fc.constantFrom(
        ...CLOSED_SERVICE_URLS,
        `${ctx.serviceUrl}/api/messages/`,
        `${ctx.connectorUrl}../../x/`,
      ),
      weight: 2,
    },
    {
      arbitrary: fc.constantFrom(
        'not a url',
        'javascript:alert(1)',
        'file:///etc/passwd',
        'data:,x',
        '',
        'http://',
        'http://%zz/',
      ),
      weight: 1,
    },
  );

/** Mostly expectReplies (answers in the HTTP response); otherwise the bot posts to the serviceUrl. */
export const deliveryMode = fc.oneof(
  { arbitrary: fc.constant('expectReplies'), weight: 4 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);
export const modeFor = (serviceUrl: string, mode: string | undefined) =>
  CLOSED_SERVICE_URLS.includes(serviceUrl) || serviceUrl.endsWith('/api/messages/') ? 'expectReplies' : mode;

/** The `value` of an adaptiveCard/action invoke: well formed, or broken in the ways botbuilder trips over. */
export function invokeValue(ctx: ShapeContext): fc.Arbitrary<unknown> {
  const action = fc.record(
    {
      type: fc.oneof(
        { arbitrary: fc.constant('Action.Execute'), weight: 5 },
        { arbitrary: fc.constantFrom('Action.Submit', 'Action.OpenUrl', ''), weight: 1 },
        { arbitrary: anyValue, weight: 1 },
      ),
      verb: fc.oneof(fc.constantFrom('answer', 'skip', 'form', 'continue', 'unknownVerb'), anyValue),
      data: cardPayload(ctx),
      id: fc.option(hostileString, { nil: undefined }),
    },
    { requiredKeys: ['type'] },
  );
  return fc.oneof(
    { arbitrary: fc.record({ action, trigger: fc.constantFrom('manual', 'automatic') }), weight: 6 },
    {
      arbitrary: fc.constantFrom<unknown>(
        {},
        { action: null },
        { action: 'x' },
        { action: [] },
        { action: { verb: 'answer' } },
        { trigger: 'manual' },
        0,
        '',
        'answer',
        [],
        null,
        true,
      ),
      weight: 2,
    },
    { arbitrary: anyValue, weight: 1 },
  );
}

export function labelOf(shape: string, body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return `${shape} ${JSON.stringify(body)?.slice(0, 40)}`;
  const b = body as Record<string, unknown>;
  const type = typeof b['type'] === 'string' ? b['type'] : `type:${JSON.stringify(b['type'])?.slice(0, 20)}`;
  const name = type === 'invoke' ? ` name=${JSON.stringify(b['name'])?.slice(0, 40)}` : '';
  return `${shape} ${type}${name}`;
}
