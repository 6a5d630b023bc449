import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

/** How many clients of each kind are kept: one per app id, service URL and audience seen. */
export const MAX_CACHED_CLIENTS = 64;

/**
 * The app id botbuilder builds a turn's clients for: the audience claim (a channel's token), else the
 * app id claim (the Emulator's), else none (local mode).
 */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** A small map that forgets the least recently used key past its size. */
class Recent<V> {
  private readonly items = new Map<string, V>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.items.size;
  }

  get(key: string, make: () => V): V {
    const known = this.items.get(key);
    if (known !== undefined) {
      this.items.delete(key);
      this.items.set(key, known);
      return known;
    }
    const made = make();
    this.items.set(key, made);
    for (const oldest of this.items.keys()) {
      if (this.items.size <= this.max) break;
      this.items.delete(oldest);
    }
    return made;
  }

  /** Forget a key, if it still holds this value. */
  forget(key: string, value: V): void {
    if (this.items.get(key) === value) this.items.delete(key);
  }
}

/** A turn's connector factory whose clients come from the shared cache (built by `inner` when missing). */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly kept: (key: string, make: () => Promise<ConnectorClient>) => Promise<ConnectorClient>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.kept(`${this.appId}\u0000${serviceUrl}\u0000${audience ?? ''}`, () => this.inner.create(serviceUrl, audience));
  }
}

/**
 * Bot Framework authentication that reuses the clients it hands to turns. CloudAdapter asks, on every
 * turn, for a new ConnectorClient (through the request's connector factory) and a new UserTokenClient;
 * each builds its credentials and an HTTP pipeline, which a profile under load showed to be a large part
 * of a turn that replies in the HTTP response (expectReplies, the built-in Direct Line) and never uses
 * either. Both are stateless between calls (tokens are fetched and cached by their credentials), and the
 * older BotFrameworkAdapter kept them per service URL and app id in the same way.
 *
 * Checking requests is untouched: every call is handed to the wrapped authentication, and only clients
 * built for the same app id, service URL and audience are shared. A client that failed to build is not
 * kept.
 */
export class ReusedClientsAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new Recent<Promise<ConnectorClient>>(MAX_CACHED_CLIENTS);
  private readonly tokenClients = new Recent<Promise<UserTokenClient>>(MAX_CACHED_CLIENTS);

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  /** How many clients are kept now (bounded whatever arrives). */
  get cached(): { readonly connectors: number; readonly userTokens: number } {
    return { connectors: this.connectors.size, userTokens: this.tokenClients.size };
  }

  /** The result of authenticating a request, with a connector factory that reuses its clients. */
  withReusedClients(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const factory = result.connectorFactory;
    return { ...result, connectorFactory: factory && this.reusing(factory, result.claimsIdentity) };
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.withReusedClients(await this.inner.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.withReusedClients(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = appIdOf(claimsIdentity);
    return this.kept(this.tokenClients, key, () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(factory: ConnectorFactory, claims: ClaimsIdentity): ConnectorFactory {
    return new ReusingConnectorFactory(factory, appIdOf(claims), (key, make) => this.kept(this.connectors, key, make));
  }

  private kept<V>(cache: Recent<Promise<V>>, key: string, make: () => Promise<V>): Promise<V> {
    return cache.get(key, () => {
      const made = make();
      made.catch(() => cache.forget(key, made));
      return made;
    });
  }
}
