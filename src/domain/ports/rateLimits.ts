/**
 * Rate limits behind one port: the web chat's Direct Line and the Azure token route count requests per
 * client address and per conversation through it. In memory today (src/infrastructure/directline/
 * rateLimiter.ts); the signature is asynchronous so a shared store (PostgreSQL) can replace it for
 * several instances without touching the callers.
 */

/** One kind of limit: at most `limit` hits per key within a sliding window of `windowMs`. */
export interface RateBucket {
  /** Stable name, e.g. "directline.messages.client"; a shared store keys its rows by it. */
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
}

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

export interface RateLimits {
  /** Records a hit for `key` in `bucket` when allowed; otherwise says how long until the next one is. */
  hit(bucket: RateBucket, key: string, now: number): Promise<RateDecision>;
}
