import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type Activity,
  type Response,
} from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import { createApp, type App } from '../../src/app';
import { ReachBot } from '../../src/bot/reachBot';
import type { ReachTrace } from '../../src/bot/replies';
import { skillAuthConfiguration, skillClaimsValidator } from '../../src/channels/skill';
import { loadConfig } from '../../src/config';
import { createI18n } from '../../src/i18n';
import { createLogger } from '../../src/log';
import { realKnowledge } from '../helpers/bot';
import { chatOn, messages, traceOf } from './helpers';

const REACH = '6c1d7a2e-3b7f-4a51-9f0e-2d8c4b1a9e77';
const CALLER = 'b2f0c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const STRANGER = 'f9e8d7c6-b5a4-4392-8170-6f5e4d3c2b1a';

/** Claims as botbuilder builds them from a skill's token (version 1: the caller's id is `appid`). */
const skillClaims = (caller: string) => [
  { type: 'aud', value: REACH },
  { type: 'appid', value: caller },
  { type: 'ver', value: '1.0' },
];

/** A conversation whose turns arrive as skill calls from `caller`, as the adapter's authentication would mark them. */
async function skillChat(caller: string, channelId: string, env: Record<string, string>) {
  const chat = await chatOn(channelId, { MicrosoftAppId: REACH, MicrosoftAppPassword: 'secret', ...env });
  chat.adapter.use(async (context, next) => {
    context.turnState.set(context.adapter.BotIdentityKey, new ClaimsIdentity(skillClaims(caller), true));
    await next();
  });
  return chat;
}

describe('Reach called as a skill (the bot)', () => {
  const env = { ALLOWED_CALLERS: `${CALLER}, 11111111-2222-3333-4444-555555555555` };

  test('an allowed caller gets the answer, then an endOfConversation carrying the outcome', async () => {
    const chat = await skillChat(CALLER, 'webchat', env);
    const sent = await chat.say('what is a t visa');
    expect(traceOf(messages(sent)[0]!)).toMatchObject({ kind: 'answer', topic: 'rights.t-visa' });
    const end = sent.at(-1)!;
    expect(end.type).toBe('endOfConversation');
    expect(end.code).toBe('completedSuccessfully');
    expect(end.value).toEqual(traceOf(messages(sent)[0]!));
  });

  test('the reply is rendered for the channel the person is on (an SMS line calling Reach gets plain text)', async () => {
    const chat = await skillChat(CALLER, 'sms', env);
    const [reply] = messages(await chat.say('que es la visa t'));
    expect(reply!.text).not.toMatch(/\*\*/);
    expect(reply!.text).toMatch(/Responda 1, 2 o 3\.$/);
  });

  test('a danger message ends the skill turn with the handoff as its outcome, after 911 and the handoff event', async () => {
    const chat = await skillChat(CALLER, 'webchat', env);
    const sent = await chat.say('me tienen encerrada');
    expect(sent.map((a) => a.type)).toEqual(['message', 'event', 'endOfConversation']);
    expect(sent[0]!.text).toMatch(/^Si está en peligro en este momento, llame al 911\./);
    expect(sent[2]!.value as ReachTrace).toMatchObject({ kind: 'handoff', reason: 'danger', locale: 'es' });
  });

  test('a caller not in ALLOWED_CALLERS gets nothing at all', async () => {
    const chat = await skillChat(STRANGER, 'webchat', env);
    expect(await chat.say('what is a t visa')).toEqual([]);
    expect(await chat.say('he locked me in')).toEqual([]);
  });

  test('"*" is not a wildcard', async () => {
    const chat = await skillChat(STRANGER, 'webchat', { ALLOWED_CALLERS: '*' });
    expect(await chat.say('what is a t visa')).toEqual([]);
  });

  test('carrier keywords belong to the calling bot: STOP through a skill call does not silence Reach', async () => {
    const chat = await skillChat(CALLER, 'sms', env);
    expect(traceOf(messages(await chat.say('STOP'))[0]!).kind).not.toBe('notice');
    expect(messages(await chat.say('what is a t visa'))).not.toHaveLength(0);
  });

  test('an endOfConversation from the caller makes Reach forget the conversation', async () => {
    const chat = await skillChat(CALLER, 'webchat', env);
    expect(traceOf(messages(await chat.say('hola, necesito ayuda'))[0]!).locale).toBe('es');
    expect(traceOf(messages(await chat.say('t visa'))[0]!).locale).toBe('es');
    await chat.say({ type: 'endOfConversation', code: 'userCancelled' });
    expect(traceOf(messages(await chat.say('t visa'))[0]!).locale).toBe('en');
  });

  test('the Emulator calls skills anonymously: allowed in local mode only', async () => {
    const anonymous = [{ type: 'appid', value: 'AnonymousSkill' }];
    for (const [localMode, answered] of [
      [true, true],
      [false, false],
    ] as const) {
      const chat = await chatOn(
        'emulator',
        localMode ? {} : { MicrosoftAppId: REACH, MicrosoftAppPassword: 'secret' },
      );
      chat.adapter.use(async (context, next) => {
        context.turnState.set(context.adapter.BotIdentityKey, new ClaimsIdentity(anonymous, true));
        await next();
      });
      expect((await chat.say('what is a t visa')).length > 0).toBe(answered);
    }
  });
});

describe('the claims check given to the Bot Framework authentication', () => {
  const config = (callers: string) => loadConfig({ LOG_LEVEL: 'silent', ALLOWED_CALLERS: callers });

  test('accepts listed callers and channel calls; refuses other skills, and all skills when none are listed', async () => {
    const check = skillClaimsValidator(config(CALLER));
    await expect(check(skillClaims(CALLER))).resolves.toBeUndefined();
    // A channel's token: audience is the bot itself, no skill involved.
    await expect(
      check([
        { type: 'aud', value: REACH },
        { type: 'ver', value: '1.0' },
        { type: 'appid', value: REACH },
      ]),
    ).resolves.toBeUndefined();
    await expect(check(skillClaims(STRANGER))).rejects.toMatchObject({ statusCode: 401 });
    await expect(skillClaimsValidator(config(''))(skillClaims(CALLER))).rejects.toMatchObject({
      statusCode: 401,
    });
    await expect(skillClaimsValidator(config('*'))(skillClaims(STRANGER))).rejects.toMatchObject({
      statusCode: 401,
    });
  });
});

// ---- Real tokens, signed with a local key and checked by botbuilder against a local key endpoint ----

/** One of the issuers botbuilder accepts for bot-to-bot (skill) tokens. */
const SKILL_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
const KID = 'skill-test-key';

function signJwt(payload: Record<string, unknown>, key: KeyObject): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = `${part({ alg: 'RS256', typ: 'JWT', kid: KID })}.${part(payload)}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(key).toString('base64url')}`;
}

/** OpenID metadata and the public key on loopback; anything else asked of it is counted as the bot reaching out. */
class LocalIdentity {
  readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly outbound: string[] = [];
  url = '';
  private server!: Server;

  async start(): Promise<void> {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    this.server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/openid-configuration'))
        return res.end(JSON.stringify({ issuer: SKILL_ISSUER, jwks_uri: `${this.url}/keys` }));
      if (req.url === '/keys')
        return res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e }] }));
      this.outbound.push(`${req.method} ${req.url}`);
      res.end('{}');
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  endpoints() {
    return {
      ToBotFromChannelOpenIdMetadataUrl: `${this.url}/channel/.well-known/openid-configuration`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${this.url}/bots/.well-known/openid-configuration`,
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: `${this.url}/login/botframework.com`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: `${this.url}/oauth`,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: false,
    };
  }

  token(caller: string, key: KeyObject = this.keys.privateKey): string {
    const now = Math.floor(Date.now() / 1000);
    return signJwt(
      { iss: SKILL_ISSUER, aud: REACH, appid: caller, ver: '1.0', nbf: now - 60, exp: now + 3600 },
      key,
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let counter = 0;
function skillActivity(text: string): Record<string, unknown> {
  counter += 1;
  return {
    type: 'message',
    id: `skill-${counter}`,
    text,
    channelId: 'sms',
    serviceUrl: 'http://127.0.0.1:9/api/skills',
    deliveryMode: 'expectReplies',
    conversation: { id: `skill-conv-${counter}` },
    from: { id: 'person' },
    recipient: { id: REACH, role: 'skill' },
  };
}

describe('skill calls through botbuilder authentication with real tokens (local key, no network)', () => {
  const idp = new LocalIdentity();
  let adapter: CloudAdapter;
  let bot: ReachBot;

  beforeAll(async () => {
    await idp.start();
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      MicrosoftAppId: REACH,
      MicrosoftAppPassword: 'secret',
      ALLOWED_CALLERS: CALLER,
    });
    const auth = new ConfigurationBotFrameworkAuthentication(
      {
        MicrosoftAppId: REACH,
        MicrosoftAppPassword: 'secret',
        MicrosoftAppType: 'MultiTenant',
        ...idp.endpoints(),
      },
      undefined,
      skillAuthConfiguration(config),
    );
    adapter = new CloudAdapter(auth);
    bot = new ReachBot({
      config,
      knowledge: await realKnowledge(),
      conversationState: new ConversationState(new MemoryStorage()),
      i18n: createI18n(),
      logger: createLogger('silent'),
    });
  });
  afterAll(() => idp.close());
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  async function call(token: string, body: Record<string, unknown>) {
    const result = { status: 0, body: undefined as unknown };
    // The four methods botbuilder's adapter uses on a Node, Express or Restify response.
    const res = {
      status: (code: number) => void (result.status = code),
      send: (payload: unknown) => void (result.body = payload),
      header: () => undefined,
      end: () => undefined,
    } as unknown as Response;
    let turns = 0;
    await adapter.process(
      { method: 'POST', body, headers: { authorization: `Bearer ${token}` } },
      res,
      async (context) => {
        turns += 1;
        await bot.run(context);
      },
    );
    return {
      ...result,
      turns,
      activities: (result.body as { activities?: Partial<Activity>[] } | undefined)?.activities ?? [],
    };
  }

  test('an allowed caller is answered, in plain text for its SMS line, and the skill turn ends with the outcome', async () => {
    const { status, activities } = await call(idp.token(CALLER), skillActivity('que es la visa t'));
    expect(status).toBe(200);
    expect(traceOf(activities[0]!)).toMatchObject({ kind: 'answer', topic: 'rights.t-visa', locale: 'es' });
    expect(activities[0]!.text).toMatch(/Responda 1, 2 o 3\.$/);
    expect(activities.at(-1)).toMatchObject({
      type: 'endOfConversation',
      code: 'completedSuccessfully',
      value: { kind: 'answer' },
    });
    expect(idp.outbound).toEqual([]);
  });

  test('another app id is refused with 401 before the bot runs', async () => {
    const { status, turns, activities } = await call(idp.token(STRANGER), skillActivity('que es la visa t'));
    expect(status).toBe(401);
    expect(turns).toBe(0);
    expect(activities).toEqual([]);
  });

  test('a token for the allowed app id signed with another key never reaches the bot', async () => {
    const forged = idp.token(CALLER, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    const { status, turns } = await call(forged, skillActivity('que es la visa t'));
    // botbuilder's own adapter answers a bad signature with 500; the server in front of it says 401.
    expect(status).toBeGreaterThanOrEqual(400);
    expect(turns).toBe(0);
  });
});

describe('the running server', () => {
  const idp = new LocalIdentity();
  let app: App;
  let url: string;

  beforeAll(async () => {
    await idp.start();
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      MicrosoftAppId: REACH,
      MicrosoftAppPassword: 'secret',
      ALLOWED_CALLERS: CALLER,
      KNOWLEDGE_RELOAD: 'off',
    });
    app = await createApp(config, createLogger('silent'), { authEndpoints: idp.endpoints() });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await idp.close();
  });

  test.each([
    ['an app id not in ALLOWED_CALLERS', () => idp.token(STRANGER)],
    [
      'a forged token for an allowed app id',
      () => idp.token(CALLER, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
    ],
  ])('refuses a skill call from %s with 401', async (_what, token) => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` },
      body: JSON.stringify(skillActivity('que es la visa t')),
    });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toMatch(/Visa T|visa t/i);
    expect(idp.outbound).toEqual([]);
    jest.restoreAllMocks();
  });
});
