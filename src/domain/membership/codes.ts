/**
 * Invitation codes (`WK-…`) and personal resume codes (`WR-…`): 12 Crockford Base32 characters, 60 bits,
 * written in groups of four. People type them from paper or a phone, so input is forgiving: case does not
 * matter, O reads as 0 and I/L as 1, spaces and dashes are ignored. Pure: drawing the random bits and
 * hashing happen in the infrastructure.
 */

export type CodeKind = 'invitation' | 'resume';

const PREFIX: Readonly<Record<CodeKind, string>> = { invitation: 'WK', resume: 'WR' };
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BODY_LENGTH = 12;
/** Bytes of randomness a code needs (60 bits are used). */
export const CODE_RANDOM_BYTES = 8;

/** A code in its one canonical spelling, e.g. `WK-7M3Q-0B1Z-KX4T`. */
export interface Code {
  readonly kind: CodeKind;
  /** The canonical text: what is hashed, shown and compared. */
  readonly text: string;
  /** The first four characters after the prefix: tells codes apart in lists and in revocations. */
  readonly start: string;
}

/** Turns 8 random bytes into a code of the given kind (the top 60 of the 64 bits). */
export function codeFromRandom(kind: CodeKind, bytes: Uint8Array): Code {
  if (bytes.length < CODE_RANDOM_BYTES) throw new Error('a code needs 8 random bytes');
  let value = 0n;
  for (let i = 0; i < CODE_RANDOM_BYTES; i++) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  value >>= 4n;
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) {
    body = (ALPHABET[Number(value & 31n)] ?? '0') + body;
    value >>= 5n;
  }
  return fromBody(kind, body);
}

function fromBody(kind: CodeKind, body: string): Code {
  const groups = [body.slice(0, 4), body.slice(4, 8), body.slice(8, 12)];
  return { kind, text: `${PREFIX[kind]}-${groups.join('-')}`, start: groups[0] ?? '' };
}

/** Crockford's reading of a typed character; undefined when it can be no part of a code. */
function fold(c: string): string | undefined {
  const upper = c.toUpperCase();
  if (upper === 'O') return '0';
  if (upper === 'I' || upper === 'L') return '1';
  return ALPHABET.includes(upper) ? upper : undefined;
}

/** Longest message that can still be a code with a lead-in word ("Einladungscode: WK-…"). */
const MAX_CODE_MESSAGE = 80;
const LEAD_IN =
  /^(?:(?:mein|my|der|the)\s+)?(?:code|einladungscode|invitation code|fortsetzungscode|resume code)\s*:?\s*/iu;

/**
 * A message without a lead-in word is a code only when it has the code's shape: the prefix and three groups
 * of four (separated by a space, a dash or nothing). So "Write me something" or "Wrong question" stay text
 * for the FAQ. Linear: fixed-size groups, no nested repetition.
 */
const BARE_CODE = /^w[kr][\s\-–]?[0-9a-z]{4}[\s\-–]?[0-9a-z]{4}[\s\-–]?[0-9a-z]{4}$/iu;
/** After a lead-in word, one token that can only be meant as a code ("code 7M3Q0B1Z", "code WK-12"). */
const CODE_LIKE_TOKEN = /^[0-9a-z\-–]{6,}$/iu;

/**
 * The code a message consists of (`code WK-…`, `Einladungscode: wk 7m3q 0b1z kx4t` or the bare code), or
 * undefined when the message is not a code at all. `invalid` marks a message that is clearly meant as a
 * code (a lead-in word followed by a prefix or by one code-like token) but does not spell one, so it can be
 * answered instead of passed on; "Code of conduct?" is a question, not a code.
 */
export function readCode(message: string): Code | { readonly invalid: true } | undefined {
  if (message.length > MAX_CODE_MESSAGE) return undefined;
  // A full stop or exclamation mark after a pasted code is not part of it (the message is at most 80 long).
  const trimmed = message.trim().replace(/[.!]+$/u, '');
  const leadIn = LEAD_IN.exec(trimmed);
  if (!leadIn && !BARE_CODE.test(trimmed)) return undefined;
  const rest = leadIn ? trimmed.slice(leadIn[0].length) : trimmed;
  const compact = rest.replace(/[\s\-–.]/gu, '');
  const prefix = compact.slice(0, 2).toUpperCase();
  const kind: CodeKind | undefined = prefix === 'WK' ? 'invitation' : prefix === 'WR' ? 'resume' : undefined;
  if (kind === undefined) return CODE_LIKE_TOKEN.test(rest) ? { invalid: true } : undefined;
  let body = '';
  for (const c of compact.slice(2)) {
    const folded = fold(c);
    if (folded === undefined) return { invalid: true };
    body += folded;
  }
  return body.length === BODY_LENGTH ? fromBody(kind, body) : { invalid: true };
}

export function isCode(value: ReturnType<typeof readCode>): value is Code {
  return value !== undefined && !('invalid' in value);
}

/** The code start a person typed to name a code (`einladung widerrufen 7M3Q`): four characters, folded. */
export function readCodeStart(text: string): string | undefined {
  const compact = text
    .trim()
    .replace(/^wk[\s-]*/iu, '')
    .replace(/[\s-]/gu, '');
  if (compact.length !== 4) return undefined;
  let out = '';
  for (const c of compact) {
    const folded = fold(c);
    if (folded === undefined) return undefined;
    out += folded;
  }
  return out;
}
