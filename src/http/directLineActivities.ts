/**
 * The shapes of what Direct Line clients send (conversation start, posted activities, the watermark) and
 * the reduced form of a posted activity that is stored and given to the bot.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * Longest message text the bot reads (UTF-16 units, as the page's `maxlength` counts). Longer messages
 * are answered with a polite request to write shorter instead of a turn; Web Chat's own default
 * (`maxMessageLength`) is the same 2,000. The raw body is bounded separately by `maxBodyBytes`.
 */
export const MAX_TEXT_CHARS = 2000;
/** Bound on a card submission's `value`, as JSON text. */
const MAX_VALUE_CHARS = 8192;

/**
 * The start of a conversation. `userSecret` is the page's own random secret (32 lower-case hex characters,
 * 128 bits, kept in the browser's storage): the user id is derived from it, so the same browser is the same
 * user after a reload. Strict: one spelling per secret (so one user id), and anything else is a 400 rather
 * than a silent new identity, because the page checks its stored value before sending it. Other Direct Line
 * clients send `{ user: { id } }`; that is ignored because the server owns user ids.
 */
export const startSchema = z.object({
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/)
    .optional(),
  // The message names the expected form, never the value (error answers and logs must not carry it).
  userSecret: z
    .string({ error: 'userSecret must be 32 lower-case hex characters' })
    .regex(/^[0-9a-f]{32}$/, 'userSecret must be 32 lower-case hex characters')
    .optional(),
});

/**
 * What Web Chat posts. Only these fields are kept, stored and given to the bot; everything else a client
 * sends (from, entities, serviceUrl, other channelData …) is dropped (zod strips unknown keys). Server-owned
 * fields (from, conversation, id, timestamp) are set by us. `text` is not capped here: a long message gets
 * a polite answer instead of a 400 (the body is bounded in bytes before parsing).
 */
export const postSchema = z.object({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().optional(),
  locale: z.string().max(35).optional(),
  name: z.string().max(200).optional(),
  value: z
    .unknown()
    .refine(
      (v) => v === undefined || (JSON.stringify(v)?.length ?? 0) <= MAX_VALUE_CHARS,
      `must be at most ${MAX_VALUE_CHARS} characters as JSON`,
    )
    .optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  // clientActivityID pairs the echo with Web Chat's pending bubble; postBack/messageBack.displayText
  // are Web Chat's own hints for hiding card submissions in the transcript.
  channelData: z
    .object({
      clientActivityID: z.string().max(100).optional(),
      postBack: z.boolean().optional(),
      messageBack: z.object({ displayText: z.string().max(MAX_TEXT_CHARS).optional() }).optional(),
    })
    .optional(),
  attachments: z.array(z.unknown()).max(0, 'attachments are not supported here').optional(),
});
type PostedActivity = z.infer<typeof postSchema>;

/** The stored and forwarded form: only known fields, text cut to MAX_TEXT_CHARS when it was longer. */
export function knownFields(a: PostedActivity, tooLong: boolean): Partial<Activity> {
  const out: Partial<Activity> = { type: a.type };
  if (a.text !== undefined) out.text = tooLong ? truncate(a.text) : a.text;
  if (a.locale !== undefined) out.locale = a.locale;
  if (a.textFormat !== undefined) out.textFormat = a.textFormat;
  if (tooLong)
    return a.channelData?.clientActivityID === undefined
      ? out
      : { ...out, channelData: { clientActivityID: a.channelData.clientActivityID } };
  if (a.name !== undefined) out.name = a.name;
  if (a.value !== undefined) out.value = a.value;
  if (a.channelData !== undefined) out.channelData = a.channelData;
  return out;
}

function truncate(text: string): string {
  let end = MAX_TEXT_CHARS;
  // Never cut a surrogate pair in half.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

export const watermarkSchema = z.union([z.literal(''), z.string().regex(/^\d{1,12}$/)]).optional();
