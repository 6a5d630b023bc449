import type { Next, Request, Response, Server } from 'restify';
import template from '../../manifest/reach-skill.json';
import type { Config } from '../config';

/** Where the bot serves its skill manifest, and the route the manifest's endpoint points at. */
export const MANIFEST_PATH = '/manifest/reach-skill.json';
export const BOT_ENDPOINT_PATH = '/api/messages';

export type SkillManifest = typeof template;

/**
 * The committed manifest (manifest/reach-skill.json) with this deployment's endpoint and app id, so what
 * a calling bot reads always matches the running configuration. Without an app id (local mode) the
 * placeholder id stays: nothing is authenticated there.
 */
export function skillManifest(config: Config, origin: string): SkillManifest {
  const [endpoint] = template.endpoints;
  return {
    ...template,
    endpoints: [
      {
        ...endpoint,
        endpointUrl: `${origin}${BOT_ENDPOINT_PATH}`,
        msAppId: config.MicrosoftAppId ?? endpoint.msAppId,
      },
    ],
  };
}

/**
 * The origin the caller reached: the Host header when it is a plain host name, https unless the host is
 * this machine (skills are called over https; a local Emulator uses http).
 */
export function requestOrigin(req: Request): string {
  const header = req.headers.host ?? '';
  const host =
    /^[a-z0-9.-]+(:\d{1,5})?$/i.test(header) || /^\[[0-9a-f:]+\](:\d{1,5})?$/i.test(header)
      ? header
      : 'localhost';
  const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i.test(host);
  return `${local ? 'http' : 'https'}://${host.toLowerCase()}`;
}

/**
 * Serve the manifest where skill consumers (Composer, a parent bot's configuration) read it. Its
 * endpoint is PUBLIC_URL when set. Otherwise it follows the request's Host header, so the response says
 * it varies by Host and must not be stored: a cache in front must never hand one caller's
 * (attacker-chosen) Host to the next.
 */
export function serveManifest(server: Server, config: Config): void {
  server.get(MANIFEST_PATH, (req: Request, res: Response, next: Next) => {
    if (config.PUBLIC_URL) res.json(skillManifest(config, config.PUBLIC_URL));
    else {
      res.header('Vary', 'Host');
      res.header('Cache-Control', 'no-store');
      res.json(skillManifest(config, requestOrigin(req)));
    }
    next();
  });
}
