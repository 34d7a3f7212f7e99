import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a Direct Line token grants: one conversation, as one user, until `expiresAt` (ms since epoch). */
export interface TokenClaims {
  conversationId: string;
  userId: string;
  expiresAt: number;
}

export type TokenCheck =
  { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

/**
 * Stateless HMAC-SHA256 tokens (`payload.signature`, both base64url). Stateless on purpose: a refresh
 * needs no token table, and a leaked token is useless outside its conversation and after its expiry.
 */
export class TokenSigner {
  private readonly key: Buffer;

  /** Without a secret a random key is drawn: tokens then die with the process, as the conversations do. */
  constructor(secret?: string) {
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  sign(claims: TokenClaims): string {
    const payload = Buffer.from(
      JSON.stringify({ c: claims.conversationId, u: claims.userId, e: claims.expiresAt }),
      'utf8',
    ).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  verify(token: string, now: number): TokenCheck {
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'malformed' };
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(payload), 'base64url');
    // Constant-time comparison so the signature cannot be guessed byte by byte from response timings.
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, reason: 'bad-signature' };
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (!isPayload(raw)) return { ok: false, reason: 'malformed' };
    if (raw.e <= now) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { conversationId: raw.c, userId: raw.u, expiresAt: raw.e } };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

function isPayload(v: unknown): v is { c: string; u: string; e: number } {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.c === 'string' && typeof o.u === 'string' && typeof o.e === 'number';
}
