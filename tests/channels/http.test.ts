import { MemoryStorage } from 'botbuilder';
import { countSegments } from '../../src/channels/gsm';
import { smsSegments, TEXT_BUDGET } from '../../src/channels/short';
import { activity, post, startServer, type Replies, type Running } from '../helpers/server';
import answers from './fixtures/text-answers.json';

/**
 * The text channels as they reach the real endpoint: Bot Framework activities with channelId sms or
 * whatsapp, asking for the replies in the response (deliveryMode expectReplies).
 */
describe.each(['sms', 'whatsapp'])('over HTTP on %s', (channelId) => {
  let server: Running;
  const inner = new MemoryStorage();
  let n = 0;

  beforeAll(async () => {
    server = await startServer({}, { stateStorage: inner });
  });
  afterAll(() => server.close());

  /** One person texting from one number: every message in one conversation. */
  function person() {
    n += 1;
    const over = { channelId, conversation: { id: `${channelId}-conv-${n}` }, from: { id: `+1919555${String(n).padStart(4, '0')}` } };
    return async (text: string): Promise<Replies['activities']> => {
      const res = await post(server.url, activity(text, over));
      expect(res.status).toBe(200);
      return res.activities.filter((a) => a.type === 'message');
    };
  }
  const cost = (replies: Replies['activities']) =>
    replies.map((a) => (channelId === 'sms' ? countSegments(a.text ?? '').segments : smsSegments(a.text ?? ''))).reduce((x, y) => x + y, 0);
  const all = (replies: Replies['activities']) => replies.map((a) => a.text ?? '').join('\n');

  test('the Spanish greeting fits 3 segments; five Spanish answers fit 4 each', async () => {
    const say = person();
    const greeting = await say('hola');
    expect(greeting[0]?.channelData?.reach).toMatchObject({ kind: 'greeting', locale: 'es' });
    expect(cost(greeting)).toBeLessThanOrEqual(TEXT_BUDGET.greeting);
    for (const { text, topic } of answers.filter((a) => a.locale === 'es')) {
      const replies = await say(text);
      expect(replies[0]?.channelData?.reach).toMatchObject({ kind: 'answer', topic, locale: 'es' });
      expect(cost(replies)).toBeLessThanOrEqual(TEXT_BUDGET.answer);
    }
  });

  test('a conversation that opens with a question gets the privacy line in its first reply', async () => {
    const say = person();
    const first = await say('que es la visa t');
    expect(first[0]?.channelData?.reach).toMatchObject({ kind: 'answer', topic: 'rights.t-visa' });
    expect(all(first)).toMatch(/Este chat no se guarda\. Responda ALTO .*AYUDA/);
    expect(cost(first)).toBeLessThanOrEqual(TEXT_BUDGET.answer);
  });

  test('a lone "1" with no menu gets the menu', async () => {
    const say = person();
    await say('que es la visa t');
    await say('AYUDA'); // a reply with no menu
    const replies = await say('1');
    expect(replies[0]?.channelData?.reach).toMatchObject({ kind: 'menu', locale: 'es' });
  });

  test('after ALTO: silence, the danger handoff with no choices, INICIO resumes', async () => {
    const say = person();
    await say('hola');
    await say('ALTO');
    expect(await say('porq ya no contestan')).toEqual([]);
    expect(await say('y si mejor quiero donar')).toEqual([]);
    const danger = await say('me tienen encerrada y no me dejan salir');
    expect(danger).toHaveLength(1);
    expect(danger[0]?.channelData?.reach).toMatchObject({ kind: 'handoff', reason: 'danger' });
    expect(all(danger)).not.toMatch(/^\d\. |Responda \d/m);
    expect(await say('1')).toEqual([]);
    const resumed = await say('INICIO');
    expect(resumed[0]?.channelData?.reach).toMatchObject({ kind: 'notice', locale: 'es' });
    expect((await say('que es la visa t'))[0]?.channelData?.reach).toMatchObject({ kind: 'answer' });
  });

  test('START resumes after the conversation state expired', async () => {
    const say = person();
    await say('hola');
    await say('STOP');
    // The sweep deleted the conversation's state (idle past STATE_TTL_MINUTES); opt-outs are not swept.
    const memory = inner as unknown as { memory: Record<string, unknown> };
    const swept = Object.keys(memory.memory).filter((key) => key.startsWith('conv-'));
    for (const key of swept) delete memory.memory[key];
    expect(swept.length).toBeGreaterThan(0);
    expect(Object.keys(memory.memory).some((key) => key.startsWith('optout-'))).toBe(true);
    expect(await say('what is a t visa')).toEqual([]);
    const resumed = await say('START');
    expect(resumed[0]?.channelData?.reach).toMatchObject({ kind: 'notice' });
    expect((await say('what is a t visa'))[0]?.channelData?.reach).toMatchObject({ kind: 'answer' });
  });
});
