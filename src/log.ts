import { createHmac, randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Structured JSON logs. They carry codes, outcome kinds, topics, locales, channels and timings; never
 * message text, names, user ids, phone numbers or IP addresses.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['text', 'from', 'recipient', 'conversation', 'req', 'res', 'ip'], remove: true },
    },
    destination,
  );
}

/** A key made at start-up: conversation hashes cannot be linked across restarts or reversed. */
const processKey = randomBytes(32);

/** An opaque, keyed hash of an id (a conversation id, a phone number) for logs and state keys. */
export function opaqueId(id: string, key: Buffer = processKey): string {
  return createHmac('sha256', key).update(id).digest('base64url').slice(0, 22);
}
