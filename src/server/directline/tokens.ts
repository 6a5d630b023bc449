import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a token lets its holder do: talk in one conversation, as one user, until it expires. */
export interface Grant {
  readonly conversationId: string;
  readonly userId: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

export interface IssuedToken {
  readonly token: string;
  /** Seconds, as Direct Line reports `expires_in`. */
  readonly expiresIn: number;
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/**
 * Short-lived bearer tokens scoped to one conversation: the grant, signed with a key made at start-up.
 * Nothing is stored per token, so a page can refresh as often as Direct Line clients do; a restart
 * invalidates every token, which is right because the conversations it names are gone too.
 */
export class TokenIssuer {
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly key: Buffer = randomBytes(32),
  ) {}

  issue(conversationId: string, userId: string): IssuedToken {
    const grant: Grant = { conversationId, userId, expiresAt: this.now() + this.ttlMs };
    const payload = Buffer.from(JSON.stringify([grant.conversationId, grant.userId, grant.expiresAt])).toString('base64url');
    return { token: `${payload}.${sign(this.key, payload)}`, expiresIn: Math.floor(this.ttlMs / 1000) };
  }

  /** The grant behind a token, or null when it is forged, malformed or expired. */
  verify(token: string): Grant | null {
    const dot = token.indexOf('.');
    if (dot <= 0 || token.length > 512) return null;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(sign(this.key, payload));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let fields: unknown;
    try {
      fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!Array.isArray(fields) || fields.length !== 3) return null;
    const [conversationId, userId, expiresAt] = fields as unknown[];
    if (typeof conversationId !== 'string' || typeof userId !== 'string' || typeof expiresAt !== 'number') return null;
    if (expiresAt <= this.now()) return null;
    return { conversationId, userId, expiresAt };
  }
}

/** The token from an `Authorization: Bearer …` header, if there is one. */
export function bearer(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)$/i.exec(value ?? '');
  return match?.[1] ?? null;
}

/** An unguessable id for a conversation or a user. */
export function randomId(prefix = ''): string {
  return `${prefix}${randomBytes(16).toString('base64url')}`;
}
