import type { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { isIP } from 'node:net';
import type { Next, Request, Response, Server } from 'restify';
import { z } from 'zod';
import { isLocalMode, type Config } from '../config';
import { ERROR_CODES, type ErrorCode } from '../errors';
import { opaqueId, type Logger } from '../log';
import { authenticateActivity, type AuthenticatedRequest } from './auth';
import { RateLimiter, RecentIds, type Clock } from './limits';

/** Deepest JSON nesting accepted. Real activities (Teams channel data, adaptive cards) stay far below it. */
export const MAX_JSON_DEPTH = 64;
/** Most attachments, entities or members one activity may carry. */
export const MAX_ITEMS = 50;

/**
 * Activity types that reach the bot. Anything else (typing, invoke, installation updates, inventions) is
 * acknowledged with 200 and no reply: the bot has nothing to say to it.
 */
export const HANDLED_ACTIVITY_TYPES: ReadonlySet<string> = new Set(['message', 'conversationUpdate', 'event', 'endOfConversation']);

type Refusal = 400 | 401 | 403 | 413 | 415 | 429;

const REFUSALS: Readonly<Record<Refusal, { readonly error: string; readonly code: ErrorCode }>> = {
  400: { error: 'bad_request', code: ERROR_CODES.HTTP_BAD_REQUEST },
  401: { error: 'unauthorized', code: ERROR_CODES.HTTP_UNAUTHORIZED },
  403: { error: 'forbidden', code: ERROR_CODES.HTTP_FORBIDDEN },
  413: { error: 'too_large', code: ERROR_CODES.HTTP_TOO_LARGE },
  415: { error: 'unsupported_media_type', code: ERROR_CODES.HTTP_UNSUPPORTED_MEDIA },
  429: { error: 'rate_limited', code: ERROR_CODES.HTTP_RATE_LIMITED },
};

/** JSON, uncompressed, with a declared length (if any) within the limit. Checked before reading a byte. */
export function checkHeaders(headers: Request['headers'], maxBytes: number): Refusal | undefined {
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return 415;
  const [type = '', ...params] = (headers['content-type'] ?? '').toLowerCase().split(';').map((s) => s.trim());
  if (type !== 'application/json') return 415;
  if (params.some((p) => p.startsWith('charset=') && p !== 'charset=utf-8')) return 415;
  const length = headers['content-length'];
  if (length !== undefined && Number(length) > maxBytes) return 413;
  return undefined;
}

/**
 * The address a request came from. With no trusted proxy (`hops` 0) it is the socket's, and the
 * X-Forwarded-For header, which anyone can write, is ignored. Behind `hops` proxies that each append the
 * address they saw, it is read that many entries from the end of the header: entries further left were
 * written by the client and are never believed. An entry that is not an address falls back to the socket.
 */
export function clientAddress(req: Request, hops: number): string {
  const socket = req.socket.remoteAddress ?? '';
  if (hops <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return socket;
  const seen = withoutPort(chain[Math.max(0, chain.length - hops)]!);
  return isIP(seen) ? seen : socket;
}

/** Some load balancers write the address with the client's port: `203.0.113.7:51234`, `[2001:db8::1]:443`. */
function withoutPort(entry: string): string {
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(entry);
  if (v4) return v4[1]!;
  const v6 = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/i.exec(entry);
  return v6 ? v6[1]! : entry;
}

/** Read at most `maxBytes` of the body; stop collecting (and say so) the moment it grows past that. */
export function readBody(req: Request, maxBytes: number): Promise<Buffer | 'too_large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: Buffer | 'too_large' | 'aborted') => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        req.resume(); // drain and discard whatever else the client sends
        settle('too_large');
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle(Buffer.concat(chunks)));
    req.once('error', () => settle('aborted'));
    req.once('aborted', () => settle('aborted'));
  });
}

/** Keys that could reach an object's prototype if a library ever merged the body by assignment. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON.parse without prototype keys and without nesting deep enough to exhaust a recursive reader later. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => (PROTOTYPE_KEYS.has(key) ? undefined : v));
  } catch {
    return { ok: false }; // includes a RangeError from nesting too deep for the reviver
  }
  return withinDepth(value, MAX_JSON_DEPTH) ? { ok: true, value } : { ok: false };
}

function withinDepth(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return false;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return true;
}

const account = z.looseObject({ id: z.string().min(1).max(256), name: z.string().max(256).nullish() });
const httpUrl = z
  .string()
  .max(2048)
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol));
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_ITEMS).nullish();

/** The fields Reach and botbuilder read, checked for type and size; other fields pass through unread. */
const activitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(256).nullish(),
  channelId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  serviceUrl: httpUrl,
  conversation: z.looseObject({ id: z.string().min(1).max(512) }),
  from: account,
  recipient: account.nullish(),
  text: z.string().nullish(),
  locale: z.string().max(35).nullish(),
  deliveryMode: z.string().max(32).nullish(),
  replyToId: z.string().max(256).nullish(),
  attachments: list(z.unknown()),
  entities: list(z.unknown()),
  membersAdded: list(account),
  membersRemoved: list(account),
  timestamp: z.string().max(64).nullish(),
  localTimestamp: z.string().max(64).nullish(),
});

/** The body as an activity, or nothing. Timestamps become dates, as botbuilder's own reader does. */
export function toActivity(body: unknown): Activity | undefined {
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const activity = parsed.data as unknown as Activity & { rawTimestamp?: string; rawLocalTimestamp?: string };
  if (typeof parsed.data.timestamp === 'string') {
    activity.rawTimestamp = parsed.data.timestamp;
    activity.timestamp = new Date(parsed.data.timestamp);
  }
  if (typeof parsed.data.localTimestamp === 'string') {
    activity.rawLocalTimestamp = parsed.data.localTimestamp;
    activity.localTimestamp = new Date(parsed.data.localTimestamp);
  }
  return activity;
}

/**
 * Every restify error (404, 405, a parser's complaint) answers with a bare code: the default body echoes
 * the path or the parser's message, which can carry what the client sent.
 */
export function hideErrorDetails(server: Server): void {
  server.on('restifyError', (_req: Request, _res: Response, err: Error & { toJSON?: () => unknown }, callback: () => void) => {
    const name = err.name.replace(/Error$/, '');
    err.toJSON = () => ({ error: name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase() });
    callback();
  });
}

/**
 * No route takes a compressed or a multipart body. restify's parser inflates gzip and counts its limit on
 * the compressed bytes, so a few KB could inflate to gigabytes; and it hands multipart bodies to
 * formidable, which writes each file (up to 200 MB, past the body limit) to the temp folder and never
 * deletes it. Reach has no use for either.
 */
export function refuseUnsafeBodies(req: Request, res: Response, next: Next): void {
  const encoding = req.headers['content-encoding'];
  const type = (req.headers['content-type'] ?? '').trim().toLowerCase();
  if ((encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') || type.startsWith('multipart/')) {
    res.status(415);
    res.json({ error: REFUSALS[415].error });
    return next(false);
  }
  return next();
}

export interface Admitted {
  readonly activity: Activity;
  readonly auth: AuthenticatedRequest;
}

export interface MessageGuard {
  /**
   * Check one POST to the bot endpoint. When the request is refused, or needs no turn (an unknown type,
   * a repeated id), the guard answers it and returns undefined; otherwise it returns what to process.
   */
  admit(req: Request, res: Response): Promise<Admitted | undefined>;
  /** How many keys the limits track now (bounded whatever arrives). */
  tracked(): { readonly clients: number; readonly conversations: number; readonly ids: number };
}

export interface GuardDeps {
  readonly config: Config;
  readonly botAuth: ConfigurationBotFrameworkAuthentication;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  readonly now?: Clock;
}

export function createMessageGuard(deps: GuardDeps): MessageGuard {
  const { config, botAuth, logger, maxBodyBytes } = deps;
  const clients = new RateLimiter(config.RATE_LIMIT_CLIENT_PER_MINUTE, deps.now);
  const conversations = new RateLimiter(config.RATE_LIMIT_CONVERSATION_PER_MINUTE, deps.now);
  const recent = new RecentIds(undefined, deps.now);

  const refuse = (res: Response, status: Refusal, retryAfterSeconds?: number): undefined => {
    const { error, code } = REFUSALS[status];
    logger.debug({ code, status }, 'request refused');
    if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
    if (status === 413) res.setHeader('Connection', 'close');
    res.status(status);
    res.json({ error });
    return undefined;
  };

  return {
    tracked: () => ({ clients: clients.size, conversations: conversations.size, ids: recent.size }),

    async admit(req, res) {
      // Addresses are hashed before they are used as keys: not even memory holds them as sent.
      const client = opaqueId(`client:${clientAddress(req, config.TRUST_PROXY)}`);
      const byClient = clients.take(client);
      if (!byClient.allowed) return refuse(res, 429, byClient.retryAfterSeconds);

      const headerRefusal = checkHeaders(req.headers, maxBodyBytes);
      if (headerRefusal) return refuse(res, headerRefusal);
      const body = await readBody(req, maxBodyBytes);
      if (body === 'aborted') return undefined;
      if (body === 'too_large') return refuse(res, 413);
      const json = parseJson(body.toString('utf8'));
      const activity = json.ok ? toActivity(json.value) : undefined;
      if (!activity) return refuse(res, 400);

      const authorization = req.headers.authorization ?? '';
      const outcome = await authenticateActivity(config, botAuth, activity, authorization);
      if (!outcome.ok) return refuse(res, outcome.status);
      // A channel with a valid token is not "a client" to throttle: behind Azure Bot Service every user
      // arrives from the same few addresses. Such traffic is limited per conversation instead.
      if (!isLocalMode(config)) clients.refund(client);

      const conversationKey = opaqueId(`conv:${activity.channelId}\u0000${activity.conversation.id}`);
      const byConversation = conversations.take(conversationKey);
      if (!byConversation.allowed) return refuse(res, 429, byConversation.retryAfterSeconds);

      const expectsReplies = activity.deliveryMode === 'expectReplies';
      const nothingToDo = () => {
        res.status(200);
        if (expectsReplies) res.json({ activities: [] });
        else res.end();
        return undefined;
      };
      if (!HANDLED_ACTIVITY_TYPES.has(activity.type)) return nothingToDo();
      if (activity.id && !recent.firstTime(opaqueId(`id:${conversationKey}\u0000${activity.id}`))) return nothingToDo();
      return { activity, auth: outcome.auth };
    },
  };
}
