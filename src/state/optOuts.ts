import { MemoryStorage, type Storage } from 'botbuilder';
import type { Logger } from '../log';
import { optOutKeyHasher, type KeyHasher } from './keys';
import { GuardedStorage } from './storage';

export interface OptOutOptions {
  readonly hashKey: KeyHasher;
  readonly logger?: Logger;
  /** The clock (tests pass a fake one). */
  readonly now?: () => number;
}

/**
 * Who texted STOP/ALTO, kept until they text START, however long that is: a conversation's state is gone
 * after STATE_TTL_MINUTES idle, an opt-out is not. Each item is named by a keyed hash of the channel and
 * the sender id (a phone number on SMS) and holds nothing but the time it was written; START deletes it.
 * It lives in the same storage as conversation state (memory or blob), behind the same time limits.
 */
export class OptOutStore {
  private readonly storage: GuardedStorage;

  constructor(inner: Storage, options: OptOutOptions) {
    // Never idle-expired: an opt-out lasts until START.
    this.storage = new GuardedStorage(inner, { ...options, ttlMs: Number.POSITIVE_INFINITY });
  }

  /** Whether this sender opted out; null when the storage could not say (the turn decides without it). */
  async isStopped(channelId: string, senderId: string): Promise<boolean | null> {
    const key = keyOf(channelId, senderId);
    try {
      const found = await this.storage.read([key]);
      return (found[key] as { optOut?: unknown } | undefined)?.optOut === true;
    } catch {
      return null;
    }
  }

  /** Keep the opt-out. Throws when storage fails, so the caller knows it was not kept. */
  async stop(channelId: string, senderId: string): Promise<void> {
    // eTag "*": whatever is there is replaced; two STOPs at once both mean the same.
    await this.storage.write({ [keyOf(channelId, senderId)]: { optOut: true, eTag: '*' } });
  }

  /** Forget the opt-out (START). */
  async resume(channelId: string, senderId: string): Promise<void> {
    await this.storage.delete([keyOf(channelId, senderId)]);
  }
}

function keyOf(channelId: string, senderId: string): string {
  return `${channelId.toLowerCase()}/${senderId}`;
}

/** An opt-out store in this process's memory, with a random key (tests, and bots built without one). */
export function memoryOptOuts(): OptOutStore {
  return new OptOutStore(new MemoryStorage(), { hashKey: optOutKeyHasher(undefined) });
}
