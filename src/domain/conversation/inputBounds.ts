/**
 * Bounds on how much user text the recognisers look at. Messages are capped only by the
 * request body, so every pass over user text must be linear and stop early: a command is short, so a
 * longer message is not a command at all, and the FAQ looks at the start of a message only.
 */

/** Longest text (after trimming) that can still be a command; longer messages skip command recognition. */
export const MAX_COMMAND_LENGTH = 200;

/** How much of a message the FAQ matcher and language detection read. */
export const MAX_FAQ_QUERY_LENGTH = 500;

/** True when `text` cannot be a command: longer than the bound after trimming (checked without trimming huge texts). */
export function tooLongForCommand(text: string): boolean {
  if (text.length <= MAX_COMMAND_LENGTH) return false;
  return text.trim().length > MAX_COMMAND_LENGTH;
}

/**
 * Removes trailing characters of `chars` in one backward pass. Replaces `/[…]+$/`, which a regex
 * engine retries from every position of a long run that is not at the end (quadratic).
 */
export function stripTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * At most `max` UTF-16 units from the start, cut at the last whitespace inside the bound (so no word is
 * cut in half) and never inside a surrogate pair.
 */
export function boundedPrefix(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  for (let i = end; i > max / 2; i--) {
    if (/\s/u.test(text.charAt(i))) return text.slice(0, i);
  }
  return text.slice(0, end);
}
