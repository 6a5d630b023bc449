import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import type { KnowledgeStore } from '../knowledge/store';
import type { Logger } from '../log';

/** Largest request body accepted on the bot endpoint. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ServerDeps {
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandler;
  readonly knowledge: KnowledgeStore;
  readonly logger: Logger;
}

function isActivityLike(body: unknown): boolean {
  return (
    !!body &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    typeof (body as { type?: unknown }).type === 'string'
  );
}

/** The HTTP server: the Bot Framework endpoint and health. No route leaks versions or stack traces. */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'reach', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));
  server.pre((_req: Request, res: Response, next: restify.Next) => {
    res.removeHeader('server');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!isActivityLike(req.body)) {
      res.status(400);
      res.json({ error: 'bad_request' });
      return;
    }
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    } catch (error) {
      deps.logger.error({ code: 'REACH_HTTP_FAILED', err: error instanceof Error ? error.name : typeof error }, 'request failed');
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
        lastReload: reload ?? undefined,
      },
    });
    return next();
  });
  return server;
}
