import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { MAX_TEXT } from '../../bot/reachBot';
import { isLocalMode, type Config } from '../../config';
import { ERROR_CODES } from '../../errors';
import { opaqueId, type Logger } from '../../log';
import { RateLimiter } from '../limits';
import { TurnPacer } from '../pace';
import { clientAddress } from '../security';
import { exchangeSecret, type PageToken } from './azure';
import { jsonBody } from './body';
import { runTurn, typing } from './bridge';
import { ConversationStore, DIRECT_LINE, type DirectLineConversation } from './conversations';
import { attachStreams, streamUrl } from './stream';
import { bearer, randomId, TokenIssuer, type Grant } from './tokens';

/** Where the built-in Direct Line lives: the same paths as Azure's, so any Direct Line client works. */
export const BUILTIN_DOMAIN = '/v3/directline';
/** The channel id turns from the built-in Direct Line carry (the one Azure gives its Web Chat). */
export const CHANNEL_ID = 'webchat';
const BOT = Object.freeze({ id: 'reach', name: 'Reach', role: 'bot' });

/**
 * Which Direct Line the page talks to: Azure's when a secret is set; the built-in one in local mode (no
 * app id, so nothing to authenticate); none otherwise, because the built-in one would have to skip the
 * authentication an app id turns on.
 */
export type DirectLineMode = 'azure' | 'builtin' | 'off';

export function directLineMode(config: Config): DirectLineMode {
  if (config.DIRECTLINE_SECRET) return 'azure';
  return isLocalMode(config) ? 'builtin' : 'off';
}

export interface DirectLineDeps {
  readonly config: Config;
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandler;
  readonly logger: Logger;
  /** Spaces the starts of turns, shared with the bot endpoint (pace.ts); a new one when not given. */
  readonly pacer?: TurnPacer;
}

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
const ACCEPTED_TYPES = new Set(['message', 'event', 'typing']);

function send(res: Response, status: number, body: unknown): void {
  res.header('Cache-Control', 'no-store');
  res.status(status);
  res.json(body);
}

function shortString(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

/** The JSON value of a tapped suggestion, if small; anything else is dropped before the bot sees it. */
function smallValue(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.stringify(value).length <= 1024 ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The activity the bot receives, built field by field from what the page sent: the conversation and the
 * user come from the token, never from the body.
 */
function inbound(body: Record<string, unknown>, grant: Grant): Partial<Activity> {
  const channelData = body.channelData as Record<string, unknown> | undefined;
  return {
    type: body.type as string,
    timestamp: new Date(),
    channelId: CHANNEL_ID,
    from: { id: grant.userId, name: '', role: 'user' },
    recipient: { ...BOT },
    conversation: { id: grant.conversationId, isGroup: false, conversationType: 'personal', name: '' },
    text: typeof body.text === 'string' ? body.text.slice(0, MAX_TEXT) : undefined,
    textFormat: 'plain',
    locale: typeof body.locale === 'string' && LOCALE.test(body.locale) ? body.locale : undefined,
    name: shortString(body.name, 100),
    value: smallValue(body.value),
    // Web Chat and other Direct Line clients match their own message to the echo by these two (the page's
    // client sends neither); nothing else from the page is kept.
    channelData:
      channelData && typeof channelData === 'object'
        ? { clientActivityID: shortString(channelData.clientActivityID, 100), clientTimestamp: shortString(channelData.clientTimestamp, 64) }
        : undefined,
  };
}

/** A reply as the page receives it: from the bot, stamped, without the adapter's delivery fields. */
function outbound(reply: Partial<Activity>, conversationId: string, replyToId: string): Partial<Activity> {
  const rest: Partial<Activity> = { ...reply };
  delete rest.serviceUrl;
  delete rest.deliveryMode;
  return {
    ...rest,
    timestamp: new Date(),
    channelId: CHANNEL_ID,
    from: { ...BOT },
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    replyToId: reply.replyToId ?? replyToId,
  };
}

/**
 * The website chat's Direct Line routes. `POST /api/directline/token` always exists: it hands the page a
 * token for one new conversation (from Azure, or from the built-in Direct Line). The built-in Direct
 * Line 3.0 subset (start or resume, stream, post, poll by watermark, refresh) exists only in `builtin` mode.
 */
export function registerDirectLine(server: Server, deps: DirectLineDeps): void {
  const mode = directLineMode(deps.config);
  const pacer = deps.pacer ?? new TurnPacer();
  const tokens = new TokenIssuer(DIRECT_LINE.tokenTtlMs);
  const store = new ConversationStore();
  server.server.once('close', () => store.close());
  // Every page load takes a token, so tokens are limited per client address (hashed, as the bot endpoint
  // does); posts are limited per conversation. Reading activities (the stream, or polls) is not limited.
  const clients = new RateLimiter(deps.config.RATE_LIMIT_CLIENT_PER_MINUTE);
  const posts = new RateLimiter(deps.config.RATE_LIMIT_CONVERSATION_PER_MINUTE);
  // Addresses are hashed before they are used as keys, as the bot endpoint does.
  const clientOf = (req: Request): string => opaqueId(`client:${clientAddress(req, deps.config.TRUST_PROXY)}`);
  /** The JSON body, or undefined once the request has been refused (415, 413, 400). */
  const readJson = async (req: Request, res: Response): Promise<Record<string, unknown> | undefined> => {
    const body = await jsonBody(req);
    if (body.ok) return body.value;
    if (body.status === 413) res.header('Connection', 'close');
    send(res, body.status, { error: { code: body.status === 400 ? 'BadArgument' : body.status === 413 ? 'MessageSizeExceeded' : 'UnsupportedMediaType' } });
    return undefined;
  };
  const limited = (res: Response, decision: ReturnType<RateLimiter['take']>): boolean => {
    if (decision.allowed) return false;
    res.header('Retry-After', String(decision.retryAfterSeconds));
    send(res, 429, { error: { code: 'TooManyRequests' } });
    return true;
  };

  server.post('/api/directline/token', async (req: Request, res: Response) => {
    if (mode === 'off') return send(res, 503, { error: 'unavailable' });
    if (limited(res, clients.take(clientOf(req)))) return;
    // The page sends an empty JSON object; anything else is read (and refused) by the same rules.
    if (!(await readJson(req, res))) return;
    if (mode === 'azure') {
      try {
        const token = await exchangeSecret(deps.config.DIRECTLINE_ENDPOINT, deps.config.DIRECTLINE_SECRET ?? '');
        return send(res, 200, token);
      } catch (error) {
        deps.logger.error(
          { code: ERROR_CODES.DIRECTLINE_EXCHANGE_FAILED, err: error instanceof Error ? error.name : typeof error },
          'Direct Line token exchange failed',
        );
        return send(res, 502, { error: 'unavailable' });
      }
    }
    const conversationId = randomId();
    // Not "dl_": Web Chat keeps that prefix for ids signed into an Azure token.
    const userId = randomId('u_');
    const { token, expiresIn } = tokens.issue(conversationId, userId);
    const body: PageToken = { token, conversationId, userId, expires_in: expiresIn, domain: BUILTIN_DOMAIN };
    return send(res, 200, body);
  });

  if (mode !== 'builtin') return;

  // Activities reach the page over a WebSocket the moment they are queued (Azure's streamUrl).
  const streams = attachStreams(server.server, BUILTIN_DOMAIN, {
    open: (id, token) => (tokens.verify(token)?.conversationId === id ? store.get(id) : undefined),
    alive: (id) => store.get(id) !== undefined,
  });

  /** The grant behind the request's token, if valid and (with an id in the path) for that conversation. */
  const authorize = (req: Request, res: Response): Grant | null => {
    const grant = tokens.verify(bearer(req.headers.authorization) ?? '');
    const pathId = (req.params as Record<string, string | undefined>).id;
    if (!grant || (pathId !== undefined && pathId !== grant.conversationId)) {
      send(res, 403, { error: { code: 'TokenInvalid' } });
      return null;
    }
    return grant;
  };

  /**
   * Echo the person's activity to the page with the bot's typing indicator, run the bot's turn, queue its
   * replies; the echo's id. Each step goes down the page's stream as soon as it is queued.
   */
  const turn = async (conversation: DirectLineConversation, activity: Partial<Activity>): Promise<string> => {
    if (activity.type === 'message') conversation.spoken = true;
    const echo = conversation.push(activity);
    if (activity.type === 'message') conversation.push(outbound(typing(), conversation.id, echo.id));
    streams.flush(conversation);
    await pacer.next();
    const replies = await runTurn(deps.adapter, deps.bot, echo);
    for (const reply of replies) conversation.push(outbound(reply, conversation.id, echo.id));
    streams.flush(conversation);
    return echo.id;
  };

  const failed = (res: Response, error: unknown): void => {
    deps.logger.error(
      { code: ERROR_CODES.DIRECTLINE_TURN_FAILED, err: error instanceof Error ? error.name : typeof error },
      'Direct Line turn failed',
    );
    send(res, 500, { error: { code: 'ServiceError' } });
  };

  // Start the conversation named by the token. The person joins now, so the bot greets them before they
  // type, in the language the page asked for.
  server.post(`${BUILTIN_DOMAIN}/conversations`, async (req: Request, res: Response) => {
    const grant = authorize(req, res);
    if (!grant) return;
    if (limited(res, posts.take(opaqueId(grant.conversationId)))) return;
    const body = await readJson(req, res);
    if (!body) return;
    const conversation = store.get(grant.conversationId) ?? store.create(grant.conversationId, grant.userId, clientOf(req));
    if (conversation === 'client-full') return send(res, 429, { error: { code: 'TooManyRequests' } });
    if (conversation === 'full') return send(res, 503, { error: { code: 'ServiceUnavailable' } });
    const token = bearer(req.headers.authorization) ?? '';
    const reply = {
      conversationId: grant.conversationId,
      token,
      expires_in: Math.floor((grant.expiresAt - Date.now()) / 1000),
      streamUrl: streamUrl(req, BUILTIN_DOMAIN, grant.conversationId, token),
    };
    if (conversation.started) return send(res, 200, reply);
    conversation.started = true;
    const locale = typeof body.locale === 'string' && LOCALE.test(body.locale) ? body.locale : undefined;
    const join: Partial<Activity> = {
      ...inbound({ type: 'conversationUpdate' }, grant),
      membersAdded: [{ ...BOT }, { id: grant.userId, name: '', role: 'user' }],
      locale,
    };
    try {
      // The join is the bot's business, not the page's: it is not echoed.
      await conversation.enqueue(async () => {
        const replies = await runTurn(deps.adapter, deps.bot, { ...join, id: randomId() });
        for (const r of replies) conversation.push(outbound(r, conversation.id, ''));
        streams.flush(conversation);
      });
    } catch (error) {
      return failed(res, error);
    }
    return send(res, 201, reply);
  });

  // Reconnect: the conversation is still there (Direct Line clients call this before resuming).
  server.get(`${BUILTIN_DOMAIN}/conversations/:id`, async (req: Request, res: Response) => {
    const grant = authorize(req, res);
    if (!grant) return;
    if (!store.get(grant.conversationId)) return send(res, 404, { error: { code: 'BadArgument' } });
    const token = bearer(req.headers.authorization) ?? '';
    send(res, 200, { conversationId: grant.conversationId, token, streamUrl: streamUrl(req, BUILTIN_DOMAIN, grant.conversationId, token) });
  });

  server.post(`${BUILTIN_DOMAIN}/conversations/:id/activities`, async (req: Request, res: Response) => {
    const grant = authorize(req, res);
    if (!grant) return;
    if (limited(res, posts.take(opaqueId(grant.conversationId)))) return;
    const conversation = store.get(grant.conversationId);
    if (!conversation) return send(res, 404, { error: { code: 'BadArgument' } });
    const body = await readJson(req, res);
    if (!body) return;
    if (typeof body.type !== 'string' || !ACCEPTED_TYPES.has(body.type)) {
      return send(res, 400, { error: { code: 'BadArgument' } });
    }
    // Typing indicators from the page are acknowledged and dropped: the bot does nothing with them.
    if (body.type === 'typing') return send(res, 200, { id: randomId() });
    const activity = inbound(body, grant);
    let id = '';
    const queued = conversation.enqueue(async () => {
      id = await turn(conversation, activity);
    });
    if (!queued) return send(res, 429, { error: { code: 'TooManyRequests' } });
    try {
      await queued;
    } catch (error) {
      return failed(res, error);
    }
    return send(res, 200, { id });
  });

  server.get(`${BUILTIN_DOMAIN}/conversations/:id/activities`, async (req: Request, res: Response) => {
    const grant = authorize(req, res);
    if (!grant) return;
    const conversation = store.get(grant.conversationId);
    if (!conversation) return send(res, 404, { error: { code: 'BadArgument' } });
    const raw = new URL(req.url ?? '/', 'http://local').searchParams.get('watermark') ?? '';
    const watermark = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
    send(res, 200, conversation.fetch(watermark));
  });

  server.post(`${BUILTIN_DOMAIN}/tokens/refresh`, async (req: Request, res: Response) => {
    const grant = authorize(req, res);
    if (!grant) return;
    if (!(await readJson(req, res))) return;
    const { token, expiresIn } = tokens.issue(grant.conversationId, grant.userId);
    send(res, 200, { conversationId: grant.conversationId, token, expires_in: expiresIn });
  });
}
