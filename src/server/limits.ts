/**
 * In-memory request limits: token-bucket rate limits and recently seen activity ids. Both are bounded
 * in size whatever arrives, and both hold only opaque keys (hashes), never an id or an address as sent.
 */

export type Clock = () => number;

/** How many keys each structure tracks before it forgets the least recently used one. */
export const MAX_TRACKED_KEYS = 20_000;

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * A token bucket per key: `perMinute` requests in a burst, refilled evenly over a minute. Refusals say
 * how long until one more request is allowed, for the `Retry-After` header.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: Clock = Date.now,
    private readonly maxKeys: number = MAX_TRACKED_KEYS,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Take one request from the key's budget. */
  take(key: string): RateDecision {
    const bucket = this.refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Give back one request taken by `take` (used when a request turns out not to count). */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.perMinute, bucket.tokens + 1);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string): Bucket {
    const now = this.now();
    const existing = this.buckets.get(key);
    if (existing) {
      this.buckets.delete(key); // re-inserted below: Map order is the least-recently-used order
      existing.tokens = Math.min(this.perMinute, existing.tokens + Math.max(0, now - existing.updated) * this.perMs);
      existing.updated = now;
      this.buckets.set(key, existing);
      return existing;
    }
    forgetOldest(this.buckets, this.maxKeys - 1);
    const fresh = { tokens: this.perMinute, updated: now };
    this.buckets.set(key, fresh);
    return fresh;
  }
}

/**
 * Activity ids seen recently. Channels retry a post they think failed (after 15 s without an answer),
 * so an id is remembered long enough to cover several retries.
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number = 10 * 60_000,
    private readonly now: Clock = Date.now,
    private readonly maxKeys: number = MAX_TRACKED_KEYS,
  ) {}

  /** True the first time a key is offered within the time to live; false for a repeat. */
  firstTime(key: string): boolean {
    const now = this.now();
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.delete(key);
    this.expire(now);
    forgetOldest(this.seen, this.maxKeys - 1);
    this.seen.set(key, now);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  /** Entries are in insertion order, so expired ones are at the front. */
  private expire(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at < this.ttlMs) break;
      this.seen.delete(key);
    }
  }
}

function forgetOldest<V>(map: Map<string, V>, keep: number): void {
  for (const key of map.keys()) {
    if (map.size <= keep) return;
    map.delete(key);
  }
}
