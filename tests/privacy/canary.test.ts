import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';

/**
 * A person writes a message that carries something identifying (a marker and a phone number) in every
 * field a channel can fill: the text, their id and name, the conversation id, the activity id, channel
 * data. Afterwards that must appear in no log line, nothing kept in state, and no answer to anyone else.
 */
const CANARY = 'CANARY-7f3a +15555550123';
/** What must never be found: the marker and the number in any of the forms it could be copied in. */
const TRACES = [/canary-7f3a/i, /5555550123/, /555[-. ]555[-. ]0123/];
const CHANNELS = ['emulator', 'webchat', 'directline', 'sms', 'whatsapp', 'facebook', 'telegram', 'msteams'];

const leaks = (haystack: string) => TRACES.filter((t) => t.test(haystack)).map(String);

/** State storage that keeps a copy of every key and value ever written. */
class RecordingStorage extends MemoryStorage {
  readonly written: string[] = [];
  override async write(changes: StoreItems): Promise<void> {
    for (const [key, value] of Object.entries(changes)) this.written.push(key, JSON.stringify(value));
    await super.write(changes);
  }
  everything(): string {
    return [...this.written, ...Object.keys(this.memory), ...Object.values(this.memory)].join('\n');
  }
}

/** A channel on loopback: the bot posts replies to it when a request does not ask for them inline. */
class Channel {
  readonly received: { path: string; body: string }[] = [];
  private server!: Server;
  url = '';
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        this.received.push({ path: decodeURIComponent(req.url ?? ''), body });
        res.setHeader('content-type', 'application/json');
        res.end('{"id":"1"}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Exchange {
  readonly conversation: string;
  readonly status: number;
  readonly text: string;
  readonly headers: string;
}

describe(`the canary "${CANARY}" on every channel`, () => {
  const lines: string[] = [];
  const consoleLines: string[] = [];
  const storage = new RecordingStorage();
  const channel = new Channel();
  const exchanges: Exchange[] = [];
  let app: App;
  let url: string;

  async function post(conversation: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    exchanges.push({ conversation, status: res.status, text: await res.text(), headers: JSON.stringify([...res.headers]) });
  }

  let n = 0;
  /** An activity from the canary's sender on a channel, the canary in every field a channel fills. */
  const fromCanary = (channelId: string, text: string, over: Record<string, unknown> = {}) => ({
    type: 'message',
    id: `${CANARY} ${++n}`,
    channelId,
    serviceUrl: channel.url,
    deliveryMode: 'expectReplies',
    conversation: { id: `${CANARY} ${channelId}`, name: CANARY },
    from: { id: channelId === 'sms' || channelId === 'whatsapp' ? '+15555550123' : CANARY, name: CANARY },
    recipient: { id: 'reach', name: 'Reach' },
    channelData: { phone: '+15555550123', note: CANARY },
    text,
    ...over,
  });

  beforeAll(async () => {
    await channel.start();
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
    }
    const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
    app = await createApp(loadConfig({ LOG_LEVEL: 'trace', KNOWLEDGE_RELOAD: 'off' }), logger, { stateStorage: storage });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    for (const channelId of CHANNELS) {
      const mine = `${CANARY} ${channelId}`;
      const joined = { ...fromCanary(channelId, ''), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: CANARY, name: CANARY }] };
      await post(mine, joined);
      for (const text of [
        CANARY,
        `que es la visa t ${CANARY}`,
        `my number is ${CANARY}, he locked me in and took my phone`,
        `mi numero es ${CANARY}, quiero hablar con una persona`,
        `${CANARY} 2`,
        `STOP ${CANARY}`,
        'START',
        `borrar ${CANARY}`,
        'borrar',
      ]) {
        await post(mine, fromCanary(channelId, text));
      }
      // Replies posted to the channel rather than returned, a retried id, an unknown type, refusals.
      const posted = fromCanary(channelId, `hola ${CANARY}`, { deliveryMode: undefined });
      await post(mine, posted);
      await post(mine, posted);
      await post(mine, fromCanary(channelId, CANARY, { type: 'typing' }));
      await post(mine, fromCanary(channelId, CANARY, { serviceUrl: 'https://example.org/' }));
      await post(mine, fromCanary(channelId, CANARY, { conversation: { id: 42 } }));
      await post(mine, `{"text": "${CANARY}", `);
      await post(mine, JSON.stringify(fromCanary(channelId, CANARY)), { 'content-type': 'text/plain' });
      await post(mine, fromCanary(channelId, `${CANARY} `.repeat(3000)));

      // Someone else on the same channel, afterwards.
      const theirs = `someone-else ${channelId}`;
      for (const text of ['hola', 'what are the signs of labor trafficking', '2', 'he locked me in']) {
        await post(theirs, { ...fromCanary(channelId, text), id: `other-${++n}`, conversation: { id: theirs }, from: { id: 'other-user' }, channelData: undefined });
      }
    }
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await app.close();
    await channel.close();
  });

  test('the conversations really ran: answers, handoffs and replies posted to the channel', () => {
    const answered = exchanges.filter((e) => e.status === 200 && e.text.includes('"reach"'));
    expect(answered.length).toBeGreaterThan(CHANNELS.length * 6);
    expect(exchanges.some((e) => e.text.includes('"handoff"'))).toBe(true);
    expect(channel.received.length).toBeGreaterThanOrEqual(CHANNELS.length);
    expect(lines.length).toBeGreaterThan(CHANNELS.length * 8);
    expect(storage.written.length).toBeGreaterThan(0);
  });

  test('no log line carries it, nor an IP address', () => {
    const logged = [...lines, ...consoleLines].join('\n');
    expect(leaks(logged)).toEqual([]);
    expect(logged).not.toContain('127.0.0.1');
  });

  test('no state key or value carries it', () => {
    expect(leaks(storage.everything())).toEqual([]);
  });

  test('no answer to anyone else carries it, and no refusal echoes it', () => {
    for (const e of exchanges.filter((x) => !x.conversation.startsWith(CANARY) || x.status !== 200)) {
      expect({ status: e.status, leaks: leaks(e.text + e.headers) }).toEqual({ status: e.status, leaks: [] });
    }
    for (const r of channel.received.filter((x) => !x.path.includes(CANARY))) expect(leaks(r.path + r.body)).toEqual([]);
  });

  test('replies to the sender address them, but never repeat what they wrote', () => {
    const own = exchanges.filter((e) => e.conversation.startsWith(CANARY) && e.status === 200);
    for (const e of own) {
      const replies = (JSON.parse(e.text || '{"activities":[]}') as { activities: { text?: string; suggestedActions?: { actions?: unknown } }[] }).activities;
      for (const reply of replies) expect(leaks(`${reply.text ?? ''}${JSON.stringify(reply.suggestedActions?.actions ?? [])}`)).toEqual([]);
    }
    for (const r of channel.received) {
      const body = JSON.parse(r.body) as { text?: string };
      expect(leaks(body.text ?? '')).toEqual([]);
    }
  });
});
