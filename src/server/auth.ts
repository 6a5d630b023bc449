import {
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { skillAuthConfiguration } from '../channels/skill';
import { isLocalMode, type Config } from '../config';

/** What a successful authentication hands to the adapter (claims, audience, connector factory). */
export type AuthenticatedRequest = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * Where tokens are checked and issued. Left out, the public Azure cloud's endpoints are used; tests point
 * every one of them at a server on loopback, so that no test talks to the internet.
 */
export type AuthEndpoints = Required<
  Pick<
    ConfigurationBotFrameworkAuthenticationOptions,
    | 'ToBotFromChannelOpenIdMetadataUrl'
    | 'ToBotFromEmulatorOpenIdMetadataUrl'
    | 'ToBotFromChannelTokenIssuer'
    | 'ToChannelFromBotLoginUrl'
    | 'ToChannelFromBotOAuthScope'
    | 'OAuthUrl'
    | 'CallerId'
    | 'ValidateAuthority'
  >
>;

/**
 * Bot Framework authentication from the validated configuration only (never from process.env). Skill
 * calls are accepted from the app ids in ALLOWED_CALLERS and refused (401) from any other bot.
 */
export function createBotAuthentication(config: Config, endpoints?: AuthEndpoints): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.MicrosoftAppId ?? '',
      MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
      ...endpoints,
    },
    undefined,
    skillAuthConfiguration(config),
  );
}

export type AuthOutcome =
  | { readonly ok: true; readonly auth: AuthenticatedRequest }
  | { readonly ok: false; readonly status: 401 | 403 };

/**
 * Decide whether a request may be processed, failing closed.
 *
 * With an app id, the request needs a valid Bot Framework token; botbuilder throws for a bad one, and
 * not always an AuthenticationError (a malformed token surfaces as a plain jsonwebtoken error, which its
 * own `process` would answer with a 500 and the error text), so every throw is a 401 here.
 *
 * Without an app id (local mode) nobody is authenticated, so the bot must not become a relay: it only
 * ever talks back to a `serviceUrl` on this machine.
 */
export async function authenticateActivity(
  config: Config,
  botAuth: ConfigurationBotFrameworkAuthentication,
  activity: Activity,
  authorization: string,
): Promise<AuthOutcome> {
  if (isLocalMode(config) && !isLoopbackUrl(activity.serviceUrl)) return { ok: false, status: 403 };
  try {
    return { ok: true, auth: await botAuth.authenticateRequest(activity, authorization) };
  } catch {
    return { ok: false, status: 401 };
  }
}

/** `localhost`, 127.0.0.0/8 or ::1, over http or https. Anything unparsable is not loopback. */
export function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}
