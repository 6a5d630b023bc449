import type { ActivityHandler } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import { ERROR_CODES } from '../errors';
import type { KnowledgeStore } from '../knowledge/store';
import type { Logger } from '../log';
import type { ReachAdapter } from './adapter';
import { TurnPacer } from './pace';
import { hideErrorDetails, refuseUnsafeBodies, type MessageGuard } from './security';

/** Largest request body accepted on the bot endpoint. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ServerDeps {
  readonly adapter: ReachAdapter;
  readonly bot: ActivityHandler;
  readonly knowledge: KnowledgeStore;
  readonly logger: Logger;
  /** Limits, validation and authentication for the bot endpoint (security.ts). */
  readonly guard: MessageGuard;
  /** Spaces the starts of turns, shared with the website chat (pace.ts); a new one when not given. */
  readonly pacer?: TurnPacer;
}

/** The HTTP server: the Bot Framework endpoint and health. No route leaks versions or stack traces. */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'reach', handleUncaughtExceptions: false });
  const pacer = deps.pacer ?? new TurnPacer();
  hideErrorDetails(server);
  // No server-wide body parser: every route that takes a body reads it itself, JSON only and within its
  // own limit (the guard for /api/messages, directline/body.ts for the web chat). A general parser would
  // read first, with a larger limit, form encoding and no depth limit.
  server.pre((_req: Request, res: Response, next: restify.Next) => {
    res.removeHeader('server');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  server.pre(refuseUnsafeBodies);

  server.post('/api/messages', async (req: Request, res: Response) => {
    const admitted = await deps.guard.admit(req, res);
    if (!admitted) return;
    try {
      await pacer.next();
      const response = await deps.adapter.processAdmitted(admitted.auth, admitted.activity, (context) => deps.bot.run(context));
      res.status(200);
      if (response?.body) res.json(response.body);
      else res.end();
    } catch (error) {
      deps.logger.error({ code: ERROR_CODES.HTTP_FAILED, err: error instanceof Error ? error.name : typeof error }, 'request failed');
      if (!res.headersSent) {
        res.status(500);
        res.json({ error: 'internal' });
      }
    }
  });

  server.get('/healthz', (_req: Request, res: Response, next: restify.Next) => {
    const { base } = deps.knowledge.current();
    const reload = deps.knowledge.lastReload();
    res.json({
      status: 'ok',
      knowledge: {
        entries: base.entries.length,
        version: base.version,
        /** How edits are followed: the system's notices, polling, or off (KNOWLEDGE_RELOAD=off). */
        following: deps.knowledge.following,
        lastReload: reload ?? undefined,
      },
    });
    return next();
  });
  return server;
}
