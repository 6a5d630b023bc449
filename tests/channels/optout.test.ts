import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MemoryStorage, type Activity } from 'botbuilder';
import { detectKeyword } from '../../src/channels/keywords';
import { OPT_OUT_DIR } from '../../src/channels/optOutPhrases';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { createConversationStore } from '../../src/state';
import { chatOn, messages, traceOf } from './helpers';

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

const PHRASES = {
  es: lines(path.join(OPT_OUT_DIR, 'es.txt')),
  en: lines(path.join(OPT_OUT_DIR, 'en.txt')),
};
const ORDINARY = lines(path.join(__dirname, 'fixtures', 'after-stop.txt'));
const text = (replies: Partial<Activity>[]) => messages(replies).map((a) => a.text ?? '').join('\n');

describe.each(['es', 'en'] as const)('opt-outs in the person\'s own words (%s list)', (locale) => {
  const [please, thanks] = locale === 'es' ? ['por favor', 'gracias'] : ['please', 'thanks'];

  test.each(PHRASES[locale])('%j counts as STOP, alone, shouted or with a filler word', (phrase) => {
    for (const said of [phrase, `${phrase.toUpperCase()}!!`, `${please} ${phrase}`, `${phrase} ${thanks}`]) {
      expect(detectKeyword(said, false)).toEqual({ keyword: 'stop', locale, natural: true });
    }
  });

  test.each(PHRASES[locale])('%j with more to say is a message, not an opt-out', (phrase) => {
    const more = locale === 'es' ? `${phrase} porque mi jefe me amenaza` : `${phrase} because my boss threatens me`;
    expect(detectKeyword(more, false)).toBeNull();
  });
});

test('an opt-out as it is typed in a text ("xfa", "porfis", "thx") is still one', () => {
  for (const said of ['no me manden mas mensajes xfa', 'ya no me escriban porfis', 'no me manden mas x favor', 'stop texting me pls thx']) {
    expect(detectKeyword(said, false)).toMatchObject({ keyword: 'stop', natural: true });
  }
});

test('an opt-out with its reason, a phone someone else reads, is still one (opt-out/reasons.txt); anything more is a message', () => {
  for (const [said, locale] of [
    ['no me manden mas mensajes xfa q mi patron me revisa el cel', 'es'],
    ['ya no me manden mensajes x favor, el revisa mi cel', 'es'],
    ['stop texting me, my husband checks my phone', 'en'],
    ['take me off your list, he checks my phone', 'en'],
  ] as const) {
    expect(detectKeyword(said, false)).toEqual({ keyword: 'stop', locale, natural: true });
  }
  // Who reads the phone counts only beside a reason; harm told with it goes to safety.
  expect(detectKeyword('ya no me manden mensajes mi esposo', false)).toBeNull();
  expect(detectKeyword('stop texting me he checks my phone and he hits me', false)).toBeNull();
});

test.each(lines(path.join(OPT_OUT_DIR, 'reasons.txt')))('reason %j after an opt-out leaves it an opt-out', (reason) => {
  expect(detectKeyword(`stop texting me, ${reason}`, false)).toMatchObject({ keyword: 'stop', natural: true });
});

test('an opt-out may say what about ("de eso", "about this"); more than that is a message', () => {
  expect(detectKeyword('no quiero recibir mas mensajes de eso', false)).toEqual({ keyword: 'stop', locale: 'es', natural: true });
  expect(detectKeyword('stop texting me about this please', false)).toEqual({ keyword: 'stop', locale: 'en', natural: true });
  expect(detectKeyword('no me escriban de eso q me dijo mi jefe', false)).toBeNull();
});

test('two opt-out phrases in one message are one opt-out; an opt-out phrase and anything else is a message', () => {
  expect(detectKeyword("I don't want these messages anymore, take me off your list", false)).toEqual({ keyword: 'stop', locale: 'en', natural: true });
  expect(detectKeyword('ya no quiero recibir nada de esto, borren mi numero', false)).toEqual({ keyword: 'stop', locale: 'es', natural: true });
  expect(detectKeyword('stop texting me or ill call the police', false)).toBeNull();
});

test('out of a chat or a group is an opt-out; out of a place is not ("sáquenme de aquí" is read by safety)', () => {
  expect(detectKeyword('saquenme de su whatsapp', false)).toEqual({ keyword: 'stop', locale: 'es', natural: true });
  expect(detectKeyword('take me off this chat pls', false)).toEqual({ keyword: 'stop', locale: 'en', natural: true });
  for (const cry of ['saquenme', 'sáquenme de aquí', 'sacame de aqui porfa', 'take me out of here', 'saquenme de esta casa']) {
    expect(detectKeyword(cry, false)).toBeNull();
  }
});

test('the lists have enough phrases to matter', () => {
  expect(ORDINARY).toHaveLength(50);
  expect(PHRASES.es.length).toBeGreaterThanOrEqual(20);
  expect(PHRASES.en.length).toBeGreaterThanOrEqual(20);
});

describe.each(['sms', 'whatsapp'])('the opt-out kept on %s', (channelId) => {
  test.each(['ALTO', 'STOP', 'ya no quiero mensajes', 'no me manden mas', 'stop texting me', 'unsubscribe', 'ya no me escriban'])(
    'after %j, 50 ordinary messages get no reply at all',
    async (stop) => {
      const chat = await chatOn(channelId);
      const [confirm] = messages(await chat.say(stop));
      // An opt-out is confirmed once, never read as a cry for help ("ya no quiero…").
      expect(traceOf(confirm!)).toMatchObject({ kind: 'notice' });
      expect(confirm!.text).toMatch(/START|COMENZAR/);
      for (const message of ORDINARY) expect({ message, replies: await chat.say(message) }).toEqual({ message, replies: [] });
      // Said again in their own words, it needs no second confirmation.
      expect(await chat.say('ya no me escriban')).toEqual([]);
    },
  );

  test.each([
    ['me tienen encerrada y no me dejan salir', 'danger', /^Si est[aá] en peligro en este momento, llame al 911\./],
    ['he locked me in and took my phone', 'danger', /^If you are in danger right now, call 911\./],
    ['quiero matarme', 'self-harm', /988/],
  ])('after ALTO, %j still gets the %s handoff, with no numbered choices', async (message, reason, first) => {
    const chat = await chatOn(channelId);
    await chat.say('hola');
    await chat.say('ALTO');
    const replies = messages(await chat.say(message));
    expect(replies).toHaveLength(1);
    expect(traceOf(replies[0]!)).toMatchObject({ kind: 'handoff', reason });
    expect(replies[0]!.text).toMatch(first);
    expect(replies[0]!.text).not.toMatch(/^\d\. |Responda \d|Reply \d|seguir escribi|keep writing/m);
    expect(replies[0]!.suggestedActions).toBeUndefined();
    // Still stopped: a number gets silence, as nothing offered it.
    expect(await chat.say('1')).toEqual([]);
  });

  test('after ALTO, HELP and AYUDA are answered; INICIO resumes', async () => {
    const chat = await chatOn(channelId);
    await chat.say('ALTO');
    expect(text(await chat.say('AYUDA'))).toMatch(/911.*1-888-373-7888/s);
    expect(await chat.say('que es la visa t')).toEqual([]);
    const [resumed] = messages(await chat.say('INICIO'));
    expect(traceOf(resumed!)).toMatchObject({ kind: 'notice', locale: 'es' });
    expect(traceOf(messages(await chat.say('que es la visa t'))[0]!)).toMatchObject({ kind: 'answer', topic: 'rights.t-visa' });
  });

  test.each(['START', 'INICIO', 'COMENZAR', 'UNSTOP'])(
    'the opt-out outlasts the conversation state, until %s',
    async (start) => {
      let now = Date.parse('2026-12-01T10:00:00Z');
      const inner = new MemoryStorage();
      const config = loadConfig({ LOG_LEVEL: 'silent', STATE_TTL_MINUTES: '30' });
      const store = createConversationStore(config, { logger: createLogger('silent'), now: () => now, inner });
      const phone = '+19195550123';
      const options = { conversationState: store.conversationState, optOuts: store.optOuts, from: phone };
      try {
        const chat = await chatOn(channelId, {}, undefined, options);
        await chat.say('que es la visa t');
        await chat.say('ALTO');
        now += 31 * 60_000;
        // The conversation's state is gone (swept), the opt-out is not.
        await store.storage.sweep();
        const kept = JSON.stringify(inner);
        expect(kept).not.toMatch(/conv-/);
        expect(kept).toMatch(/optout-/);
        // Never the number, in any form: only a keyed hash and when it was written.
        expect(kept).not.toMatch(/9195550123|919-555/);
        expect(await chat.say('que es la visa t')).toEqual([]);
        expect(await chat.say('hola')).toEqual([]);
        // A new conversation from the same number on the same channel is still stopped.
        const again = await chatOn(channelId, {}, undefined, options);
        expect(await again.say('hola')).toEqual([]);
        const [resumed] = messages(await chat.say(start));
        expect(traceOf(resumed!)).toMatchObject({ kind: 'notice' });
        expect(JSON.stringify(inner)).not.toMatch(/optout-/);
        expect(traceOf(messages(await chat.say('que es la visa t'))[0]!)).toMatchObject({ kind: 'answer' });
      } finally {
        store.close();
      }
    },
  );
});

test('on web chat the opt-out words are ordinary messages', async () => {
  const chat = await chatOn('webchat');
  expect(messages(await chat.say('unsubscribe')).length).toBeGreaterThan(0);
  expect(messages(await chat.say('what is a t visa')).length).toBeGreaterThan(0);
});
