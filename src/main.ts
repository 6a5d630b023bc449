import { createApp } from './app';
import { loadConfig } from './config';
import { isReachError } from './errors';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  app.server.listen(config.PORT, config.HOST, () => {
    app.logger.info({ port: config.PORT, entries: app.knowledge.current().base.entries.length }, 'Reach is listening');
  });
}

main().catch((error: unknown) => {
  // One clear line (or the list of knowledge problems) for the person starting the bot, then exit 1.
  console.error(isReachError(error) ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
