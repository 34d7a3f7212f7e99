import { z } from 'zod';

/**
 * What an incoming activity must look like before it reaches the adapter. Fields the bot or botbuilder
 * read are typed here, so a wrong type is a 400 and never a TypeError inside the turn (botbuilder's
 * getMentions calls `entities[i].type.toLowerCase()`, the greeting walks `membersAdded`). Anything else
 * (extra fields, channel data) passes through untouched: channels add fields over time.
 */

/** PostgreSQL text cannot hold NUL, and no channel sends control characters in ids: refused up front. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern refuses
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/u;
const id = (max: number) =>
  z.string().min(1, 'must be a non-empty string').max(max).regex(NO_CONTROL, 'must not contain control characters');
const optionalText = (max: number) => z.string().max(max).optional();

const account = z
  .object({ id: id(512), name: optionalText(512), aadObjectId: optionalText(128), role: optionalText(32) })
  .passthrough();

export const incomingActivitySchema = z
  .object({
    type: z.string().min(1, 'must be a non-empty string').max(64),
    channelId: id(64),
    serviceUrl: z.string().max(2048).url(),
    conversation: z
      .object({
        id: id(1024),
        conversationType: optionalText(32),
        tenantId: optionalText(128),
        isGroup: z.boolean().optional(),
      })
      .passthrough(),
    from: account,
    recipient: account.optional(),
    text: z
      .string()
      .max(20_000)
      .refine((t) => !t.includes('\u0000'), 'must not contain NUL characters')
      .optional(),
    locale: z.string().max(32).optional(),
    entities: z
      .array(z.object({ type: z.string().max(128) }).passthrough())
      .max(100)
      .optional(),
    membersAdded: z.array(account).max(1000).optional(),
    membersRemoved: z.array(account).max(1000).optional(),
  })
  .passthrough();

export type IncomingActivity = z.infer<typeof incomingActivitySchema>;
