import { isLoopbackHost } from '../config';

/** Addresses that mean "every interface": this machine answers on localhost too. */
const EVERY_INTERFACE = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The one line `npm start` prints when the server is listening: where to open the chat, and where bots
 * post. An operator's line, not the bot's interface, so it is not translated.
 */
export function readyLine(host: string, port: number): string {
  const shown = EVERY_INTERFACE.has(host) || isLoopbackHost(host) ? 'localhost' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `Reach is listening — open http://${shown}:${port} for the chat; bots post to /api/messages`;
}
