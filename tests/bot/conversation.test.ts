import type { Activity } from 'botbuilder';
import { newConversation, trace } from '../helpers/bot';

type Check = (a: Partial<Activity>) => void;

interface Step {
  readonly say: string | Partial<Activity>;
  readonly expect: Partial<ReturnType<typeof trace>> & { textStarts?: RegExp; text?: RegExp; actions?: number };
  /** Further activities after the first (e.g. the handoff event). */
  readonly then?: readonly Check[];
}

const handoffEvent: Check = (a) => {
  expect(a.type).toBe('event');
  expect(a.name).toBe('handoff.initiate');
  // No transcript: nothing the person wrote travels with the handoff.
  expect(a.attachments ?? []).toEqual([]);
  expect(JSON.stringify(a.value)).not.toMatch(/locked|encerrada|phone|celular/);
};

const conversations: Record<'en' | 'es', readonly Step[]> = {
  en: [
    { say: 'hi', expect: { kind: 'greeting', locale: 'en', text: /not saved/i, actions: 6 } },
    { say: 'what is a t visa', expect: { kind: 'answer', locale: 'en', topic: 'rights.t-visa', text: /1-888-373-7888/ } },
    { say: { type: 'message', text: 'Your rights', value: { topic: 'rights.general' } }, expect: { kind: 'answer', topic: 'rights.general' } },
    {
      say: 'he locked me in and took my phone',
      expect: { kind: 'handoff', reason: 'danger', locale: 'en', textStarts: /^If you are in danger right now, call 911\./ },
      then: [handoffEvent],
    },
    {
      say: 'how can i leave safely, they watch us',
      expect: { kind: 'answer', topic: 'safety.leaving', textStarts: /^What you describe can be trafficking or another crime\./ },
    },
    { say: 'receta de tamales', expect: { kind: 'out-of-scope' } },
    { say: 'how do i renew my driver license', expect: { kind: 'out-of-scope' } },
    { say: 'asdfgh qwerty', expect: { kind: 'fallback' } },
    { say: 'zxcvb plokm', expect: { kind: 'handoff', reason: 'repeated-misses' }, then: [handoffEvent] },
    { say: 'i want to talk to a real person', expect: { kind: 'handoff', reason: 'human', text: /1-888-373-7888/ }, then: [handoffEvent] },
    { say: 'español', expect: { kind: 'language', locale: 'es' } },
    { say: 'ok', expect: { locale: 'es' } },
    { say: 'delete', expect: { kind: 'notice', locale: 'es' } },
  ],
  es: [
    { say: 'hola', expect: { kind: 'greeting', locale: 'es', text: /no se guarda/i, actions: 6 } },
    { say: 'que es la visa t', expect: { kind: 'answer', locale: 'es', topic: 'rights.t-visa', text: /llame al 1-888-373-7888/ } },
    {
      say: 'me tienen encerrada',
      expect: { kind: 'handoff', reason: 'danger', locale: 'es', textStarts: /^Si está en peligro en este momento, llame al 911\./ },
      then: [handoffEvent],
    },
    { say: 'me quiero morir', expect: { kind: 'handoff', reason: 'self-harm', locale: 'es', text: /988/ }, then: [handoffEvent] },
    { say: 'mi patron no me paga las horas extra', expect: { kind: 'answer', locale: 'es', topic: 'help.labor-complaint' } },
    { say: 't visa', expect: { locale: 'es' } },
    { say: 'english', expect: { kind: 'language', locale: 'en' } },
    { say: 'borrar', expect: { kind: 'notice', locale: 'en' } },
  ],
};

describe.each(['en', 'es'] as const)('a whole conversation in %s', (locale) => {
  test('each turn gets the expected outcome, traced in channelData.reach', async () => {
    const adapter = await newConversation();
    let flow = adapter as unknown as ReturnType<typeof adapter.send>;
    for (const step of conversations[locale]) {
      flow = flow.send(step.say).assertReply((a) => {
        const t = trace(a);
        const { textStarts, text, actions, ...fields } = step.expect;
        expect(t).toMatchObject(fields);
        if (textStarts) expect(a.text).toMatch(textStarts);
        if (text) expect(a.text).toMatch(text);
        if (actions !== undefined) expect(a.suggestedActions?.actions).toHaveLength(actions);
      });
      for (const check of step.then ?? []) flow = flow.assertReply(check);
    }
    await flow;
  });
});

describe('greeting when the conversation starts', () => {
  test.each([
    ['en-US', 'en', /Hi, I'm Reach/],
    ['es-MX', 'es', /Hola, soy Reach/],
  ])('locale hint %s greets in %s without the person typing first', async (hint, locale, text) => {
    const adapter = await newConversation();
    await adapter
      .send({
        type: 'conversationUpdate',
        locale: hint,
        membersAdded: [{ id: 'user1', name: 'User1' }],
        recipient: { id: 'bot', name: 'Bot' },
      })
      .assertReply((a) => {
        expect(trace(a)).toEqual({ kind: 'greeting', locale });
        expect(a.text).toMatch(text);
        expect(a.text).toMatch(/911/);
      });
  });
});

describe('language memory', () => {
  test('a Spanish conversation stays Spanish on an ambiguous message, and activity.locale is only a hint', async () => {
    const adapter = await newConversation();
    await adapter
      .send({ type: 'message', text: 'hola, necesito ayuda', locale: 'en-US' })
      .assertReply((a) => expect(trace(a).locale).toBe('es'))
      .send({ type: 'message', text: '911', locale: 'en-US' })
      .assertReply((a) => expect(trace(a).locale).toBe('es'));
  });

  test('DEFAULT_LOCALE applies when nothing else tells the language', async () => {
    const adapter = await newConversation({ DEFAULT_LOCALE: 'es' });
    await adapter.send('t visa').assertReply((a) => expect(trace(a)).toMatchObject({ locale: 'es', topic: 'rights.t-visa' }));
  });
});
