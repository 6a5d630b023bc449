import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  MicrosoftAppCredentials,
  type AuthenticateRequestResult,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { MAX_CACHED_CLIENTS, ReusedClientsAuthentication } from '../../src/server/clients';
import { activity, post, startServer, type Running } from '../helpers/server';

const claimsFor = (appId: string) =>
  new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

/** A stand-in authentication that counts the clients it builds and can be told to fail. */
class CountingAuthentication extends BotFrameworkAuthentication {
  connectorsBuilt = 0;
  tokenClientsBuilt = 0;
  failNext = false;
  refuse = false;

  override async authenticateRequest(_activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    if (this.refuse) throw new Error('bad token');
    const appId = authHeader || 'app-1';
    return { claimsIdentity: claimsFor(appId), audience: 'https://api.botframework.com', callerId: '', connectorFactory: this.createConnectorFactory(claimsFor(appId)) };
  }

  override authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    throw new Error('not used');
  }

  override createConnectorFactory(_claims: ClaimsIdentity): ConnectorFactory {
    const build = async (serviceUrl: string): Promise<ConnectorClient> => {
      if (this.failNext) {
        this.failNext = false;
        throw new Error('could not build');
      }
      this.connectorsBuilt += 1;
      return new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: serviceUrl });
    };
    return new (class extends ConnectorFactory {
      override create(serviceUrl: string): Promise<ConnectorClient> {
        return build(serviceUrl);
      }
    })();
  }

  override async createUserTokenClient(): Promise<UserTokenClient> {
    this.tokenClientsBuilt += 1;
    return {} as UserTokenClient;
  }
}

const message = { type: 'message', serviceUrl: 'http://127.0.0.1:9' } as Activity;

describe('clients reused across turns', () => {
  test('one connector client per app id, service URL and audience, whatever the number of turns', async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusedClientsAuthentication(inner);
    const clients: ConnectorClient[] = [];
    for (let turn = 0; turn < 5; turn++) {
      const result = await auth.authenticateRequest(message, '');
      clients.push(await result.connectorFactory!.create('http://127.0.0.1:9', result.audience));
    }
    expect(inner.connectorsBuilt).toBe(1);
    expect(new Set(clients).size).toBe(1);

    const factory = (await auth.authenticateRequest(message, '')).connectorFactory!;
    await factory.create('http://127.0.0.1:10', 'https://api.botframework.com');
    await factory.create('http://127.0.0.1:9', 'another-audience');
    const otherApp = (await auth.authenticateRequest(message, 'app-2')).connectorFactory!;
    const forOtherApp = await otherApp.create('http://127.0.0.1:9', 'https://api.botframework.com');
    expect(inner.connectorsBuilt).toBe(4);
    expect(forOtherApp).not.toBe(clients[0]);
  });

  test('one user token client per app id', async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusedClientsAuthentication(inner);
    const first = await auth.createUserTokenClient(claimsFor('app-1'));
    expect(await auth.createUserTokenClient(claimsFor('app-1'))).toBe(first);
    await auth.createUserTokenClient(claimsFor('app-2'));
    expect(inner.tokenClientsBuilt).toBe(2);
  });

  test('a client that failed to build is built again next time', async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusedClientsAuthentication(inner);
    const factory = (await auth.authenticateRequest(message, '')).connectorFactory!;
    inner.failNext = true;
    await expect(factory.create('http://127.0.0.1:9')).rejects.toThrow('could not build');
    await expect(factory.create('http://127.0.0.1:9')).resolves.toBeInstanceOf(ConnectorClient);
    expect(inner.connectorsBuilt).toBe(1);
  });

  test('a refused request is still refused: checking stays with the wrapped authentication', async () => {
    const inner = new CountingAuthentication();
    inner.refuse = true;
    await expect(new ReusedClientsAuthentication(inner).authenticateRequest(message, 'x')).rejects.toThrow('bad token');
  });

  test('the number of clients kept is bounded', async () => {
    const auth = new ReusedClientsAuthentication(new CountingAuthentication());
    const factory = (await auth.authenticateRequest(message, '')).connectorFactory!;
    for (let port = 0; port < MAX_CACHED_CLIENTS + 20; port++) await factory.create(`http://127.0.0.1:${1000 + port}`);
    expect(auth.cached.connectors).toBe(MAX_CACHED_CLIENTS);
  });
});

describe('the server with reused clients', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer({ KNOWLEDGE_RELOAD: 'off' });
  });
  afterAll(() => server.close());

  test('turn after turn, in both languages, each gets its own answer', async () => {
    const en = await post(server.url, activity('what is a t visa', { conversation: { id: 'reuse-1' } }));
    const es = await post(server.url, activity('que es la visa t', { conversation: { id: 'reuse-2' } }));
    const again = await post(server.url, activity('what is a t visa', { conversation: { id: 'reuse-1' } }));
    for (const replies of [en, es, again]) expect(replies.status).toBe(200);
    expect(en.activities[0]?.channelData?.reach).toMatchObject({ kind: 'answer', topic: 'rights.t-visa', locale: 'en' });
    expect(es.activities[0]?.channelData?.reach).toMatchObject({ kind: 'answer', topic: 'rights.t-visa', locale: 'es' });
    expect(again.activities[0]?.channelData?.reach).toMatchObject({ kind: 'answer', topic: 'rights.t-visa', locale: 'en' });
  });
});
