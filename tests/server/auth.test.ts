import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { isLoopbackUrl } from '../../src/server/auth';
import { expectConfigError } from '../helpers/config';
import { appClaims, CHANNEL_ISSUER, LocalIdentity, nowSeconds, strangerKey } from '../helpers/identity';
import { activity, startServer, type Running } from '../helpers/server';

const APP_ID = 'reach-test-app';

describe('authentication with an app id (tokens from a local test key, no network)', () => {
  const idp = new LocalIdentity();
  let server: Running;

  beforeAll(async () => {
    await idp.start();
    const env = {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'test-secret',
      KNOWLEDGE_RELOAD: 'off',
      ALLOWED_CALLERS: 'a-friendly-bot',
    };
    server = await startServer(env, { authEndpoints: idp.endpoints() });
  });
  afterAll(async () => {
    await server.close();
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
    nbf: nowSeconds() - 60,
    exp: nowSeconds() + 3600,
    ...over,
  });

  async function postWith(authorization: string | undefined, body: Record<string, unknown>) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization !== undefined) headers.authorization = authorization;
    const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  }

  test('a valid channel token gets 200 and the replies, and nothing is sent anywhere', async () => {
    const body = message('he locked me in and took my phone');
    const { status, text } = await postWith(`Bearer ${idp.sign(channelClaims(body.serviceUrl as string))}`, body);
    expect(status).toBe(200);
    const replies = (JSON.parse(text) as { activities: { channelData?: { reach?: { kind: string } } }[] }).activities;
    expect(replies[0]?.channelData?.reach?.kind).toBe('handoff');
    expect(idp.outbound).toEqual([]);
  });

  test('a valid Emulator token for this app gets 200', async () => {
    const token = idp.sign(appClaims(APP_ID, APP_ID));
    const { status } = await postWith(`Bearer ${token}`, message('que es la visa t', { channelId: 'emulator' }));
    expect(status).toBe(200);
    expect(idp.outbound).toEqual([]);
  });

  test('a skill call from a bot in ALLOWED_CALLERS gets 200 and the answer, then the end of the skill turn', async () => {
    const token = idp.sign(appClaims(APP_ID, 'a-friendly-bot'));
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
    ['an expired token', (b) => `Bearer ${idp.sign(channelClaims(serviceUrlOf(b), { nbf: nowSeconds() - 7200, exp: nowSeconds() - 3600 }))}`],
    ['a token not valid yet', (b) => `Bearer ${idp.sign(channelClaims(serviceUrlOf(b), { nbf: nowSeconds() + 3600, exp: nowSeconds() + 7200 }))}`],
    ['a token for another bot (wrong audience)', (b) => `Bearer ${idp.sign(channelClaims(serviceUrlOf(b), { aud: 'someone-else' }))}`],
    ['a token from an unknown issuer', (b) => `Bearer ${idp.sign(channelClaims(serviceUrlOf(b), { iss: 'https://evil.example' }))}`],
    ['a token naming another serviceUrl', () => `Bearer ${idp.sign(channelClaims('https://evil.example/'))}`],
    ['a token signed by another key with the same key id', (b) => `Bearer ${idp.sign(channelClaims(serviceUrlOf(b)), { key: strangerKey() })}`],
    ['a token with an unknown key id', (b) => `Bearer ${idp.sign(channelClaims(serviceUrlOf(b)), { header: { kid: 'nope' } })}`],
    ['alg:none with the right key id', (b) => `Bearer ${idp.sign(channelClaims(serviceUrlOf(b)), { alg: 'none' })}`],
    ['alg:none without a key id', (b) => `Bearer ${idp.sign(channelClaims(serviceUrlOf(b)), { alg: 'none', header: { kid: undefined } })}`],
    ['HS256 signed with the public key as the secret', (b) => `Bearer ${idp.sign(channelClaims(serviceUrlOf(b)), { alg: 'HS256' })}`],
    ['an Emulator token for another app', () => `Bearer ${idp.sign(appClaims('other-app', 'other-app'))}`],
    ['a skill call from a bot nobody allowed', () => `Bearer ${idp.sign(appClaims(APP_ID, 'a-stranger-bot'))}`],
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
  const channel = new LocalIdentity();
  let server: Running;

  beforeAll(async () => {
    await channel.start();
    server = await startServer({ KNOWLEDGE_RELOAD: 'off' });
  });
  afterAll(async () => {
    await server.close();
    await channel.close();
  });
  beforeEach(() => {
    channel.outbound = [];
  });

  const send = (body: unknown) =>
    fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

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
  ])('%j names %s', (env, name) => expectConfigError(env, name));

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
