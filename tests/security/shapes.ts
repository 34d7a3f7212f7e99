/**
 * Generated activities in the three shapes the service receives: Teams (personal and channel chats),
 * Bot Framework Emulator / curl on /api/messages, and what Web Chat posts to the self-hosted Direct Line.
 * Each starts from a plausible activity, then a few fields are removed or replaced by hostile values.
 */
import fc from 'fast-check';
import { anyValue, cardPayload, hostileString } from './hostile';
import { applyMutations, mutations } from './shapeMutations';
import {
  BOT,
  OTHER_INVOKES,
  TENANT,
  UNKNOWN_TYPES,
  deliveryMode,
  invokeValue,
  labelOf,
  modeFor,
  serviceUrlOf,
  type Generated,
  type ShapeContext,
} from './shapeParts';

export { CLOSED_SERVICE_URLS, type Generated, type ShapeContext } from './shapeParts';

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
      {
        locale: fc.oneof(fc.constantFrom('de-DE', 'en', 'uk-UA', 'de-x-ls'), hostileString, anyValue),
        // The page's own secret (the user id is derived from it): well-formed, hostile, or any value.
        userSecret: fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), hostileString, anyValue),
      },
      { requiredKeys: [] },
    ),
    weight: 4,
  },
  { arbitrary: fc.record({ user: fc.record({ id: hostileString }), trustedOrigin: hostileString }), weight: 1 },
  { arbitrary: anyValue, weight: 1 },
);
