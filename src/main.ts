import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { exposureWarning, loadConfig } from './config';
import { isReachError } from './errors';
import { readyLine } from './server/ready';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  const warning = exposureWarning(config);
  if (warning) console.warn(warning);
  app.server.listen(config.PORT, config.HOST, () => {
    const { port } = app.server.address() as AddressInfo;
    app.logger.info({ port, entries: app.knowledge.current().base.entries.length }, 'Reach is listening');
    console.log(readyLine(config.HOST, port));
  });
  // Graceful stop: /readyz 503, turns in flight finish, exit 0 (1 if they outran the limit).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void app.shutdown().then((drained) => process.exit(drained ? 0 : 1)));
  }
}

main().catch((error: unknown) => {
  // One clear line (or the list of knowledge problems) for the person starting the bot, then exit 1.
  console.error(isReachError(error) ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
