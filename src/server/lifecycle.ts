import type { Middleware, TurnContext } from 'botbuilder';
import type { Next, Request, Response, Server } from 'restify';
import { ERROR_CODES, ReachError } from '../errors';
import type { Logger } from '../log';

/** Time limits for turns and for shutting down. */
export const LIFECYCLE = Object.freeze({
  /** Channels retry a turn after 15 s; every turn ends before that, whatever a dependency does. */
  turnLimitMs: 15_000,
  /** After SIGTERM, keep accepting this long so a load balancer sees /readyz 503 and stops sending. */
  drainDelayMs: 2_000,
  /** Platforms kill a process 30 s after SIGTERM; stop waiting for turns a little before that. */
  drainLimitMs: 27_000,
});

export type LifecycleLimits = { readonly [K in keyof typeof LIFECYCLE]: number };

export interface LifecycleDeps {
  /** Whether the dependencies answer (conversation state storage). */
  readonly ready: () => Promise<boolean>;
  readonly logger: Logger;
  readonly limits?: Partial<LifecycleLimits>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Readiness, the per-turn time limit and graceful shutdown. `/healthz` says the process is alive;
 * `/readyz` says it should get traffic: 503 while storage is failing or once shutdown has begun.
 */
export class Lifecycle {
  private readonly limits: LifecycleLimits;
  private readonly inFlight = new Set<Response>();
  private draining = false;
  private stopping?: Promise<boolean>;
  private onIdle?: () => void;

  constructor(private readonly deps: LifecycleDeps) {
    this.limits = { ...LIFECYCLE, ...deps.limits };
  }

  /** Count requests in flight and serve GET /readyz. */
  attach(server: Server): void {
    server.pre((_req: Request, res: Response, next: Next) => {
      this.inFlight.add(res);
      // While draining, every response closes its connection so no keep-alive outlives the process.
      if (this.draining) res.setHeader('Connection', 'close');
      res.once('close', () => {
        this.inFlight.delete(res);
        if (this.inFlight.size === 0) this.onIdle?.();
      });
      next();
    });

    server.get('/readyz', async (_req: Request, res: Response) => {
      res.setHeader('Cache-Control', 'no-store');
      if (this.draining) {
        res.status(503);
        res.json({ status: 'draining' });
        return;
      }
      const storage = await this.deps.ready().catch(() => false);
      res.status(storage ? 200 : 503);
      res.json({ status: storage ? 'ready' : 'unready', storage: storage ? 'ok' : 'unavailable' });
    });
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Bot middleware that ends a turn at the limit: the adapter's error handler then sends the calm
   * message with the hotline, and the channel gets its answer before it would retry.
   */
  turnLimit(): Middleware {
    const limit = this.limits.turnLimitMs;
    return {
      onTurn: async (_context: TurnContext, next: () => Promise<void>) => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new ReachError(ERROR_CODES.TURN_TIMEOUT, `turn took over ${limit} ms`)),
            limit,
          );
        });
        try {
          await Promise.race([next(), late]);
        } finally {
          clearTimeout(timer);
        }
      },
    };
  }

  /**
   * Stop taking traffic and let turns in flight finish: /readyz turns 503 at once, new connections are
   * refused after the drain delay, and the promise resolves once nothing is in flight (true) or at the
   * drain limit (false). Safe to call more than once.
   */
  shutdown(server: Server): Promise<boolean> {
    this.stopping ??= this.drain(server);
    return this.stopping;
  }

  private async drain(server: Server): Promise<boolean> {
    const started = Date.now();
    this.draining = true;
    this.deps.logger.info(
      { event: 'shutdown', inFlight: this.inFlight.size },
      'shutting down: /readyz is 503',
    );
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    await sleep(this.limits.drainDelayMs);

    const http = server.server;
    if (http.listening) server.close();
    http.closeIdleConnections();
    const drained =
      this.inFlight.size === 0 ||
      (await Promise.race([
        new Promise<true>((resolve) => (this.onIdle = () => resolve(true))),
        sleep(Math.max(0, this.limits.drainLimitMs - (Date.now() - started))).then(() => false as const),
      ]));
    http.closeAllConnections();
    this.deps.logger.info(
      { event: 'shutdown', drained, inFlight: this.inFlight.size, ms: Date.now() - started },
      'stopped',
    );
    return drained;
  }
}
