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
  const key = createHmac('sha256', secret ?? randomBytes(32))
    .update(PURPOSE)
    .digest();
  return (id) => `conv-${createHmac('sha256', key).update(id).digest('base64url')}`;
}
