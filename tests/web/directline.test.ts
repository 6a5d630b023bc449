import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { directLineMode } from '../../src/server/directline';
import { TokenIssuer } from '../../src/server/directline/tokens';
import { startServer, type Running } from '../helpers/server';
import { connectStream, type StreamMessage } from './stream-client';

interface Dl {
  status: number;
  body: Record<string, unknown>;
}

interface DlActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  replyToId?: string;
  channelData?: { reach?: { kind?: string; locale?: string; reason?: string }; clientActivityID?: string };
  suggestedActions?: { actions: { title: string; value: unknown }[]; to: string[] };
}

async function call(base: string, path: string, token: string | null, method = 'GET', body?: unknown): Promise<Dl> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

interface Session {
  token: string;
  conversationId: string;
  userId: string;
  domain: string;
  expires_in: number;
}

/** What the page does: a token from the bot server, then the Direct Line start, as directlinejs sends it. */
async function open(url: string, locale?: string): Promise<Session> {
  const { status, body } = await call(url, '/api/directline/token', null, 'POST', {});
  expect(status).toBe(200);
  const session = body as unknown as Session;
  const started = await call(url, `${session.domain}/conversations`, session.token, 'POST', { user: {}, locale });
  expect(started.status).toBe(201);
  expect(started.body.conversationId).toBe(session.conversationId);
  return session;
}

async function poll(url: string, s: Session, watermark = ''): Promise<{ activities: DlActivity[]; watermark: string }> {
  const { status, body } = await call(url, `${s.domain}/conversations/${s.conversationId}/activities?watermark=${watermark}`, s.token);
  expect(status).toBe(200);
  return body as unknown as { activities: DlActivity[]; watermark: string };
}

async function say(url: string, s: Session, text: string, extra: Record<string, unknown> = {}): Promise<Dl> {
  return call(url, `${s.domain}/conversations/${s.conversationId}/activities`, s.token, 'POST', {
    type: 'message',
    text,
    from: { id: 'whoever-the-page-says', role: 'user' },
    channelData: { clientActivityID: 'c-1' },
    ...extra,
  });
}

describe('built-in Direct Line (no Azure)', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer({ DIRECTLINE_SECRET: '' });
  });
  afterAll(() => server.close());

  test('the token endpoint hands out a short-lived token for one new conversation', async () => {
    const a = (await call(server.url, '/api/directline/token', null, 'POST', {})).body as unknown as Session;
    const b = (await call(server.url, '/api/directline/token', null, 'POST', {})).body as unknown as Session;
    expect(a.domain).toBe('/v3/directline');
    expect(a.conversationId).not.toBe(b.conversationId);
    expect(a.token).not.toBe(b.token);
    expect(a.expires_in).toBeGreaterThan(15 * 60); // the page refreshes every 15 minutes
    expect(a.expires_in).toBeLessThanOrEqual(60 * 60);
  });

  test('starting the conversation brings the greeting before anyone types, in the language asked for', async () => {
    const en = await open(server.url, 'en-US');
    const first = await poll(server.url, en);
    expect(first.activities.length).toBeGreaterThan(0);
    expect(first.activities[0]?.channelData?.reach).toMatchObject({ kind: 'greeting', locale: 'en' });
    expect(first.activities[0]?.from.role).toBe('bot');
    expect(first.activities[0]?.suggestedActions?.actions.length).toBeGreaterThan(0);
    // Suggested actions are addressed to the user the token names, so the page shows them.
    expect(first.activities[0]?.suggestedActions?.to).toEqual([en.userId]);

    const es = await open(server.url, 'es-ES');
    expect((await poll(server.url, es)).activities[0]?.channelData?.reach).toMatchObject({ kind: 'greeting', locale: 'es' });
  });

  test('starting twice does not greet twice', async () => {
    const s = await open(server.url);
    const again = await call(server.url, `${s.domain}/conversations`, s.token, 'POST', {});
    expect(again.status).toBe(200);
    const greetings = (await poll(server.url, s)).activities.filter((a) => a.channelData?.reach?.kind === 'greeting');
    expect(greetings).toHaveLength(1);
  });

  test('a message is echoed as the user the token names, then answered by the bot', async () => {
    const s = await open(server.url);
    const greeted = await poll(server.url, s);
    const posted = await say(server.url, s, 'que es la visa t');
    expect(posted.status).toBe(200);
    const { activities } = await poll(server.url, s, greeted.watermark);
    const [echo, typing, answer] = activities;
    expect(echo).toMatchObject({ id: posted.body.id, type: 'message', text: 'que es la visa t', from: { id: s.userId, role: 'user' } });
    expect(echo?.channelData?.clientActivityID).toBe('c-1');
    // The bot's typing indicator, shown until its answer comes.
    expect(typing).toMatchObject({ type: 'typing', from: { role: 'bot' } });
    expect(answer?.from.role).toBe('bot');
    expect(answer?.replyToId).toBe(echo?.id);
    expect(answer?.channelData?.reach).toMatchObject({ kind: 'answer', topic: 'rights.t-visa', locale: 'es' });
  });

  test('a tapped suggested action (messageBack value) gets that topic', async () => {
    const s = await open(server.url, 'en-US');
    const greeted = await poll(server.url, s);
    const action = greeted.activities[0]?.suggestedActions?.actions[0];
    expect(action).toBeDefined();
    await say(server.url, s, action!.title, { value: action!.value });
    const { activities } = await poll(server.url, s, greeted.watermark);
    const reply = activities.find((a) => a.type === 'message' && a.from.role === 'bot');
    expect(reply?.channelData?.reach).toMatchObject({ kind: 'answer', topic: (action!.value as { topic: string }).topic });
  });

  test('a danger message gets the handoff, 911 on its first line', async () => {
    const s = await open(server.url);
    const greeted = await poll(server.url, s);
    await say(server.url, s, 'he locked me in and took my phone');
    const reply = (await poll(server.url, s, greeted.watermark)).activities.find((a) => a.type === 'message' && a.from.role === 'bot');
    expect(reply?.channelData?.reach).toMatchObject({ kind: 'handoff', reason: 'danger' });
    expect(reply?.text?.split('\n')[0]).toMatch(/911/);
  });

  test('the stream brings the echo, the typing indicator and the reply the moment the bot sends them, with no poll', async () => {
    const s = await open(server.url, 'en-US');
    const started = await call(server.url, `${s.domain}/conversations`, s.token, 'POST', {});
    const streamUrl = started.body.streamUrl as string;
    expect(streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${s.conversationId}/stream\\?t=`));
    const stream = await connectStream(streamUrl);
    try {
      // What was queued before the page connected (the greeting) comes first.
      const greeting = await stream.next();
      expect(greeting.message.activities[0]).toMatchObject({ type: 'message', from: { role: 'bot' } });

      const posted = await say(server.url, s, 'signs of debt bondage');
      const seen: StreamMessage['activities'] = [];
      while (!seen.some((a) => a.type === 'message' && a.from.role === 'bot')) {
        const { message } = await stream.next();
        seen.push(...message.activities);
      }
      expect(seen.map((a) => `${a.from.role}:${a.type}`)).toEqual(['user:message', 'bot:typing', 'bot:message']);
      expect(seen[2]?.replyToId).toBe(posted.body.id);
      // It came over the stream, pushed: this test never polled for it (the delay itself is in
      // `npm run bench:web`, not asserted here).

      // The page has it: nothing of it is kept for a later poll.
      expect((await poll(server.url, s, '0')).activities).toEqual([]);
      // Pings are answered; keep-alives (empty text frames) are ignored.
      stream.send(1);
      stream.send(9, Buffer.from('hi'));
      await new Promise((r) => setTimeout(r, 100));
      expect(stream.control).toContain(0xa);
    } finally {
      await stream.close();
    }
  });

  test('a stream opens only with a valid token for its own conversation', async () => {
    const a = await open(server.url);
    const b = await open(server.url);
    const base = server.url.replace(/^http/, 'ws');
    await expect(connectStream(`${base}/v3/directline/conversations/${a.conversationId}/stream?t=${b.token}`)).rejects.toThrow(/403/);
    await expect(connectStream(`${base}/v3/directline/conversations/${a.conversationId}/stream`)).rejects.toThrow(/403/);
    const reconnect = await call(server.url, `${a.domain}/conversations/${a.conversationId}?watermark=`, a.token);
    expect(reconnect.body.streamUrl).toContain(`/conversations/${a.conversationId}/stream?t=`);
  });

  test('what the page has fetched is not kept: nothing of it can be read again', async () => {
    const s = await open(server.url);
    const greeted = await poll(server.url, s);
    await say(server.url, s, 'what are the signs of labor trafficking');
    const after = await poll(server.url, s, greeted.watermark);
    expect(after.activities.length).toBeGreaterThan(0);
    await poll(server.url, s, after.watermark); // acknowledges everything
    const replay = await poll(server.url, s, '0');
    expect(replay.activities).toEqual([]);
  });

  test('a token opens only its own conversation', async () => {
    const mine = await open(server.url);
    const theirs = await open(server.url);
    const peek = await call(server.url, `/v3/directline/conversations/${theirs.conversationId}/activities?watermark=`, mine.token);
    expect(peek.status).toBe(403);
    const post = await call(server.url, `/v3/directline/conversations/${theirs.conversationId}/activities`, mine.token, 'POST', { type: 'message', text: 'hi' });
    expect(post.status).toBe(403);
    const forged = `${mine.token.split('.')[0]}.${'A'.repeat(43)}`;
    expect((await call(server.url, `/v3/directline/conversations/${mine.conversationId}/activities`, forged)).status).toBe(403);
    expect((await call(server.url, `/v3/directline/conversations/${mine.conversationId}/activities`, null)).status).toBe(403);
  });

  test('refresh gives a new token for the same conversation', async () => {
    const s = await open(server.url);
    const refreshed = await call(server.url, '/v3/directline/tokens/refresh', s.token, 'POST', {});
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(s.conversationId);
    const token = refreshed.body.token as string;
    expect((await call(server.url, `/v3/directline/conversations/${s.conversationId}/activities?watermark=`, token)).status).toBe(200);
  });

  test('only messages and events reach the bot; typing is acknowledged and dropped; other bodies get 400', async () => {
    const s = await open(server.url);
    const greeted = await poll(server.url, s);
    const typing = await call(server.url, `/v3/directline/conversations/${s.conversationId}/activities`, s.token, 'POST', { type: 'typing' });
    expect(typing.status).toBe(200);
    expect((await poll(server.url, s, greeted.watermark)).activities).toEqual([]);
    for (const body of [{ type: 'conversationUpdate' }, { text: 'no type' }, [], { type: 42 }]) {
      const res = await call(server.url, `/v3/directline/conversations/${s.conversationId}/activities`, s.token, 'POST', body);
      expect(res.status).toBe(400);
    }
  });

  test('an unknown conversation is over (404), as Direct Line clients expect', async () => {
    const { body } = await call(server.url, '/api/directline/token', null, 'POST', {});
    const s = body as unknown as Session;
    expect((await call(server.url, `/v3/directline/conversations/${s.conversationId}/activities?watermark=`, s.token)).status).toBe(404);
  });
});

describe('tokens', () => {
  test('expire, and a token from another key is refused', () => {
    let now = 1_000_000;
    const issuer = new TokenIssuer(60_000, () => now);
    const { token } = issuer.issue('conv', 'user');
    expect(issuer.verify(token)).toMatchObject({ conversationId: 'conv', userId: 'user' });
    now += 60_001;
    expect(issuer.verify(token)).toBeNull();
    expect(issuer.verify(issuer.issue('conv', 'user').token)).not.toBeNull();
    expect(new TokenIssuer(60_000).verify(issuer.issue('conv', 'user').token)).toBeNull();
    expect(issuer.verify('garbage')).toBeNull();
  });
});

describe('which Direct Line the page uses', () => {
  test('Azure with a secret, built-in in local mode, none when an app id would need authentication', () => {
    expect(directLineMode(loadConfig({ DIRECTLINE_SECRET: 's' }))).toBe('azure');
    expect(directLineMode(loadConfig({}))).toBe('builtin');
    expect(directLineMode(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }))).toBe('off');
  });
});

/** A stand-in for Azure's Direct Line token service, on loopback. */
function fakeAzure(answer: (req: IncomingMessage, body: string) => { status: number; body: unknown }): Promise<{ url: string; seen: { auth?: string; body: string }[]; close(): Promise<void> }> {
  const seen: { auth?: string; body: string }[] = [];
  const server: HttpServer = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ auth: req.headers.authorization, body });
      const out = req.url === '/v3/directline/tokens/generate' && req.method === 'POST' ? answer(req, body) : { status: 404, body: {} };
      res.writeHead(out.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out.body));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

describe('production: DIRECTLINE_SECRET set', () => {
  const SECRET = 'test-secret-never-in-the-browser';

  test('the token endpoint exchanges the secret with Direct Line; the page gets the token, never the secret', async () => {
    const azure = await fakeAzure((req) =>
      req.headers.authorization === `Bearer ${SECRET}`
        ? { status: 200, body: { conversationId: 'azure-conv', token: 'azure-token', expires_in: 3600 } }
        : { status: 403, body: {} },
    );
    const server = await startServer({ DIRECTLINE_SECRET: SECRET, DIRECTLINE_ENDPOINT: azure.url });
    try {
      const res = await fetch(`${server.url}/api/directline/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(text).not.toContain(SECRET);
      const body = JSON.parse(text) as Session;
      expect(body).toMatchObject({ token: 'azure-token', conversationId: 'azure-conv', domain: `${azure.url}/v3/directline` });
      // The token names the user, so Direct Line adds them at once and the bot greets before they type.
      expect(JSON.parse(azure.seen[0]!.body)).toEqual({ user: { id: body.userId } });
      expect(body.userId).toMatch(/^dl_/);

      const page = await (await fetch(`${server.url}/`)).text();
      expect(page).not.toContain(SECRET);
      // The built-in Direct Line is off: the page talks to Azure's.
      expect((await call(server.url, '/v3/directline/conversations', 'x', 'POST', {})).status).toBe(404);
    } finally {
      await server.close();
      await azure.close();
    }
  });

  test('when Direct Line refuses, the page is told the chat is unavailable, with no details', async () => {
    const azure = await fakeAzure(() => ({ status: 500, body: { error: { message: 'internal detail' } } }));
    const server = await startServer({ DIRECTLINE_SECRET: SECRET, DIRECTLINE_ENDPOINT: azure.url });
    try {
      const res = await fetch(`${server.url}/api/directline/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(502);
      expect(await res.json()).toEqual({ error: 'unavailable' });
    } finally {
      await server.close();
      await azure.close();
    }
  });
});
