import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { ERROR_CODES, isReachError, ReachError } from '../errors';
import type { Logger } from '../log';
import type { KeyHasher } from './keys';

/** Limits on conversation state storage. */
export const STATE_LIMITS = Object.freeze({
  /** A storage call slower than this is abandoned and the turn runs without state (issue 7: 2 s). */
  opTimeoutMs: 2_000,
  /**
   * After a failure, calls fail at once for this long instead of each turn waiting out the timeout;
   * the first call after it (a turn or the readiness probe) tries the storage again.
   */
  cooldownMs: 3_000,
  /** How often items idle past the TTL are deleted. */
  sweepEveryMs: 60_000,
  /** Items read or deleted per storage call during a sweep. */
  sweepBatch: 100,
});

export interface GuardedStorageOptions {
  readonly hashKey: KeyHasher;
  /** Idle time after which an item is gone. */
  readonly ttlMs: number;
  /** The clock (tests pass a fake one). */
  readonly now?: () => number;
  readonly timeoutMs?: number;
  readonly cooldownMs?: number;
  readonly logger?: Logger;
}

/** A name the readiness probe reads; nothing is ever written under it. */
const PROBE_KEY = 'reach-readiness-probe';

interface Stored extends StoreItem {
  touchedAt?: number;
}

function isConflict(error: unknown): boolean {
  if (isReachError(error)) return error.code === ERROR_CODES.STATE_CONFLICT;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  // MemoryStorage and BlobsStorage report a failed ETag check only in the message.
  return status === 409 || status === 412 || (error instanceof Error && /eTag conflict/i.test(error.message));
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ReachError(ERROR_CODES.STATE_UNAVAILABLE, `state storage took over ${ms} ms`)),
      ms,
    );
  });
  // The abandoned call may still settle later; race() has already attached its handlers.
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * The storage under conversation state. Keys are opaque keyed hashes of the channel and conversation
 * ids; every item carries the time it was last written and is gone after `ttlMs` idle; every call is
 * bounded by a timeout, and failures surface as STATE_UNAVAILABLE (the turn goes on without state) or
 * STATE_CONFLICT (another turn saved first: decide again).
 */
export class GuardedStorage implements Storage {
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly cooldownMs: number;
  /** Hashed names this instance has seen, with when each was last written: what the sweep checks. */
  private readonly touched = new Map<string, number>();
  /** Hashed names whose deletion has not been confirmed: served as empty, deleted again by the sweep. */
  private readonly tombstones = new Set<string>();
  private unavailableUntil = 0;

  constructor(
    private readonly inner: Storage,
    private readonly options: GuardedStorageOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? STATE_LIMITS.opTimeoutMs;
    this.cooldownMs = options.cooldownMs ?? STATE_LIMITS.cooldownMs;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const names = new Map(keys.map((key) => [this.options.hashKey(key), key] as const));
    const found = await this.call(() => this.inner.read([...names.keys()]));
    const now = this.now();
    const items: StoreItems = {};
    for (const [name, key] of names) {
      const item = found[name] as Stored | undefined;
      if (!item) continue;
      const { touchedAt, ...rest } = item;
      if (typeof touchedAt === 'number') this.touched.set(name, touchedAt);
      const expired = typeof touchedAt !== 'number' || now - touchedAt > this.options.ttlMs;
      // An expired or wiped item reads as empty, but keeps its ETag so the next save replaces it
      // under the same concurrency check as any other save.
      items[key] = expired || this.tombstones.has(name) ? { eTag: item.eTag } : rest;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = this.now();
    const named: StoreItems = {};
    for (const [key, item] of Object.entries(changes))
      named[this.options.hashKey(key)] = { ...(item as StoreItem), touchedAt: now };
    await this.call(() => this.inner.write(named));
    for (const name of Object.keys(named)) {
      this.touched.set(name, now);
      this.tombstones.delete(name);
    }
  }

  async delete(keys: string[]): Promise<void> {
    const names = keys.map((key) => this.options.hashKey(key));
    for (const name of names) this.tombstones.add(name);
    await this.call(() => this.inner.delete(names));
    this.forget(names);
  }

  /** Whether the storage answers now (the readiness probe). */
  async check(): Promise<boolean> {
    try {
      await this.call(() => this.inner.read([PROBE_KEY]));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Delete items idle past the TTL and wipes not yet confirmed. Another instance may have written an
   * item since this one last saw it, so each is read again and kept if it is still fresh.
   */
  async sweep(): Promise<void> {
    const now = this.now();
    const due = [...this.touched].filter(([, at]) => now - at > this.options.ttlMs).map(([name]) => name);
    try {
      for (let i = 0; i < due.length; i += STATE_LIMITS.sweepBatch) {
        const batch = due.slice(i, i + STATE_LIMITS.sweepBatch);
        const current = await this.call(() => this.inner.read(batch));
        const gone = batch.filter((name) => {
          const at = (current[name] as Stored | undefined)?.touchedAt;
          if (typeof at === 'number' && this.now() - at <= this.options.ttlMs) {
            this.touched.set(name, at);
            return false;
          }
          return true;
        });
        if (gone.length > 0) await this.call(() => this.inner.delete(gone));
        this.forget(gone);
      }
      const wiped = [...this.tombstones];
      for (let i = 0; i < wiped.length; i += STATE_LIMITS.sweepBatch) {
        const batch = wiped.slice(i, i + STATE_LIMITS.sweepBatch);
        await this.call(() => this.inner.delete(batch));
        this.forget(batch);
      }
    } catch {
      // Already logged by call(); the next sweep tries again.
    }
  }

  private forget(names: readonly string[]): void {
    for (const name of names) {
      this.touched.delete(name);
      this.tombstones.delete(name);
    }
  }

  private async call<T>(op: () => Promise<T>): Promise<T> {
    if (this.now() < this.unavailableUntil) {
      throw new ReachError(
        ERROR_CODES.STATE_UNAVAILABLE,
        'state storage failed moments ago; not trying again yet',
      );
    }
    try {
      return await withTimeout(op(), this.timeoutMs);
    } catch (error) {
      if (isConflict(error)) {
        throw new ReachError(ERROR_CODES.STATE_CONFLICT, 'state changed since it was read', { cause: error });
      }
      this.unavailableUntil = this.now() + this.cooldownMs;
      this.options.logger?.warn(
        {
          code: ERROR_CODES.STATE_UNAVAILABLE,
          err: error instanceof Error ? error.name : typeof error,
          status: (error as { statusCode?: unknown } | null)?.statusCode,
        },
        'state storage failed; turns go on without state',
      );
      throw isReachError(error)
        ? error
        : new ReachError(ERROR_CODES.STATE_UNAVAILABLE, 'state storage failed', { cause: error });
    }
  }
}
