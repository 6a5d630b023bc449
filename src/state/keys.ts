import { createHmac, randomBytes } from 'node:crypto';

/** Turns a storage key (channel and conversation id) into an opaque name that cannot be reversed. */
export type KeyHasher = (key: string) => string;

// Derived, not used directly: the same STATE_SECRET may key other hashes (logs), and a state key must
// not be linkable to a log line by equality.
const PURPOSE = 'reach/conversation-state/v1';

/**
 * An HMAC-SHA256 keyed hash for state keys. Every instance that shares state must use the same secret;
 * without one (a single process with memory state) a random key is made, so names die with the process.
 */
export function stateKeyHasher(secret: string | undefined): KeyHasher {
  return keyedHasher(secret, PURPOSE, 'conv-');
}

/**
 * The keyed hash that names an opt-out (channel and sender id, e.g. a phone number). Its own purpose, so
 * an opt-out's name is not the name of any conversation's state, and the number is never stored.
 */
export function optOutKeyHasher(secret: string | undefined): KeyHasher {
  return keyedHasher(secret, 'reach/opt-out/v1', 'optout-');
}

function keyedHasher(secret: string | undefined, purpose: string, prefix: string): KeyHasher {
  const key = createHmac('sha256', secret ?? randomBytes(32))
    .update(purpose)
    .digest();
  return (id) => `${prefix}${createHmac('sha256', key).update(id).digest('base64url')}`;
}
