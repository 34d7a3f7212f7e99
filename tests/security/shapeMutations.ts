/** Removing or replacing a few fields of an otherwise plausible activity, by dotted path. */
import fc from 'fast-check';
import { anyValue } from './hostile';

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
export const mutations = fc.oneof(
  { arbitrary: fc.constant<Mutation[]>([]), weight: 3 },
  { arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }), weight: 2 },
);

export function applyMutations(activity: Record<string, unknown>, list: readonly Mutation[]): Record<string, unknown> {
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
