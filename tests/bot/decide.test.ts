import path from 'node:path';
import { decide, EMPTY_MEMORY, type Memory } from '../../src/bot/decide';
import { DATA_DIR, readPhraseFile } from '../../src/text/phrases';
import { realKnowledge } from '../helpers/bot';

const NEW_SUBJECT = readPhraseFile(path.join(DATA_DIR, 'understanding', 'new-subject.txt'));

const run = async (text: string, memory: Memory = EMPTY_MEMORY) =>
  decide({ text, defaultLocale: 'en', memory }, (await realKnowledge()).current());

describe('decide', () => {
  test.each([
    ['receta de tamales', 'es'],
    ['renew my driver license', 'en'],
    ['whats the weather tomorrow', 'en'],
  ])('out of scope %j is declined instead of answered', async (text, locale) => {
    const d = await run(text);
    expect(d.outcome.kind).toBe('out-of-scope');
    expect(d.locale).toBe(locale);
  });

  test.each(["please don't message me anymore", 'ya no me manden mensajes', 'stop texting me'])(
    'on the website, an opt-out in the person\'s own words (%j) is a goodbye, never a crisis script',
    async (text) => {
      const d = await run(text);
      expect(d.outcome).toMatchObject({ kind: 'small-talk', talk: 'bye' });
      expect(d.caution).toBeUndefined();
    },
  );

  test.each([
    'What are the warning signs that someone might be suicidal?',
    'cuales son las señales de q alguien esta pensando en quitarse la vida?',
  ])('a question in general about suicide (%j) gets the 988 entry, not the crisis script', async (text) => {
    const d = await run(text);
    expect(d.outcome).toMatchObject({ kind: 'answer', topic: 'help.crisis-988' });
    expect(d.caution).toBeUndefined();
  });

  test.each(['been looking up the tallest parking deck in charlotte', 'ya dejé todo arreglado: los papeles, el seguro y una carta pa cada hijo'])(
    'self-harm said without a first-person word (%j) is still handed off',
    async (text) => {
      expect((await run(text)).outcome).toMatchObject({ kind: 'handoff', reason: 'self-harm' });
    },
  );

  test.each(['ya no quiero vivr', 'me quiero cortrme las venas'])('self-harm with a typo (%j) is still handed off (by the model)', async (text) => {
    expect((await run(text)).outcome).toEqual({ kind: 'handoff', reason: 'self-harm' });
  });

  test.each([
    ['hola buenas, como puedo ser voluntario', 'org.get-involved'],
    ['good evening, what is a t visa', 'rights.t-visa'],
  ])('a greeting before a question (%j) is answered, not greeted', async (text, topic) => {
    expect((await run(text)).outcome).toMatchObject({ kind: 'answer', topic });
    expect((await run('hola buenas')).outcome.kind).toBe('greeting');
  });

  test('an erase request at the end of a longer message erases', async () => {
    expect((await run('ok ya anote todo. borrar mis datos por favor')).outcome).toMatchObject({ kind: 'notice', notice: 'deleted' });
  });

  test('an opt-out with more said is read as a message: danger in it is still handed off', async () => {
    expect((await run('ya no me manden mensajes, el patron me tiene encerrada y tiene pistola')).outcome).toMatchObject({ kind: 'handoff', reason: 'danger' });
  });

  test('an everyday question declined is not a miss: two in a row do not call in the hotline', async () => {
    const first = await run('receta de tamales');
    const second = await run('como renuevo mi licencia', first.memory!);
    expect(second.outcome.kind).toBe('out-of-scope');
    expect(second.memory?.misses).toBe(0);
  });

  test('two messages in a row the bot cannot read at all offer the hotline (repeated-misses)', async () => {
    const first = await run('asdfgh qwerty');
    expect(first.outcome.kind).toBe('fallback');
    const second = await run('zxcvb plokm', first.memory!);
    expect(second.outcome).toEqual({ kind: 'handoff', reason: 'repeated-misses' });
    expect(second.memory?.misses).toBe(0);
  });

  test('an answer resets the miss count', async () => {
    const first = await run('asdfgh qwerty');
    const second = await run('que es la visa t', first.memory!);
    expect(second.outcome).toMatchObject({ kind: 'answer', topic: 'rights.t-visa' });
    expect(second.memory?.misses).toBe(0);
  });

  test('safety comes before everything, even a language switch word in the same message', async () => {
    const d = await run('english please they locked me in');
    expect(d.outcome).toEqual({ kind: 'handoff', reason: 'danger' });
  });

  test('"borrar" asks to forget the conversation', async () => {
    const d = await run('borrar', { misses: 1, locale: 'es' });
    expect(d.outcome.kind).toBe('notice');
    expect(d.memory).toBeNull();
  });

  test('typos, no accents and shorthand still find the entry', async () => {
    for (const [text, topic] of [
      ['q es la bisa t', 'rights.t-visa'],
      ['mi patron tiene mi pasaporte es legal', 'signs.documents-taken'],
      ['wat r the signs of labor trafiking', 'signs.labor'],
    ] as const) {
      const d = await run(text);
      const o = d.outcome;
      const found = o.kind === 'answer' ? [o.topic] : o.kind === 'suggestions' ? o.topics : [];
      expect([text, found]).toEqual([text, expect.arrayContaining([topic])]);
    }
  });
});

describe('caution', () => {
  // A general question with a sign of harm ("they watch us") is answered, with the 911 line on top.
  test('a weak sign of control keeps the answer and puts a line first (911, or the hotline when told calmly)', async () => {
    const d = await run('how can i leave safely, they watch us');
    expect(d.outcome).toMatchObject({ kind: 'answer', topic: 'safety.leaving' });
    expect(['danger', 'hotline']).toContain(d.caution);
  });
  test('a weaker sign of a situation told, answered on a topic of exploitation, puts the hotline first', async () => {
    const d = await run('Is it legal for my boss to keep my passport?');
    expect(d.outcome).toMatchObject({ kind: 'answer', topic: 'signs.documents-taken' });
    expect(d.caution).toBe('hotline');
  });
  test('a survivor who tells what happened and asks for a lawyer gets the hotline first; the bare question does not', async () => {
    const told = await run('me explotaron en una cantina por dos años, ya sali. donde consigo un abogado gratis?');
    expect(told.outcome).toMatchObject({ kind: 'answer', topic: 'help.legal' });
    expect(told.caution).toBe('hotline');
    const bare = await run('how do i find a lawyer');
    expect(bare.outcome).toMatchObject({ kind: 'answer', topic: 'help.legal' });
    expect(bare.caution).toBeUndefined();
  });
  test('a survivor with no clear topic gets the nearest topic people ask after telling what happened, never a list to pick from', async () => {
    // A shelter (hotline-topics.txt), not the nearest list of signs (situation-topics.txt).
    const shelter = await run('Mira, yo salí de donde me tenían y estoy durmiendo en el carro de una amiga. Estoy bien ahora mismo pero necesito un sitio pa mí y mi nene');
    expect(shelter.outcome).toMatchObject({ kind: 'answer', topic: 'help.shelter' });
    expect(shelter.caution).toBe('hotline');
    const prepare = await run('soy sobreviviente y el que me tuvo sale pronto de la carcel, como me preparo?');
    expect(prepare.outcome.kind).toBe('answer');
    expect(prepare.caution).toBe('hotline');
  });
  test('an ordinary question carries no caution, on a topic of exploitation too', async () => {
    const d = await run('what are signs of labor trafficking');
    expect(d.outcome).toMatchObject({ kind: 'answer', topic: 'signs.labor' });
    expect(d.caution).toBeUndefined();
  });
});

describe('language of a handoff', () => {
  test('a Spanish danger message after an English conversation gets the Spanish handoff', async () => {
    const d = await run('me van a matar', { misses: 0, locale: 'en' });
    expect(d.outcome).toEqual({ kind: 'handoff', reason: 'danger' });
    expect(d.locale).toBe('es');
  });
  test('an English danger message after a Spanish conversation gets the English handoff', async () => {
    const d = await run('he locked me in', { misses: 0, locale: 'es' });
    expect(d.locale).toBe('en');
  });
});

describe('after a handoff', () => {
  test('after the danger handoff, a further sign of danger hands off again; "I got out, I am with a neighbour" does not', async () => {
    const first = await run('he locked us in the back room of the restaurant and took the keys');
    expect(first.outcome).toMatchObject({ kind: 'handoff', reason: 'danger' });
    const hidden = 'no puedo llamar, el tiene mi telefono';
    expect((await run(hidden, first.memory!)).outcome).toMatchObject({ kind: 'handoff', reason: 'danger' });
    // The same words opening a conversation do not say enough to hand off.
    expect((await run(hidden)).outcome.kind).not.toBe('handoff');
    expect((await run('ya sali, estoy con una vecina. donde me puedo quedar esta noche', first.memory!)).outcome.kind).not.toBe('handoff');
  });
  test('after the danger handoff, help that has arrived ("ya llegó la policía") lets the next question be answered', async () => {
    const first = await run('he locked us in the back room of the restaurant and took the keys');
    expect(first.outcome).toMatchObject({ kind: 'handoff', reason: 'danger' });
    for (const text of ['ya llego la policia. q va a pasar con las muchachas?', 'ok the police are here. will they deport us?']) {
      expect((await run(text, first.memory!)).outcome.kind).not.toBe('handoff');
    }
    // Help on its way is not help arrived: "what do i do meanwhile" is the emergency still…
    expect((await run('ya vienen en camino, q hago mientras', first.memory!)).outcome).toMatchObject({ kind: 'handoff', reason: 'danger' });
    // …but a question that names its own topic is answered (data/safety/help-called.txt)…
    const asked = await run('ya marque y dicen q vienen. pero si viene la policia me van a deportar? no tengo papeles', first.memory!);
    expect(asked.outcome).toMatchObject({ kind: 'answer', topic: 'rights.confidentiality' });
    const shelter = await run("Security's with her and PD is on the way. Is there somewhere she can actually go tonight?", first.memory!);
    expect(shelter.outcome).toMatchObject({ kind: 'answer', topic: 'help.shelter' });
    // …and a call that failed is the handoff again (data/safety/help-failed.txt).
    for (const text of ['i called 911 but nobody answered', 'ya marque pero no contestan', 'the police never came, what do i do']) {
      expect((await run(text, first.memory!)).outcome).toMatchObject({ kind: 'handoff', reason: 'danger' });
    }
  });
  test('after the danger handoff, "I cannot call" (no credit, no phone) gets the danger handoff again; alone it does not', async () => {
    const first = await run('he locked us in the back room of the restaurant and took the keys');
    for (const text of ['no tengo saldo', 'i cant call rn']) {
      expect((await run(text, first.memory!)).outcome).toMatchObject({ kind: 'handoff', reason: 'danger' });
      expect((await run(text)).outcome.kind).not.toBe('handoff');
    }
  });
  test('the handoff stands for its topic (data/safety/handoff-topics.txt): a follow-up about "the number" is answered on it', async () => {
    const human = await run('can i talk to someone real');
    expect(human.outcome).toEqual({ kind: 'handoff', reason: 'human' });
    expect(human.memory?.lastTopic).toBe('help.hotline');
    const next = await run('ok whats the number then', human.memory!);
    expect(next.outcome).toMatchObject({ kind: 'answer', topic: 'help.hotline' });
    expect(next.context).toBe(true);
    // Alone, the same words say too little to answer.
    expect((await run('ok whats the number then')).outcome.kind).not.toBe('answer');
  });
  test.each([
    ['my boss took my passport and says he keeps it until the contract ends', 'is that even legal?'],
    ['el patron dice q le debo 3 mil del viaje y cada semana me sube la deuda x el cuarto', 'y eso es legal o no?'],
  ])('after %j, %j is about the same situation, not about finding a lawyer', async (first, next) => {
    const asked = await run(first);
    expect(asked.outcome.kind).toBe('answer');
    const topic = (asked.outcome as { topic: string }).topic;
    const d = await run(next, asked.memory!);
    expect(d.outcome).toMatchObject({ kind: 'answer' });
    const entry = (await realKnowledge()).current().index.entries.find((e) => e.id === topic)!;
    expect([topic, ...entry.related]).toContain((d.outcome as { topic: string }).topic);
    expect((d.outcome as { topic: string }).topic).not.toBe('help.legal');
    expect(d.context).toBe(true);
  });
  test('a goodbye to the chat ("ya me voy, adios") is a goodbye; right after the self-harm handoff it keeps the 988 reading', async () => {
    for (const text of ['ya me voy, adios', 'bueno ya me voy a dormir', "that's all for now, goodbye"]) {
      const d = await run(text);
      expect(d.outcome).toMatchObject({ kind: 'small-talk', talk: 'bye' });
      expect(d.caution).toBeUndefined();
    }
    const first = await run('ya no quiero vivir, no le veo sentido a nada');
    expect(first.outcome).toEqual({ kind: 'handoff', reason: 'self-harm' });
    const after = await run('ya me voy, adios', first.memory!);
    expect(after.outcome.kind === 'handoff' || after.caution === 'self-harm').toBe(true);
  });
  test('after the self-harm handoff, not being able to call ("no se si pueda llamar, me da pena") gets it again; alone it does not', async () => {
    const first = await run('ya no quiero vivir, no le veo sentido a nada');
    expect(first.outcome).toEqual({ kind: 'handoff', reason: 'self-harm' });
    // Either the handoff again or the 988 entry (both give the text and chat lines), never another topic:
    // which of the two moves with the topic model's reading (the 988 entry since round 17's corpus edit).
    for (const text of ['no se si pueda llamar, me da pena', "i'm too ashamed to call"]) {
      const o = (await run(text, first.memory!)).outcome;
      const got = o.kind === 'handoff' ? `handoff:${o.reason}` : `${o.kind}:${(o as { topic?: string }).topic}`;
      expect(['handoff:self-harm', 'answer:help.crisis-988']).toContain(got);
    }
    for (const text of ['no se si pueda llamar, me da pena', "i'm too ashamed to call"]) expect((await run(text)).outcome.kind).not.toBe('handoff');
  });
  test.each([
    ['signs.online-grooming', 'how do i report him', 'help.child-exploitation'],
    ['signs.online-grooming', 'y donde lo denuncio?', 'help.child-exploitation'],
    ['signs.labor', 'q derechos tengo si no tengo papeles', 'rights.workers'],
    ['about.sex-trafficking', 'what are the signs', 'signs.sex'],
  ])('after %s, %j is answered by the specific entry %s (data/understanding/specialised.txt)', async (topic, text, specific) => {
    const d = await run(text, { misses: 0, locale: 'en', lastTopic: topic });
    expect(d.outcome).toMatchObject({ kind: 'answer', topic: specific });
    expect(d.context).toBe(true);
  });
  test('danger told with a request to erase the chat: erased as asked, with the 911 line first', async () => {
    const memory: Memory = { misses: 0, locale: 'en', lastTopic: 'rights.u-visa' };
    const d = await run("he's coming home soon I have to go. delete this", memory);
    expect(d.outcome).toEqual({ kind: 'notice', notice: 'deleted' });
    expect(d.caution).toBe('danger');
    expect(d.memory).toBeNull();
    // "delete this" asked about, not asked for, is a question.
    expect((await run('how do i delete this', memory)).outcome).toMatchObject({ kind: 'answer', topic: 'safety.device-privacy' });
    expect((await run('borra esto por favor', memory)).outcome).toEqual({ kind: 'notice', notice: 'deleted' });
  });
  test.each(['borren esto porfa', 'can you erase everything i said', 'pueden borrar todo lo que les dije?', 'could you delete my messages please'])(
    'asked to erase the chat in so many words (%j): erased',
    async (text) => {
      const d = await run(text, { misses: 0, locale: 'en', lastTopic: 'rights.u-visa' });
      expect(d.outcome).toEqual({ kind: 'notice', notice: 'deleted' });
      expect(d.memory).toBeNull();
    },
  );
  // A plan to leave later does not make danger now wait: tried as "safe for now" in round 19, it turned these
  // into answers with a line first (docs/quality.md, "Round 19").
  test.each([
    'they have me locked in the back room, what do i need before i leave',
    'he beats me every night, what do i need before i leave',
    'me tienen encerrada en el cuarto de atras, q necesito antes de irme',
    'me pega todas las noches, q necesito llevar cuando me vaya',
  ])('held or hurt now, with a plan to leave (%j): the danger handoff', async (text) => {
    expect((await run(text)).outcome).toEqual({ kind: 'handoff', reason: 'danger' });
  });
  test.each(['can you delete the photos he posted of me', 'how do i delete a text on my phone'])('asking to delete something else (%j) is a question, not an erasure', async (text) => {
    expect((await run(text, EMPTY_MEMORY)).outcome.kind).toBe('answer');
  });
  test.each([
    ['en', 'is this conversation recorded'],
    ['en', 'do you keep a record of this chat'],
    ['es', 'guardan mis mensajes?'],
  ] as const)('asked whether the chat is kept (%s %j): the reply about Reach, which says it is not saved', async (locale, text) => {
    expect((await run(text, { misses: 0, locale })).outcome).toMatchObject({ kind: 'small-talk', talk: 'about' });
  });
  test('after the danger handoff: help came and took him (data/safety/safe-now.txt) gets the answer; 911 called while he is still there is the handoff again', async () => {
    const memory: Memory = { misses: 0, locale: 'en', lastTopic: 'help.emergency', handedOff: true, story: 'signs.sex' };
    expect((await run('cops came and took him. where do i go tonight i cant stay here', memory)).outcome).toMatchObject({ kind: 'answer', topic: 'help.shelter' });
    for (const text of ['called 911 hes still here', 'ya llame al 911 y el sigue afuera', 'ya llame al 911 pero esta tumbando la puerta']) {
      expect((await run(text, { ...memory, locale: text.startsWith('ya') ? 'es' : 'en' })).outcome).toEqual({ kind: 'handoff', reason: 'danger' });
    }
  });
  test.each([
    ['my aunt says trafficking only happens when girls get kidnapped at the mall. thats a myth right?', 'answer'],
    ['la gente dice que a las victimas las tienen encadenadas, es cierto que siempre es asi?', 'answer'],
    // The same frame around a person in danger now is danger.
    ['my coworker says her cousin is locked in a house right now, is that right?', 'handoff'],
    ['mi vecina dice que a su hija la tienen encerrada ahorita y no la dejan salir, es cierto que puedo llamar al 911?', 'handoff'],
  ])('a belief passed on ("my aunt says…", "la gente dice…") is answered; a person in danger now is not: %j', async (text, kind) => {
    expect((await run(text)).outcome.kind).toBe(kind);
  });
  test.each([...NEW_SUBJECT.en, ...NEW_SUBJECT.es])('%j announces a change of subject: the message is read on its own (data/understanding/new-subject.txt)', async (phrase) => {
    const memory: Memory = { misses: 0, locale: 'en', lastTopic: 'about.myths' };
    const d = await run(`ok ${phrase} is it supposed to rain in asheville this weekend`, memory);
    expect(d.outcome).not.toMatchObject({ topic: 'about.myths' });
    expect(d.context).toBeUndefined();
  });
  test('"all i think about is overdosing" is self-harm, as "overdose" is', async () => {
    expect((await run('im in a shelter now and all i think about is overdosing')).outcome).toEqual({ kind: 'handoff', reason: 'self-harm' });
  });
  test('"me lastimo pa castigarme" is self-harm (988), "el me lastimo para que no me fuera" danger (911)', async () => {
    expect((await run('desde q sali de ahi me siento sucia y me lastimo pa castigarme')).outcome).toEqual({ kind: 'handoff', reason: 'self-harm' });
    expect((await run('el me lastimo para que no me fuera')).outcome).toMatchObject({ kind: 'handoff', reason: 'danger' });
  });
  test('after a topic of another kind, the same question keeps the general entry', async () => {
    expect((await run('how do i report him', { misses: 0, locale: 'en', lastTopic: 'signs.labor' })).outcome).toMatchObject({ topic: 'help.report-tip' });
  });
  test('after the danger handoff, a question about what was told keeps its topic (memory `story`), not the 911 line again', async () => {
    const first = await run("a guy online says he'll post my pics everywhere tonight unless i send him more, im 16");
    expect(first.outcome).toEqual({ kind: 'handoff', reason: 'danger' });
    expect(first.memory).toMatchObject({ lastTopic: 'help.emergency', handedOff: true, story: 'signs.online-grooming' });
    const next = await run('should i just send him the money', first.memory!);
    expect(next.outcome).toMatchObject({ kind: 'answer', topic: 'signs.online-grooming' });
    expect(next.context).toBe(true);
    // The story is gone once a topic is answered; without it the same question is read without that topic
    // (answered from donating money).
    expect(next.memory?.story).toBeUndefined();
    const without: Memory = { ...first.memory!, story: undefined };
    expect((await run('should i just send him the money', without)).outcome).not.toMatchObject({ topic: 'signs.online-grooming' });
  });
  test('after the danger handoff, a message that says the 911 line was used is not answered with it again (data/understanding/line-used.txt)', async () => {
    const first = await run("a guy online says he'll post my pics everywhere tonight unless i send him more, im 16");
    const next = await run('ok we called 911 already. do we also call the trafficking hotline?', first.memory!);
    expect(next.outcome).toMatchObject({ kind: 'answer', topic: 'help.hotline' });
  });
  test('after the danger handoff, a sign of harm is handed off again even where the story told before would place it', async () => {
    const memory: Memory = { misses: 0, locale: 'es', lastTopic: 'help.emergency', handedOff: true, story: 'rights.general' };
    expect((await run('me encerre en el baño', memory)).outcome).toEqual({ kind: 'handoff', reason: 'danger' });
  });
  test('after the self-harm handoff, "y ese numero es gratis?" is about 988', async () => {
    const first = await run('ya no quiero vivir, no le veo sentido a nada');
    expect(first.outcome).toEqual({ kind: 'handoff', reason: 'self-harm' });
    const next = await run('y ese numero es gratis?', first.memory!);
    expect(next.outcome).toMatchObject({ kind: 'answer', topic: 'help.crisis-988' });
  });
});

