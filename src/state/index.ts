import { MemoryStorage, type ConversationState, type Storage } from 'botbuilder';
import type { Config } from '../config';
import { ERROR_CODES, ReachError } from '../errors';
import type { Logger } from '../log';
import { BlobStateStorage } from './blob';
import { SharedConversationState } from './conversationState';
import { optOutKeyHasher, stateKeyHasher } from './keys';
import { OptOutStore } from './optOuts';
import { GuardedStorage, STATE_LIMITS } from './storage';

export { StatefulTurns, TURN_STATE, type TurnOutcome, type StepResult } from './turn';
export { GuardedStorage, STATE_LIMITS } from './storage';
export { OptOutStore, memoryOptOuts } from './optOuts';

/** Conversation state for the bot, and what readiness and shutdown need from it. */
export interface ConversationStore {
  readonly conversationState: ConversationState;
  readonly storage: GuardedStorage;
  /** Who texted STOP/ALTO, until START: in the same storage, never idle-expired. */
  readonly optOuts: OptOutStore;
  /** True when the storage answers (always, in memory). */
  ready(): Promise<boolean>;
  close(): void;
}

export interface StoreDeps {
  readonly logger: Logger;
  /** The clock for idle expiry (tests pass a fake one). */
  readonly now?: () => number;
  /** Storage to guard instead of the configured one (tests). */
  readonly inner?: Storage;
}

function configuredStorage(config: Config): Storage {
  if (config.STORAGE === 'memory') return new MemoryStorage();
  if (!config.BLOB_CONNECTION_STRING) {
    throw new ReachError(
      ERROR_CODES.CONFIG_INVALID,
      'Invalid configuration: BLOB_CONNECTION_STRING: required when STORAGE=blob',
    );
  }
  return new BlobStateStorage(config.BLOB_CONNECTION_STRING, config.BLOB_CONTAINER);
}

/** Why this kind of state is acceptable here, said once at start-up. */
function why(config: Config): string {
  if (config.STORAGE === 'blob') return 'conversation state in Azure Blob Storage, shared by every instance';
  return config.INSTANCES > 1
    ? 'conversation state in memory with INSTANCES>1: each instance remembers only its own turns (not in production)'
    : 'conversation state in memory: one instance; conversations start over after a restart';
}

/** Build conversation state from the configuration. Starts only the (unreferenced) expiry sweep. */
export function createConversationStore(config: Config, deps: StoreDeps): ConversationStore {
  const inner = deps.inner ?? configuredStorage(config);
  const storage = new GuardedStorage(inner, {
    hashKey: stateKeyHasher(config.STATE_SECRET),
    ttlMs: config.STATE_TTL_MINUTES * 60_000,
    now: deps.now,
    logger: deps.logger,
  });
  const sweeper = setInterval(() => void storage.sweep(), STATE_LIMITS.sweepEveryMs);
  sweeper.unref();
  deps.logger.info(
    {
      event: 'state',
      storage: config.STORAGE,
      instances: config.INSTANCES,
      ttlMinutes: config.STATE_TTL_MINUTES,
    },
    why(config),
  );
  return {
    conversationState: new SharedConversationState(storage),
    storage,
    optOuts: new OptOutStore(inner, { hashKey: optOutKeyHasher(config.STATE_SECRET), now: deps.now, logger: deps.logger }),
    ready: () => storage.check(),
    close: () => clearInterval(sweeper),
  };
}
