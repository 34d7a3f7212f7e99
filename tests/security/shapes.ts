/**
 * Generated activities in the three shapes the service receives: Teams (personal and channel chats),
 * Bot Framework Emulator / curl on /api/messages, and what Web Chat posts to the self-hosted Direct Line.
 * Each starts from a plausible activity, then a few fields are removed or replaced by hostile values.
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

const BOT = { id: '28:weltoffen-bot', name: 'Weltoffen-Bot' };
const TENANT = 'tenant-1';

/** Invoke names the bot does not implement (botbuilder answers them 501); only adaptiveCard/action is ours. */
const OTHER_INVOKES = [
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
const UNKNOWN_TYPES = [
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

const serviceUrlOf = (ctx: ShapeContext) =>
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
const deliveryMode = fc.oneof(
  { arbitrary: fc.constant('expectReplies'), weight: 4 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);
const modeFor = (serviceUrl: string, mode: string | undefined) =>
  CLOSED_SERVICE_URLS.includes(serviceUrl) || serviceUrl.endsWith('/api/messages/') ? 'expectReplies' : mode;

const mentionEntities = fc.array(
  fc.record({
    type: fc.oneof(fc.constant('mention'), anyValue),
    text: fc.oneof(
      hostileString.map((s) => `<at>${s}</at>`),
      anyValue,
    ),
    mentioned: fc.oneof(
      fc.record({
        id: fc.oneof(fc.constant(BOT.id), hostileString),
        name: hostileString,
        aadObjectId: fc.option(hostileString, { nil: undefined }),
      }),
      anyValue,
    ),
  }),
  { maxLength: 3 },
);

/** The `value` of an adaptiveCard/action invoke: well formed, or broken in the ways botbuilder trips over. */
function invokeValue(ctx: ShapeContext): fc.Arbitrary<unknown> {
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

const FIELDS = [
  'type',
  'text',
  'channelId',
  'serviceUrl',
  'from',
  'from.id',
  'from.aadObjectId',
  'from.name',
  'conversation',
  'conversation.id',
  'conversation.conversationType',
  'conversation.tenantId',
  'recipient',
  'recipient.id',
  'channelData',
  'channelData.tenant',
  'channelData.tenant.id',
  'channelData.team',
  'value',
  'name',
  'locale',
  'entities',
  'attachments',
  'membersAdded',
  'membersRemoved',
  'replyToId',
  'id',
  'timestamp',
  'textFormat',
  'localTimestamp',
  'callerId',
  'relatesTo',
  'suggestedActions',
  'deliveryMode',
];

type Mutation = { path: string; remove: true } | { path: string; remove: false; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ path: fc.constantFrom(...FIELDS), remove: fc.constant(true as const) }),
  fc.record({ path: fc.constantFrom(...FIELDS), remove: fc.constant(false as const), value: anyValue }),
);
/** Most activities stay well formed enough to reach the bot; the rest lose or garble fields. */
const mutations = fc.oneof(
  { arbitrary: fc.constant<Mutation[]>([]), weight: 3 },
  { arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }), weight: 2 },
);

function applyMutations(activity: Record<string, unknown>, list: readonly Mutation[]): Record<string, unknown> {
  const out = JSON.parse(JSON.stringify(activity)) as Record<string, unknown>;
  for (const m of list) {
    const parts = m.path.split('.');
    let target: Record<string, unknown> | undefined = out;
    for (const p of parts.slice(0, -1)) {
      const next: unknown = target?.[p];
      target =
        typeof next === 'object' && next !== null && !Array.isArray(next)
          ? (next as Record<string, unknown>)
          : undefined;
    }
    const last = parts[parts.length - 1] ?? '';
    if (target === undefined) continue;
    if (m.remove) delete target[last];
    else target[last] = m.value;
  }
  return out;
}

const fuzzUser = (n: number) => ({
  id: `29:fuzz-user-${n}`,
  name: 'Fuzz',
  aadObjectId: `f0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
});

/** Teams: personal chats (fresh, or the attacker's session mid-questionnaire) and channels (including the victim's subscribed one). */
export function teamsActivity(ctx: ShapeContext): fc.Arbitrary<Generated> {
  const where = fc.oneof(
    {
      arbitrary: fc
        .integer({ min: 0, max: 39 })
        .map((n) => ({ kind: 'personal' as const, conversationId: `a:fuzz-personal-${n % 20}`, from: fuzzUser(n) })),
      weight: 5,
    },
    {
      arbitrary: fc.constant({
        kind: 'personal' as const,
        conversationId: ctx.attacker.conversationId,
        from: { id: ctx.attacker.userId, name: 'Attacker', aadObjectId: ctx.attacker.aadObjectId },
      }),
      weight: 3,
    },
    {
      arbitrary: fc.integer({ min: 0, max: 9 }).map((n) => ({
        kind: 'channel' as const,
        conversationId: `19:fuzz-channel-${n}@thread.tacv2`,
        from: fuzzUser(100 + n),
      })),
      weight: 2,
    },
    {
      arbitrary: fc
        .integer({ min: 0, max: 9 })
        .map((n) => ({ kind: 'channel' as const, conversationId: ctx.victimChannel, from: fuzzUser(200 + n) })),
      weight: 1,
    },
  );
  const kind = fc.oneof(
    {
      arbitrary: fc.record({ type: fc.constant('message'), text: hostileString, entities: mentionEntities }),
      weight: 6,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('message'),
        value: cardPayload(ctx),
        text: fc.option(hostileString, { nil: undefined }),
      }),
      weight: 3,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('invoke'),
        name: fc.constant('adaptiveCard/action'),
        value: invokeValue(ctx),
      }),
      weight: 4,
    },
    {
      arbitrary: fc.record({ type: fc.constant('invoke'), name: fc.constantFrom(...OTHER_INVOKES), value: anyValue }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('conversationUpdate'),
        membersAdded: fc.array(fc.oneof(fc.constant(BOT), fc.record({ id: hostileString }), anyValue), {
          maxLength: 4,
        }),
        membersRemoved: fc.option(fc.array(anyValue, { maxLength: 3 }), { nil: undefined }),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('messageReaction'),
        reactionsAdded: fc.oneof(fc.constant([{ type: 'like' }]), fc.array(anyValue, { maxLength: 3 })),
        reactionsRemoved: fc.option(fc.array(anyValue, { maxLength: 2 }), { nil: undefined }),
        replyToId: hostileString,
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        type: fc.constantFrom(...UNKNOWN_TYPES),
        text: fc.option(hostileString, { nil: undefined }),
        value: fc.option(anyValue, { nil: undefined }),
        action: fc.option(fc.constantFrom('add', 'remove'), { nil: undefined }),
      }),
      weight: 1,
    },
  );
  return fc
    .tuple(
      where,
      kind,
      serviceUrlOf(ctx),
      deliveryMode,
      mutations,
      fc.constantFrom('de-DE', 'en-US', 'ar-SA', 'xx', ''),
    )
    .map(([w, k, serviceUrl, anyMode, muts, locale]) => {
      const mode = modeFor(serviceUrl, anyMode);
      const channelData =
        w.kind === 'channel'
          ? { tenant: { id: TENANT }, team: { id: 'team-fuzz' }, channel: { id: w.conversationId } }
          : { tenant: { id: TENANT } };
      const conversation =
        w.kind === 'channel'
          ? { id: w.conversationId, conversationType: 'channel', isGroup: true, tenantId: TENANT }
          : { id: w.conversationId, conversationType: 'personal', tenantId: TENANT };
      const base = {
        channelId: 'msteams',
        serviceUrl,
        id: `fuzz-${w.conversationId.length}`,
        timestamp: new Date(0).toISOString(),
        locale,
        from: w.from,
        recipient: BOT,
        conversation,
        channelData,
        ...k,
        ...(mode ? { deliveryMode: mode } : {}),
      };
      const body = applyMutations(base, muts);
      return { body, label: labelOf('teams', body) };
    });
}

/** Emulator and curl: loosely filled activities on /api/messages, in any channel id. */
export function emulatorActivity(ctx: ShapeContext): fc.Arbitrary<Generated> {
  const kind = fc.oneof(
    { arbitrary: fc.record({ type: fc.constant('message'), text: hostileString }), weight: 6 },
    { arbitrary: fc.record({ type: fc.constant('message'), value: cardPayload(ctx) }), weight: 3 },
    {
      arbitrary: fc.record({
        type: fc.constant('conversationUpdate'),
        membersAdded: fc.array(fc.oneof(fc.record({ id: fc.constantFrom('bot', 'emu-user') }), anyValue), {
          maxLength: 3,
        }),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('event'),
        name: fc.oneof(fc.constantFrom('webchat/join', 'tokens/response'), hostileString),
        value: anyValue,
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('invoke'),
        name: fc.oneof(fc.constant('adaptiveCard/action'), fc.constantFrom(...OTHER_INVOKES)),
        value: invokeValue(ctx),
      }),
      weight: 2,
    },
    { arbitrary: fc.record({ type: fc.constantFrom(...UNKNOWN_TYPES) }), weight: 1 },
  );
  const channelId = fc.oneof(
    { arbitrary: fc.constant('emulator'), weight: 6 },
    {
      arbitrary: fc.constantFrom('test', 'webchat', 'directline', 'slack', 'msteams', 'EMULATOR', 'emulator\u0000'),
      weight: 2,
    },
  );
  return fc
    .tuple(
      fc.integer({ min: 0, max: 29 }),
      kind,
      channelId,
      serviceUrlOf(ctx),
      deliveryMode,
      mutations,
      fc.option(fc.oneof(hostileString, anyValue), { nil: undefined }),
    )
    .map(([n, k, ch, serviceUrl, anyMode, muts, locale]) => {
      const mode = modeFor(serviceUrl, anyMode);
      const base = {
        channelId: ch,
        serviceUrl,
        conversation: { id: `emu-conv-${n}` },
        from: { id: `emu-user-${n}`, name: 'User', role: 'user' },
        recipient: { id: 'bot', role: 'bot' },
        locale,
        localTimestamp: '2026-12-03T08:00:00+01:00',
        ...k,
        ...(mode ? { deliveryMode: mode } : {}),
      };
      const body = applyMutations(base, muts);
      return { body, label: labelOf('emulator', body) };
    });
}

/** What Web Chat (or someone pretending to be it) posts to /v3/directline/conversations/:id/activities. */
export function directLineActivity(ctx: ShapeContext): fc.Arbitrary<Generated> {
  const body = fc.record(
    {
      type: fc.oneof(
        { arbitrary: fc.constant('message'), weight: 6 },
        { arbitrary: fc.constantFrom('event', 'typing', 'invoke', 'conversationUpdate', 'x'), weight: 2 },
        { arbitrary: anyValue, weight: 1 },
      ),
      text: fc.oneof({ arbitrary: hostileString, weight: 5 }, { arbitrary: anyValue, weight: 1 }),
      value: fc.oneof(cardPayload(ctx), anyValue),
      name: fc.oneof(fc.constantFrom('webchat/join', 'webchat/exit'), hostileString, anyValue),
      locale: fc.oneof(fc.constantFrom('de-DE', 'en-US', 'tr', 'ar', 'uk', 'de-x-ls'), hostileString, anyValue),
      textFormat: fc.oneof(fc.constantFrom('plain', 'markdown', 'xml'), anyValue),
      channelData: fc.oneof(fc.record({ clientActivityID: fc.oneof(hostileString, anyValue) }), anyValue),
      attachments: fc.oneof(fc.constant([]), fc.array(anyValue, { maxLength: 2 })),
      from: fc.oneof(fc.record({ id: fc.oneof(fc.constant('attacker-chosen-id'), hostileString) }), anyValue),
      conversation: fc.oneof(fc.record({ id: hostileString }), anyValue),
      serviceUrl: fc.oneof(fc.constant('http://127.0.0.1:9/'), anyValue),
      deliveryMode: fc.constantFrom('expectReplies', 'normal', 'x'),
      extra: fc.dictionary(fc.string({ maxLength: 10 }), anyValue, { maxKeys: 5 }),
    },
    { requiredKeys: ['type'] },
  );
  const oneOf = fc.oneof(
    { arbitrary: body, weight: 6 },
    { arbitrary: fc.record({ type: fc.constant('message'), value: cardPayload(ctx) }), weight: 3 },
    { arbitrary: anyValue, weight: 1 },
  );
  return oneOf.map((b) => ({ body: b, label: labelOf('webchat', b) }));
}

/** Bodies for starting a Direct Line conversation: locales, unknown keys, wrong types. */
export const directLineStart: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc.record(
      { locale: fc.oneof(fc.constantFrom('de-DE', 'en', 'uk-UA', 'de-x-ls'), hostileString, anyValue) },
      { requiredKeys: [] },
    ),
    weight: 4,
  },
  { arbitrary: fc.record({ user: fc.record({ id: hostileString }), trustedOrigin: hostileString }), weight: 1 },
  { arbitrary: anyValue, weight: 1 },
);

function labelOf(shape: string, body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return `${shape} ${JSON.stringify(body)?.slice(0, 40)}`;
  const b = body as Record<string, unknown>;
  const type = typeof b['type'] === 'string' ? b['type'] : `type:${JSON.stringify(b['type'])?.slice(0, 20)}`;
  const name = type === 'invoke' ? ` name=${JSON.stringify(b['name'])?.slice(0, 40)}` : '';
  return `${shape} ${type}${name}`;
}
