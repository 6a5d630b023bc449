import type { Activity } from 'botbuilder';
import { buildReplies, firstContactLine } from '../../src/bot/replies';
import { countSegments, isGsm7 } from '../../src/channels/gsm';
import { profileFor } from '../../src/channels/profiles';
import { toActivities } from '../../src/channels/render';
import { answerPage, smsSegments, TEXT_BUDGET } from '../../src/channels/short';
import { createI18n } from '../../src/i18n';
import type { KnowledgeStore } from '../../src/knowledge/store';
import { realKnowledge } from '../helpers/bot';
import { chatOn, messages, traceOf } from './helpers';
import answers from './fixtures/text-answers.json';

const TEXT_CHANNELS = ['sms', 'whatsapp'] as const;
const i18n = createI18n();

/** What a reply costs: real segments on SMS; on WhatsApp the same text measured as an SMS would be. */
function segments(channelId: string, replies: Partial<Activity>[]): number {
  return messages(replies)
    .map((a) => (channelId === 'sms' ? countSegments(a.text ?? '').segments : smsSegments(a.text ?? '')))
    .reduce((x, y) => x + y, 0);
}

const text = (replies: Partial<Activity>[]) => messages(replies).map((a) => a.text ?? '').join('\n');
const greet: Partial<Activity> = { type: 'conversationUpdate', membersAdded: [{ id: 'person', name: '' }] };

describe.each(TEXT_CHANNELS)('short by default on %s', (channelId) => {
  test.each([
    ['es', 'hola'],
    ['en', 'hi'],
  ] as const)('the %s greeting fits %d segments with its menu and contacts', async (locale, hi) => {
    for (const opening of [hi, greet]) {
      const chat = await chatOn(channelId, opening === greet ? { CHANNEL_LOCALES: `${channelId}:${locale}` } : {});
      const replies = await chat.say(opening);
      expect(traceOf(messages(replies)[0]!)).toMatchObject({ kind: 'greeting', locale });
      expect(segments(channelId, replies)).toBeLessThanOrEqual(TEXT_BUDGET.greeting);
      expect(text(replies)).toMatch(/911[\s\S]*1-888-373-7888[\s\S]*233733/);
      expect(text(replies)).toMatch(/^6\. .+$/m);
      expect(text(replies)).toMatch(locale === 'es' ? /no se guarda.*ALTO.*AYUDA/ : /not saved.*STOP.*HELP/);
    }
  });

  test.each(answers)('$locale "$text": at most 4 segments, with a contact and MORE', async ({ locale, text: q, topic }) => {
    const chat = await chatOn(channelId);
    const replies = await chat.say(q);
    expect(traceOf(messages(replies)[0]!)).toMatchObject({ kind: 'answer', topic, locale });
    expect(segments(channelId, replies)).toBeLessThanOrEqual(TEXT_BUDGET.answer);
    expect(text(replies)).toMatch(/\d{3}-\d{3}-\d{4}/);
    if (channelId === 'sms') expect(isGsm7(text(replies))).toBe(true);
  });

  test.each(['es', 'en'] as const)('in %s MORE sends the rest, part by part, then stops offering it', async (locale) => {
    const chat = await chatOn(channelId, { CHANNEL_LOCALES: `${channelId}:${locale}` });
    const q = locale === 'es' ? 'mi patron no me paga' : 'my boss does not pay me';
    const more = locale === 'es' ? 'MAS' : 'more';
    const offer = locale === 'es' ? /Responda MAS/ : /Reply MORE/;
    let replies = await chat.say(q);
    const topic = traceOf(messages(replies)[0]!).topic;
    const parts = [text(replies)];
    while (offer.test(text(replies)) && parts.length < 10) {
      replies = await chat.say(more);
      expect(traceOf(messages(replies)[0]!)).toMatchObject({ kind: 'answer', topic, locale });
      expect(segments(channelId, replies)).toBeLessThanOrEqual(TEXT_BUDGET.answer);
      parts.push(text(replies));
    }
    expect(parts.length).toBeGreaterThan(1);
    // Nothing left: MORE now gets the menu, as a lone word with nothing to continue does.
    expect(traceOf(messages(await chat.say(more))[0]!).kind).toBe('menu');
  });

  test('the first reply of a conversation that opens with a question carries the privacy line, once', async () => {
    for (const [locale, q, line] of [
      ['es', 'que es la visa t', /Este chat no se guarda\. Responda ALTO .*AYUDA/],
      ['en', 'what is a t visa', /This chat is not saved\. Reply STOP .*HELP/],
    ] as const) {
      const chat = await chatOn(channelId);
      const first = await chat.say(q);
      expect(traceOf(messages(first)[0]!)).toMatchObject({ kind: 'answer', locale });
      expect(text(first)).toMatch(line);
      expect(segments(channelId, first)).toBeLessThanOrEqual(TEXT_BUDGET.answer);
      expect(text(await chat.say(q))).not.toMatch(line);
    }
  });

  test.each(['?', '', '👍'])('a first message with no sign of a language (%j) gets a short opener in both', async (opening) => {
    const chat = await chatOn(channelId);
    const replies = await chat.say({ type: 'message', text: opening, locale: 'en-US' });
    const all = text(replies);
    expect(all).toMatch(/Hola, soy Reach/);
    expect(all).toMatch(/Hi, I'm Reach/);
    expect(all).toMatch(/911[\s\S]*1-888-373-7888/);
    expect(all).toMatch(/STOP\/ALTO/);
    expect(segments(channelId, replies)).toBeLessThanOrEqual(TEXT_BUDGET.greeting);
    // The next message decides the language, either way.
    const [next] = messages(await chat.say('que es la visa t'));
    expect(traceOf(next!)).toMatchObject({ topic: 'rights.t-visa', locale: 'es' });
    expect(next!.text).not.toMatch(/no se guarda/);
  });

  test('a bare number as the first message gets the opener with the menu in both languages; the next number picks', async () => {
    const chat = await chatOn(channelId);
    const [first] = messages(await chat.say('1'));
    expect(traceOf(first!)).toMatchObject({ kind: 'menu' });
    expect(first!.text).toMatch(/Hola, soy Reach/);
    expect(first!.text).toMatch(/1\. Señales de alerta \/ Warning signs/);
    expect(first!.text).toMatch(/STOP\/ALTO/);
    const [next] = messages(await chat.say('2'));
    expect(traceOf(next!)).toMatchObject({ kind: 'answer', topic: 'rights.general' });
  });

  test('a first "temas" shows its language through the training lines: the Spanish menu, and the next number answers in Spanish', async () => {
    const chat = await chatOn(channelId);
    const [first] = messages(await chat.say('temas'));
    expect(traceOf(first!)).toMatchObject({ kind: 'menu', locale: 'es' });
    expect(first!.text).not.toMatch(/Hi, I'm Reach/);
    const [next] = messages(await chat.say('5'));
    expect(traceOf(next!)).toMatchObject({ kind: 'answer', locale: 'es' });
  });

  test('with a channel language configured there is no bilingual opener', async () => {
    const chat = await chatOn(channelId, { CHANNEL_LOCALES: `${channelId}:es` });
    const all = text(await chat.say('?'));
    expect(all).not.toMatch(/Hi, I'm Reach/);
    expect(all).toMatch(/Este chat no se guarda/);
  });

  test('HELP says what the channel is: rates only where a carrier bills them', async () => {
    const chat = await chatOn(channelId);
    const help = text(await chat.say('HELP'));
    expect(help).toMatch(/911.*1-888-373-7888/s);
    if (channelId === 'sms') expect(help).toMatch(/rates may apply/);
    else expect(help).not.toMatch(/rates/i);
    const ayuda = text(await chat.say('AYUDA'));
    if (channelId === 'sms') expect(ayuda).toMatch(/tarifas/);
    else expect(ayuda).not.toMatch(/tarifas/);
  });
});

describe.each(['sms', 'whatsapp', 'webchat', 'telegram'])('a lone reply with no menu to pick from, on %s', (channelId) => {
  test.each(['1', '3', 'sí', 'no', 'otra', 'more'])('%j gets the menu, not a search', async (lone) => {
    // Spanish first, so that the first message is not a bilingual opener; then a reply with no menu.
    const chat = await chatOn(channelId, { CHANNEL_LOCALES: `${channelId}:es` });
    const [reply] = messages(await chat.say(lone));
    expect(traceOf(reply!)).toMatchObject({ kind: 'menu', locale: lone === 'more' ? 'en' : 'es' });
  });
});

describe('every answer in the knowledge base, in its short form', () => {
  let knowledge: KnowledgeStore;
  beforeAll(async () => {
    knowledge = await realKnowledge();
  });

  test.each(['en', 'es'] as const)('in %s fits 4 SMS segments per part, and its parts hold every word', (locale) => {
    const { base } = knowledge.current();
    const t = i18n.t(locale);
    const profile = profileFor('sms');
    const over: { id: string; page: number; cost: number }[] = [];
    let parts = 0;
    for (const entry of base.entries) {
      const [reply] = buildReplies({ kind: 'answer', topic: entry.id, confidence: 1 }, locale, base, t, { short: true });
      const footer = [firstContactLine(t)];
      const { pages } = answerPage(reply!, { t, page: 0, footer });
      const texts: string[] = [];
      for (let page = 0; page < pages; page += 1) {
        const part = answerPage(reply!, { t, page, footer }).reply;
        const sent = toActivities(part, { profile, t });
        const cost = sent.map((a) => countSegments(a.text ?? '').segments).reduce((x, y) => x + y, 0);
        if (cost > TEXT_BUDGET.answer) over.push({ id: entry.id, page, cost });
        parts += 1;
        texts.push(sent.map((a) => a.text).join(' '));
      }
      // Read in order, the parts hold the whole answer.
      const words = (s: string) => s.replace(/\s+/g, ' ');
      const whole = toActivities({ ...reply!, choices: [] }, { profile, t }).map((a) => a.text).join(' ');
      const body = words(whole).split(' ').filter((w) => w.length > 3);
      const read = words(texts.join(' '));
      for (const w of body) expect(read).toContain(w);
    }
    expect(over).toEqual([]);
    expect(parts).toBeGreaterThan(base.entries.length);
  });
});

describe('SMS_GSM7', () => {
  test('on (the default) SMS writes á í ó ú as a i o u and keeps ñ and ¿; WhatsApp keeps every accent', async () => {
    const sms = text(await (await chatOn('sms', { CHANNEL_LOCALES: 'sms:es' })).say('hola'));
    expect(isGsm7(sms)).toBe(true);
    expect(sms).toMatch(/Linea contra la Trata/);
    expect(sms).toMatch(/¿En peligro\?/);
    expect(sms).toMatch(/Señales/);
    const whatsapp = text(await (await chatOn('whatsapp', { CHANNEL_LOCALES: 'whatsapp:es' })).say('hola'));
    expect(whatsapp).toMatch(/Línea contra la Trata/);
  });

  test('off sends Spanish as written (and then it costs UCS-2 segments)', async () => {
    const chat = await chatOn('sms', { CHANNEL_LOCALES: 'sms:es', SMS_GSM7: 'off' });
    const replies = await chat.say('hola');
    expect(text(replies)).toMatch(/Línea contra la Trata/);
    expect(countSegments(text(replies)).encoding).toBe('UCS-2');
  });
});
