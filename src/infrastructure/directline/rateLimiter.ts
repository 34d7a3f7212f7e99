import type { RateBucket, RateDecision, RateLimits } from '../../domain/ports/rateLimits';

/**
 * Sliding-window counter per key (client address, conversation). In memory, like the conversations it
 * protects; keys without recent hits are dropped by `sweep` so the map cannot grow without bound.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  get size(): number {
    return this.hits.size;
  }

  /** Records a hit if allowed; otherwise says how long until the oldest hit leaves the window. */
  hit(key: string, now: number): RateDecision {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return { ok: false, retryAfterMs: Math.max(1, (recent[0] ?? now) + this.windowMs - now) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { ok: true };
  }

  sweep(now: number): void {
    for (const [key, times] of this.hits) {
      if (!times.some((t) => t > now - this.windowMs)) this.hits.delete(key);
    }
  }
}

/** How often stale keys are dropped; done on a hit, so no timer keeps the process alive. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The in-memory `RateLimits`: one sliding-window counter per bucket, created on first use. Enough for
 * one instance (the Direct Line conversations live in its memory too); a shared store replaces it for several.
 */
export class InMemoryRateLimits implements RateLimits {
  private readonly limiters = new Map<string, RateLimiter>();
  private lastSweep = 0;

  hit(bucket: RateBucket, key: string, now: number): Promise<RateDecision> {
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      for (const limiter of this.limiters.values()) limiter.sweep(now);
    }
    // The bucket's limit and window are part of its identity: a changed configuration starts afresh.
    const id = `${bucket.name}|${bucket.limit}|${bucket.windowMs}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiter(bucket.limit, bucket.windowMs);
      this.limiters.set(id, limiter);
    }
    return Promise.resolve(limiter.hit(key, now));
  }

  /** Keys currently counted, over all buckets (tests check that sweeping keeps memory bounded). */
  get size(): number {
    let n = 0;
    for (const limiter of this.limiters.values()) n += limiter.size;
    return n;
  }
}
