import { ConversationState, MemoryStorage } from 'botbuilder';
import type { Server } from 'restify';
import { ReachBot } from './bot/reachBot';
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

export interface App {
  readonly server: Server;
  readonly knowledge: KnowledgeStore;
  readonly logger: Logger;
  close(): Promise<void>;
}

export interface AppOptions {
  /** Token and key endpoints other than Azure's public cloud (tests serve them on loopback). */
  readonly authEndpoints?: AuthEndpoints;
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
  });
  if (config.KNOWLEDGE_RELOAD === 'on') knowledge.watch();
  const i18n = createI18n();
  const conversationState = new ConversationState(new MemoryStorage());
  const bot = new ReachBot({ config, knowledge, conversationState, i18n, logger });
  const botAuth = createBotAuthentication(config, options.authEndpoints);
  const adapter = createAdapter(config, { knowledge, i18n, logger, botAuth });
  const guard = createMessageGuard({ config, botAuth, logger, maxBodyBytes: MAX_BODY_BYTES });
  const server = createServer({ adapter, bot, knowledge, logger, guard });
  registerWeb(server, { config, knowledge });
  registerDirectLine(server, { config, adapter, bot, logger });
  return {
    server,
    knowledge,
    logger,
    close: async () => {
      knowledge.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
