import { randomId } from './tokens';

/** What the page needs to open a conversation, in either mode. */
export interface PageToken {
  readonly token: string;
  readonly conversationId: string;
  readonly userId: string;
  /** Seconds. */
  readonly expires_in: number;
  /** The Direct Line base URL the page's client (public/directline.js) talks to. */
  readonly domain: string;
}

/** How long to wait for Azure before telling the page the chat is unavailable. */
const EXCHANGE_TIMEOUT_MS = 10_000;

/**
 * Exchange the Direct Line secret for a token scoped to one new conversation. The secret stays on the
 * server. The token names a user id, so Direct Line adds the user when the conversation starts and the
 * bot's greeting arrives before the person types.
 */
export async function exchangeSecret(endpoint: string, secret: string): Promise<PageToken> {
  const base = `${endpoint.replace(/\/+$/, '')}/v3/directline`;
  const userId = randomId('dl_');
  const res = await fetch(`${base}/tokens/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user: { id: userId } }),
    signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`Direct Line answered ${res.status}`);
  const body = (await res.json()) as { token?: unknown; conversationId?: unknown; expires_in?: unknown };
  if (typeof body.token !== 'string' || typeof body.conversationId !== 'string') throw new Error('Direct Line sent no token');
  return {
    token: body.token,
    conversationId: body.conversationId,
    userId,
    expires_in: typeof body.expires_in === 'number' ? body.expires_in : 3600,
    domain: base,
  };
}
