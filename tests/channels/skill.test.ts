import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type Activity,
  type Response,
} from 'botbuilder';
import { ClaimsIdentity, type Claim } from 'botframework-connector';
import { ReachBot } from '../../src/bot/reachBot';
import type { ReachTrace } from '../../src/bot/replies';
import { skillAuthConfiguration, skillClaimsValidator } from '../../src/channels/skill';
import { loadConfig } from '../../src/config';
import { createI18n } from '../../src/i18n';
import { createLogger } from '../../src/log';
import { realKnowledge } from '../helpers/bot';
import { appClaims, LocalIdentity, strangerKey } from '../helpers/identity';
import { activity, startServer, type Running } from '../helpers/server';
import { chatOn, messages, traceOf, type ChannelChat } from './helpers';

const REACH = '6c1d7a2e-3b7f-4a51-9f0e-2d8c4b1a9e77';
const CALLER = 'b2f0c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const STRANGER = 'f9e8d7c6-b5a4-4392-8170-6f5e4d3c2b1a';

/** Claims as botbuilder builds them from a skill's token (version 1: the caller's id is `appid`). */
const skillClaims = (caller: string) => [
  { type: 'aud', value: REACH },
  { type: 'appid', value: caller },
  { type: 'ver', value: '1.0' },
];

/** Every turn of `chat` arrives carrying these claims, as the adapter's authentication would mark it. */
function authenticatedAs(chat: ChannelChat, claims: Claim[]): ChannelChat {
  chat.adapter.use(async (context, next) => {
    context.turnState.set(context.adapter.BotIdentityKey, new ClaimsIdentity(claims, true));
    await next();
  });
  return chat;
}

/** A conversation whose turns arrive as skill calls from `caller`. */
async function skillChat(caller: string, channelId: string, env: Record<string, string>) {
  const chat = await chatOn(channelId, { MicrosoftAppId: REACH, MicrosoftAppPassword: 'secret', ...env });
  return authenticatedAs(chat, skillClaims(caller));
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
      const appId: Record<string, string> = localMode
        ? {}
        : { MicrosoftAppId: REACH, MicrosoftAppPassword: 'secret' };
      const chat = authenticatedAs(await chatOn('emulator', appId), anonymous);
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

/** Reach with an app id, which CALLER may call as a skill. */
const APP_ID_ENV = { MicrosoftAppId: REACH, MicrosoftAppPassword: 'secret', ALLOWED_CALLERS: CALLER };

/** A person's SMS message relayed by the calling bot, replies expected in the response. */
const skillActivity = (text: string) =>
  activity(text, {
    channelId: 'sms',
    serviceUrl: 'http://127.0.0.1:9/api/skills',
    from: { id: 'person' },
    recipient: { id: REACH, role: 'skill' },
  });

describe('skill calls through botbuilder authentication with real tokens (local key, no network)', () => {
  const idp = new LocalIdentity();
  let adapter: CloudAdapter;
  let bot: ReachBot;

  beforeAll(async () => {
    await idp.start();
    const config = loadConfig({ LOG_LEVEL: 'silent', ...APP_ID_ENV });
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
    const { status, activities } = await call(
      idp.sign(appClaims(REACH, CALLER)),
      skillActivity('que es la visa t'),
    );
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
    const { status, turns, activities } = await call(
      idp.sign(appClaims(REACH, STRANGER)),
      skillActivity('que es la visa t'),
    );
    expect(status).toBe(401);
    expect(turns).toBe(0);
    expect(activities).toEqual([]);
  });

  test('a token for the allowed app id signed with another key never reaches the bot', async () => {
    const forged = idp.sign(appClaims(REACH, CALLER), { key: strangerKey() });
    const { status, turns } = await call(forged, skillActivity('que es la visa t'));
    // botbuilder's own adapter answers a bad signature with 500; the server in front of it says 401.
    expect(status).toBeGreaterThanOrEqual(400);
    expect(turns).toBe(0);
  });
});

describe('the running server', () => {
  const idp = new LocalIdentity();
  let server: Running;

  beforeAll(async () => {
    await idp.start();
    server = await startServer(
      { ...APP_ID_ENV, KNOWLEDGE_RELOAD: 'off' },
      { authEndpoints: idp.endpoints() },
    );
  });
  afterAll(async () => {
    await server.close();
    await idp.close();
  });

  test.each([
    ['an app id not in ALLOWED_CALLERS', () => idp.sign(appClaims(REACH, STRANGER))],
    [
      'a forged token for an allowed app id',
      () => idp.sign(appClaims(REACH, CALLER), { key: strangerKey() }),
    ],
  ])('refuses a skill call from %s with 401', async (_what, token) => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await fetch(`${server.url}/api/messages`, {
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
