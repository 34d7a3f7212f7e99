import { z } from 'zod';

/**
 * The minimum an incoming activity must have before it reaches the adapter. Anything else
 * (extra fields, channel data) passes through untouched: channels add fields over time.
 */
export const incomingActivitySchema = z
  .object({
    type: z.string().min(1, 'must be a non-empty string'),
    channelId: z.string().min(1),
    serviceUrl: z.string().url(),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    from: z.object({ id: z.string().min(1) }).passthrough(),
    recipient: z.object({ id: z.string().min(1) }).passthrough().optional(),
    text: z.string().max(20_000).optional(),
    locale: z.string().max(32).optional(),
  })
  .passthrough();

export type IncomingActivity = z.infer<typeof incomingActivitySchema>;
