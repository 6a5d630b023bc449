import type { Storage } from 'botbuilder';
import type { Server } from 'restify';
import { ReachBot } from './bot/reachBot';
import { serveManifest } from './channels/manifest';
import type { Config } from './config';
import { createI18n } from './i18n';
import { formatProblem } from './knowledge/problems';
import { KnowledgeStore } from './knowledge/store';
import { createLogger, type Logger } from './log';
import { createAdapter } from './server/adapter';
import { createBotAuthentication, type AuthEndpoints } from './server/auth';
import { createServer, MAX_BODY_BYTES } from './server';
import { registerDirectLine } from './server/directline';
import { registerWeb } from './server/web';
import { createMessageGuard } from './server/security';
import { Lifecycle } from './server/lifecycle';
import { TurnPacer } from './server/pace';
import { createConversationStore } from './state';

export interface App {
  readonly server: Server;
  readonly knowledge: KnowledgeStore;
  readonly logger: Logger;
  /** Graceful stop (SIGTERM): /readyz 503, turns in flight finish; false if they outran the limit. */
  shutdown(): Promise<boolean>;
  close(): Promise<void>;
}

export interface AppOptions {
  /** Token and key endpoints other than Azure's public cloud (tests serve them on loopback). */
  readonly authEndpoints?: AuthEndpoints;
  /** Storage under conversation state instead of the configured one (tests inspect what is kept). */
  readonly stateStorage?: Storage;
}

/** Wire the pieces together. Starts nothing: `main` (or a test) calls listen. */
export async function createApp(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
  options: AppOptions = {},
): Promise<App> {
  const knowledge = await KnowledgeStore.open(config.KNOWLEDGE_DIR, (status, problems) => {
    if (status.ok) logger.info({ event: 'knowledge.reload', ok: true }, 'knowledge reloaded');
    else {
      logger.error(
        { event: 'knowledge.reload', ok: false, problems: problems.filter((p) => p.severity === 'error').map(formatProblem) },
        'knowledge edit rejected; still serving the last good version',
      );
    }
  }, { modelCache: config.TOPIC_MODEL_CACHE });
  if (config.KNOWLEDGE_RELOAD === 'on') knowledge.watch();
  const i18n = createI18n();
  const state = createConversationStore(config, { logger, inner: options.stateStorage });
  const { conversationState, optOuts } = state;
  const bot = new ReachBot({ config, knowledge, conversationState, i18n, logger, optOuts });
  const botAuth = createBotAuthentication(config, options.authEndpoints);
  const adapter = createAdapter(config, { knowledge, i18n, logger, botAuth });
  const lifecycle = new Lifecycle({ ready: () => state.ready(), logger });
  adapter.use(lifecycle.turnLimit());
  const guard = createMessageGuard({ config, botAuth, logger, maxBodyBytes: MAX_BODY_BYTES });
  const pacer = new TurnPacer();
  const server = createServer({ adapter, bot, knowledge, logger, guard, pacer });
  lifecycle.attach(server);
  registerWeb(server, { config, knowledge });
  registerDirectLine(server, { config, adapter, bot, logger, pacer });
  serveManifest(server, config);
  return {
    server,
    knowledge,
    logger,
    shutdown: async () => {
      const drained = await lifecycle.shutdown(server);
      await knowledge.stop();
      state.close();
      return drained;
    },
    close: async () => {
      await knowledge.stop();
      state.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
