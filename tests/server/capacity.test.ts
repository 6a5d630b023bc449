import { ConversationStore, DIRECT_LINE, type DirectLineConversation } from '../../src/server/directline/conversations';
import { startServer, type Running } from '../helpers/server';

/**
 * Fair web-chat capacity (issue 20): one address used to fill the built-in Direct Line's 5,000
 * conversations (polling kept them alive) and lock every new visitor out for half an hour.
 */

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

async function call(url: string, path: string, from: string, token?: string, body?: unknown, method = 'POST'): Promise<Answer> {
  const headers: Record<string, string> = { 'x-forwarded-for': from };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

interface Session {
  readonly token: string;
  readonly conversationId: string;
  readonly domain: string;
}

/** Take a token and start its conversation, as the page does; the start's status. */
async function open(url: string, from: string): Promise<{ session: Session; status: number }> {
  const token = await call(url, '/api/directline/token', from, undefined, {});
  expect(token.status).toBe(200);
  const session = token.body as unknown as Session;
  const started = await call(url, `${session.domain}/conversations`, from, session.token);
  return { session, status: started.status };
}

describe('one client opening thousands of conversations leaves a second client served', () => {
  let server: Running;
  beforeAll(async () => {
    // Behind one trusted proxy, so two clients can be told apart on loopback by the address it forwards.
    // The token rate limit is lifted: it is not what this test is about (it alone would slow one client).
    server = await startServer({ KNOWLEDGE_RELOAD: 'off', TRUST_PROXY: '1', RATE_LIMIT_CLIENT_PER_MINUTE: '1000000' });
  });
  afterAll(() => server.close());

  test('the first client gets its share, then 429; the second chats as usual', async () => {
    const FIRST = '203.0.113.7';
    const statuses: number[] = [];
    for (let batch = 0; batch < 2000 / 50; batch++) {
      const opened = await Promise.all(Array.from({ length: 50 }, () => open(server.url, FIRST)));
      statuses.push(...opened.map((o) => o.status));
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(DIRECT_LINE.maxPerClient);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2000 - DIRECT_LINE.maxPerClient);

    const { session, status } = await open(server.url, '198.51.100.9');
    expect(status).toBe(201);
    const base = `${session.domain}/conversations/${session.conversationId}/activities`;
    const posted = await call(server.url, base, '198.51.100.9', session.token, { type: 'message', text: 'what is a t visa' });
    expect(posted.status).toBe(200);
    const polled = await call(server.url, base, '198.51.100.9', session.token, undefined, 'GET');
    const replies = polled.body.activities as { channelData?: { reach?: { kind?: string; topic?: string } } }[];
    expect(replies.map((a) => a.channelData?.reach).filter(Boolean)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'answer', topic: 'rights.t-visa' })]),
    );
  }, 120_000);

  test('without a trusted proxy, a forged X-Forwarded-For does not buy another share', async () => {
    const direct = await startServer({ KNOWLEDGE_RELOAD: 'off', RATE_LIMIT_CLIENT_PER_MINUTE: '1000000' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < DIRECT_LINE.maxPerClient + 5; i++) statuses.push((await open(direct.url, `192.0.2.${i}`)).status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(DIRECT_LINE.maxPerClient);
      expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
    } finally {
      await direct.close();
    }
  }, 60_000);
});

describe('a full store lets an idle conversation go before it refuses a new visitor', () => {
  let clock = 0;
  let store: ConversationStore;
  beforeEach(() => {
    clock = 1_000_000;
    store = new ConversationStore(() => clock);
  });
  afterEach(() => store.close());

  /** Fill the store from many clients, each within its share. */
  function fill(): DirectLineConversation[] {
    const made: DirectLineConversation[] = [];
    for (let i = 0; i < DIRECT_LINE.maxConversations; i++) {
      const c = store.create(`c${i}`, `u${i}`, `client-${Math.floor(i / DIRECT_LINE.maxPerClient)}`);
      if (typeof c === 'string') throw new Error(`refused at ${i}: ${c}`);
      made.push(c);
    }
    return made;
  }

  test('while every conversation is fresh, a new visitor is refused (503), not given someone else’s', () => {
    fill();
    expect(store.create('new', 'u-new', 'newcomer')).toBe('full');
    expect(store.size).toBe(DIRECT_LINE.maxConversations);
  });

  test('a conversation where nobody has written goes after a minute, even if it is polled', () => {
    const all = fill();
    for (const c of all) c.spoken = true;
    all[10]!.spoken = false;
    clock += DIRECT_LINE.evictSilentMs;
    for (const c of all) store.get(c.id); // everyone polls, the silent one too
    const made = store.create('new', 'u-new', 'newcomer');
    expect(typeof made).toBe('object');
    expect(store.get(all[10]!.id)).toBeUndefined();
    expect(store.get(all[11]!.id)).toBeDefined();
  });

  test('a conversation nobody has polled or posted to for three minutes goes, the least recently used first', () => {
    const all = fill();
    for (const c of all) c.spoken = true;
    clock += DIRECT_LINE.evictIdleMs - 1000;
    for (const c of all.slice(2)) store.get(c.id); // all but the first two are still in use
    clock += 1000;
    expect(typeof store.create('a', 'u-a', 'newcomer')).toBe('object');
    expect(typeof store.create('b', 'u-b', 'newcomer')).toBe('object');
    expect(store.get(all[0]!.id)).toBeUndefined();
    expect(store.get(all[1]!.id)).toBeUndefined();
    expect(store.create('c', 'u-c', 'newcomer')).toBe('full');
  });

  test('a client at its share lets its own idle conversation go, never another client’s', () => {
    const mine = Array.from({ length: DIRECT_LINE.maxPerClient }, (_, i) => store.create(`m${i}`, 'u', 'me') as DirectLineConversation);
    const theirs = store.create('t', 'u', 'them') as DirectLineConversation;
    expect(store.create('m-extra', 'u', 'me')).toBe('client-full');
    clock += DIRECT_LINE.evictSilentMs;
    expect(typeof store.create('m-extra', 'u', 'me')).toBe('object');
    expect(store.heldBy('me')).toBe(DIRECT_LINE.maxPerClient);
    expect(store.get(mine[0]!.id)).toBeUndefined();
    expect(store.get(theirs.id)).toBeDefined();
  });
});
