import { spawnSync } from 'node:child_process';
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { ERROR_CODES, ReachError } from '../../src/errors';
import { createLogger } from '../../src/log';
import { isLoopbackUrl } from '../../src/server/auth';
import { activity } from '../helpers/server';

const APP_ID = 'reach-test-app';
const CHANNEL_ISSUER = 'https://api.botframework.com';
/** One of the issuers botbuilder recognises as the Emulator (its keys are fetched from our local endpoint). */
const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
const KID = 'reach-test-key';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(payload: Record<string, unknown>, key: KeyObject, header: Record<string, unknown> = {}): string {
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: KID, ...header });
  const body = b64(payload);
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key).toString('base64url');
  return `${head}.${body}.${signature}`;
}

/**
 * A stand-in for Microsoft's identity endpoints and for a channel, on loopback. It serves OpenID metadata
 * and the public key, and counts every other request: any of those would be the bot talking to the world.
 */
class IdentityAndChannel {
  readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  outbound: string[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    this.server = createServer((req, res) => {
      const send = (body: unknown) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      };
      if (req.url?.endsWith('/openid-configuration')) return send({ issuer: CHANNEL_ISSUER, jwks_uri: `${this.url}/keys` });
      if (req.url === '/keys') return send({ keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e }] });
      this.outbound.push(`${req.method} ${req.url}`);
      res.statusCode = 200;
      send({ id: 'sent' });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const now = () => Math.floor(Date.now() / 1000);

describe('authentication with an app id (tokens from a local test key, no network)', () => {
  const idp = new IdentityAndChannel();
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let app: App;
  let url: string;

  beforeAll(async () => {
    await idp.start();
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'test-secret',
      KNOWLEDGE_RELOAD: 'off',
      ALLOWED_CALLERS: 'a-friendly-bot',
    });
    app = await createApp(config, createLogger('silent'), {
      authEndpoints: {
        ToBotFromChannelOpenIdMetadataUrl: `${idp.url}/channel/.well-known/openid-configuration`,
        ToBotFromEmulatorOpenIdMetadataUrl: `${idp.url}/emulator/.well-known/openid-configuration`,
        ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
        ToChannelFromBotLoginUrl: `${idp.url}/login/botframework.com`,
        ToChannelFromBotOAuthScope: CHANNEL_ISSUER,
        OAuthUrl: `${idp.url}/oauth`,
        CallerId: 'urn:botframework:azure',
        ValidateAuthority: false,
      },
    });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await idp.close();
  });
  beforeEach(() => {
    idp.outbound = [];
    // botbuilder prints token failures with console.error; they carry no user data, only noise here.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  /** A message from the channel, replies expected in the response; the serviceUrl is the counting server. */
  const message = (text: string, over: Record<string, unknown> = {}) =>
    activity(text, { channelId: 'webchat', serviceUrl: `${idp.url}/channel-service`, ...over });

  const channelClaims = (serviceUrl: string, over: Record<string, unknown> = {}) => ({
    iss: CHANNEL_ISSUER,
    aud: APP_ID,
    serviceurl: serviceUrl,
    nbf: now() - 60,
    exp: now() + 3600,
    ...over,
  });

  async function postWith(authorization: string | undefined, body: Record<string, unknown>) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization !== undefined) headers.authorization = authorization;
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  }

  test('a valid channel token gets 200 and the replies, and nothing is sent anywhere', async () => {
    const body = message('he locked me in and took my phone');
    const { status, text } = await postWith(`Bearer ${jwt(channelClaims(body.serviceUrl as string), idp.keys.privateKey)}`, body);
    expect(status).toBe(200);
    const replies = (JSON.parse(text) as { activities: { channelData?: { reach?: { kind: string } } }[] }).activities;
    expect(replies[0]?.channelData?.reach?.kind).toBe('handoff');
    expect(idp.outbound).toEqual([]);
  });

  test('a valid Emulator token for this app gets 200', async () => {
    const token = jwt({ iss: EMULATOR_ISSUER, aud: APP_ID, appid: APP_ID, ver: '1.0', nbf: now() - 60, exp: now() + 3600 }, idp.keys.privateKey);
    const { status } = await postWith(`Bearer ${token}`, message('que es la visa t', { channelId: 'emulator' }));
    expect(status).toBe(200);
    expect(idp.outbound).toEqual([]);
  });

  test('a skill call from a bot in ALLOWED_CALLERS gets 200 and the answer, then the end of the skill turn', async () => {
    const token = jwt({ iss: EMULATOR_ISSUER, aud: APP_ID, appid: 'a-friendly-bot', ver: '1.0', nbf: now() - 60, exp: now() + 3600 }, idp.keys.privateKey);
    const { status, text } = await postWith(`Bearer ${token}`, message('que es la visa t', { channelId: 'directline' }));
    expect(status).toBe(200);
    const replies = (JSON.parse(text) as { activities: { type: string; channelData?: { reach?: { topic?: string } } }[] }).activities;
    expect(replies[0]?.channelData?.reach?.topic).toBe('rights.t-visa');
    expect(replies.at(-1)?.type).toBe('endOfConversation');
    expect(idp.outbound).toEqual([]);
  });

  const serviceUrlOf = (body: Record<string, unknown>) => body.serviceUrl as string;
  const badTokens: [string, (body: Record<string, unknown>) => string | undefined][] = [
    ['no Authorization header', () => undefined],
    ['an empty header', () => ''],
    ['"Bearer" alone', () => 'Bearer'],
    ['garbage', () => 'Bearer not-a-token'],
    ['three parts of garbage', () => 'Bearer aaa.bbb.ccc'],
    ['Basic credentials', () => `Basic ${Buffer.from('reach:password').toString('base64')}`],
    ['an expired token', (b) => `Bearer ${jwt(channelClaims(serviceUrlOf(b), { nbf: now() - 7200, exp: now() - 3600 }), idp.keys.privateKey)}`],
    ['a token not valid yet', (b) => `Bearer ${jwt(channelClaims(serviceUrlOf(b), { nbf: now() + 3600, exp: now() + 7200 }), idp.keys.privateKey)}`],
    ['a token for another bot (wrong audience)', (b) => `Bearer ${jwt(channelClaims(serviceUrlOf(b), { aud: 'someone-else' }), idp.keys.privateKey)}`],
    ['a token from an unknown issuer', (b) => `Bearer ${jwt(channelClaims(serviceUrlOf(b), { iss: 'https://evil.example' }), idp.keys.privateKey)}`],
    ['a token naming another serviceUrl', () => `Bearer ${jwt(channelClaims('https://evil.example/'), idp.keys.privateKey)}`],
    ['a token signed by another key with the same key id', (b) => `Bearer ${jwt(channelClaims(serviceUrlOf(b)), other.privateKey)}`],
    ['a token with an unknown key id', (b) => `Bearer ${jwt(channelClaims(serviceUrlOf(b)), idp.keys.privateKey, { kid: 'nope' })}`],
    ['alg:none with the right key id', (b) => `Bearer ${b64({ alg: 'none', typ: 'JWT', kid: KID })}.${b64(channelClaims(serviceUrlOf(b)))}.`],
    ['alg:none without a key id', (b) => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(channelClaims(serviceUrlOf(b)))}.`],
    [
      'HS256 signed with the public key as the secret',
      (b) => {
        const head = b64({ alg: 'HS256', typ: 'JWT', kid: KID });
        const body = b64(channelClaims(serviceUrlOf(b)));
        const secret = idp.keys.publicKey.export({ format: 'pem', type: 'spki' });
        return `Bearer ${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
      },
    ],
    [
      'an Emulator token for another app',
      () => `Bearer ${jwt({ iss: EMULATOR_ISSUER, aud: 'other-app', appid: 'other-app', ver: '1.0', nbf: now() - 60, exp: now() + 3600 }, idp.keys.privateKey)}`,
    ],
    [
      'a skill call from a bot nobody allowed',
      () => `Bearer ${jwt({ iss: EMULATOR_ISSUER, aud: APP_ID, appid: 'a-stranger-bot', ver: '1.0', nbf: now() - 60, exp: now() + 3600 }, idp.keys.privateKey)}`,
    ],
  ];

  test.each(badTokens)('%s gets 401, no reply, no detail, and nothing is sent', async (_name, header) => {
    const body = message('he locked me in and took my phone', { deliveryMode: undefined });
    const { status, text } = await postWith(header(body), body);
    expect(status).toBe(401);
    expect(JSON.parse(text)).toEqual({ error: 'unauthorized' });
    expect(idp.outbound).toEqual([]);
  });
});

describe('local mode (no app id): the bot is not a relay', () => {
  const channel = new IdentityAndChannel();
  let app: App;
  let url: string;

  beforeAll(async () => {
    await channel.start();
    app = await createApp(loadConfig({ LOG_LEVEL: 'silent', KNOWLEDGE_RELOAD: 'off' }), createLogger('silent'));
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await channel.close();
  });
  beforeEach(() => {
    channel.outbound = [];
  });

  const send = (body: unknown) =>
    fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test.each(['https://evil.example/', 'http://10.0.0.8:3978/', 'http://169.254.169.254/latest/', 'http://localhost.evil.example/', 'http://0.0.0.0:9/'])(
    'serviceUrl %s gets 403, with or without expectReplies',
    async (serviceUrl) => {
      for (const deliveryMode of ['expectReplies', undefined]) {
        const res = await send(activity('que es la visa t', { serviceUrl, deliveryMode }));
        expect(res.status).toBe(403);
        expect(await res.text()).not.toContain('visa');
      }
    },
  );

  test('a loopback serviceUrl gets the replies posted to it', async () => {
    const res = await send(activity('que es la visa t', { serviceUrl: `${channel.url}/`, deliveryMode: undefined }));
    expect(res.status).toBe(200);
    expect(channel.outbound.length).toBeGreaterThan(0);
    expect(channel.outbound.every((line) => line.startsWith('POST /v3/conversations/'))).toBe(true);
  });

  test.each([
    ['http://127.0.0.1:9/', true],
    ['https://localhost/', true],
    ['http://127.1/', true],
    ['http://[::1]:3978/', true],
    ['http://user@127.0.0.1/', true],
    ['http://127.0.0.1.nip.io/', false],
    ['http://localhost@evil.example/', false],
    ['http://[::ffff:10.0.0.1]/', false],
    ['javascript:alert(1)', false],
    ['', false],
  ])('isLoopbackUrl(%j) is %s', (value, expected) => {
    expect(isLoopbackUrl(value)).toBe(expected);
  });
});

describe('production refuses to start without credentials', () => {
  test.each([
    [{ NODE_ENV: 'production' }, 'MicrosoftAppId'],
    [{ NODE_ENV: 'production', MicrosoftAppId: APP_ID }, 'MicrosoftAppPassword'],
  ])('%j names %s', (env, name) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReachError);
    expect((error as ReachError).code).toBe(ERROR_CODES.CONFIG_INVALID);
    expect((error as ReachError).message).toContain(name);
  });

  test('credentials (or a managed identity) are enough', () => {
    expect(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' }).MicrosoftAppId).toBe(APP_ID);
    expect(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' }).MicrosoftAppId).toBe(APP_ID);
  });

  test('`npm start` with NODE_ENV=production and no app id exits 1 with one line, before listening', () => {
    const root = path.resolve(__dirname, '../..');
    const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', MicrosoftAppId: '', MicrosoftAppPassword: '', PORT: '0', HOST: '127.0.0.1', KNOWLEDGE_RELOAD: 'off' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n').filter((l) => !/DeprecationWarning|trace-deprecation/.test(l))).toEqual([
      expect.stringContaining('MicrosoftAppId'),
    ]);
    expect(result.stdout).not.toContain('listening');
  });
});
