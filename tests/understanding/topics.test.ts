import { analyse } from '../../src/understanding/analysis';
import { FeatureIds, topicFeatures } from '../../src/understanding/features';
import { FOLLOW_UP, greeted, OUT_OF_SCOPE, TOPIC_TRAINING, TopicModel, type TrainingExample } from '../../src/understanding/topics';

const lines: TrainingExample[] = [
  ...['what is a t visa', 'how do i apply for the t visa', 'que es la visa t', 'requisitos visa t', 'can i get papers if i was trafficked'].map((text) => ({ label: 'rights.t-visa', locale: 'en' as const, text })),
  ...['my boss keeps my passport', 'el patron tiene mis papeles', 'they took my id at work', 'se quedaron con mi pasaporte'].map((text) => ({ label: 'signs.documents-taken', locale: 'en' as const, text })),
  ...['weather in charlotte tomorrow', 'receta de tamales', 'how do i renew my drivers license', 'traffic on i-40'].map((text) => ({ label: OUT_OF_SCOPE, locale: 'en' as const, text })),
];

describe('topic model', () => {
  test('the same lines give the same model, whatever else ran before', () => {
    const a = TopicModel.train(lines).scores(analyse('solicitud de visa t'));
    const b = TopicModel.train(lines).scores(analyse('solicitud de visa t'));
    expect(a.ranked).toEqual(b.ranked);
  });

  test('learns a topic from its lines and ranks it first for a new wording', () => {
    const model = TopicModel.train(lines);
    expect(model.scores(analyse('como aplico pa la visa T')).ranked[0]!.label).toBe('rights.t-visa');
    expect(model.scores(analyse('mi jefe se quedo con mi pasaporte')).ranked[0]!.label).toBe('signs.documents-taken');
    expect(model.scores(analyse('whats the weather in raleigh')).ranked[0]!.label).toBe(OUT_OF_SCOPE);
  });

  test('trained in slices (as on a reload), the same lines give the same model; a newer edit abandons it', async () => {
    const many = Array.from({ length: 3 }, () => lines).flat();
    const sliced = await TopicModel.trainInSlices(many);
    expect(sliced!.scores(analyse('solicitud de visa t')).ranked).toEqual(TopicModel.train(many).scores(analyse('solicitud de visa t')).ranked);
    expect(await TopicModel.trainInSlices(Array.from({ length: 200 }, () => lines).flat(), { abandon: () => true })).toBeNull();
  });

  test('a line the model already places well rests for a pass or two: another model, the same choices', () => {
    const many = Array.from({ length: 6 }, () => lines).flat();
    const everyLine = TopicModel.train(many, { ...TOPIC_TRAINING, restSettled: 0 });
    const rested = TopicModel.train(many);
    expect(rested.toBytes().equals(everyLine.toBytes())).toBe(false);
    for (const text of ['como aplico pa la visa T', 'mi jefe se quedo con mi pasaporte', 'whats the weather in raleigh', 'they have my id']) {
      expect(rested.scores(analyse(text)).ranked[0]!.label).toBe(everyLine.scores(analyse(text)).ranked[0]!.label);
    }
  });

  test('probabilities sum to one and every label is ranked', () => {
    const s = TopicModel.train(lines).scores(analyse('visa'));
    expect(s.ranked).toHaveLength(3);
    expect(s.ranked.reduce((a, r) => a + r.p, 0)).toBeCloseTo(1, 6);
  });

  test('a message with no word the model has seen is marked as unknown to it', () => {
    const model = TopicModel.train(lines);
    expect(model.scores(analyse('asdfgh')).known).toBe(0);
    expect(model.scores(analyse('pasaporte asdfgh')).known).toBe(0.5);
  });

  test('follow-up lines train a model of their own: the topics keep their probabilities, the message gets a follow-up share', () => {
    const followUps = ['how much does it cost', 'is it free', 'cuanto cuesta', 'es gratis?', 'how long does it take', 'cuanto tarda'];
    const model = TopicModel.train([...lines, ...followUps.map((text) => ({ label: FOLLOW_UP, locale: 'en' as const, text }))]);
    const plain = TopicModel.train(lines);
    expect(model.scores(analyse('visa')).ranked.map((r) => r.label)).toEqual(plain.scores(analyse('visa')).ranked.map((r) => r.label));
    expect(model.scores(analyse('y cuanto cuesta eso')).followUp).toBeGreaterThan(0.5);
    expect(model.scores(analyse('what is a t visa')).followUp).toBeLessThan(0.5);
    expect(plain.scores(analyse('cuanto cuesta')).followUp).toBeUndefined();
  });

  test('the language of a message the marker words leave open is learnt from the lines\' sections', () => {
    const model = TopicModel.train([
      ...['dale gracias', 'chao pues', 'dale pues', 'dale', 'ok dale'].map((text) => ({ label: OUT_OF_SCOPE, locale: 'es' as const, text })),
      ...['see ya later', 'cheers mate', 'see ya', 'see ya tomorrow', 'ok see ya'].map((text) => ({ label: OUT_OF_SCOPE, locale: 'en' as const, text })),
    ]);
    expect(model.language.guess(analyse('dale')).locale).toBe('es');
    expect(model.language.guess(analyse('see ya')).locale).toBe('en');
    expect(model.language.guess(analyse('zzzz')).locale).toBeNull();
    // A weak sign: it never switches a conversation's language on its own.
    expect(model.language.guess(analyse('dale')).strength).toBeLessThan(2);
  });

  test('features: words, stems of both languages, neighbouring pairs and letter pieces; stop words get no pieces', () => {
    const f = topicFeatures(analyse('the trabajadores'));
    expect(f).toEqual(expect.arrayContaining(['w:the', 'w:trabajadores', 'b:the_trabajadores', 'c:<tra']));
    expect(f.some((x) => x.startsWith('s:trabaj'))).toBe(true);
    expect(f.some((x) => x.startsWith('c:') && x.includes('the'))).toBe(false);
  });

  test('training reads the same features as ids, in the same order, a repeated word or pair counted once', () => {
    const names = new Map<string, number>();
    const idOf = (x: string) => names.get(x) ?? (names.set(x, names.size), names.size - 1);
    const featureIds = new FeatureIds(idOf);
    const lines = ['the trabajadores', 'my boss my boss keeps my passport', 'el patron me quito el pasaporte y el patron no me paga', '', 'boss keeps', 'keeps boss'];
    const numbered: string[] = [];
    lines.forEach((text) => {
      const { tokens } = analyse(text);
      const ids = featureIds.of(tokens);
      const expected = topicFeatures({ tokens });
      // New features are numbered in the order `topicFeatures` lists them, line after line.
      for (const f of expected) if (!numbered.includes(f)) numbered.push(f);
      expect(ids).toEqual(expected.map((f) => numbered.indexOf(f)));
      expect(new Set(ids).size).toBe(ids.length);
    });
    expect([...names.keys()]).toEqual(numbered);
  });
});

describe('greetings before a question', () => {
  const mixed: TrainingExample[] = [
    { label: 'smalltalk.greeting', locale: 'en', text: 'hi there' },
    { label: 'smalltalk.greeting', locale: 'es', text: 'buenas tardes' },
    { label: 'smalltalk.greeting', locale: 'es', text: 'hola buenas como esta usted hoy' },
    { label: 'rights.t-visa', locale: 'en', text: 'what is a t visa' },
    { label: 'rights.t-visa', locale: 'es', text: 'que es la visa t' },
    { label: 'out-of-scope', locale: 'es', text: 'receta de tamales' },
    { label: 'help.legal', locale: 'es', text: 'necesito un abogado' },
  ];
  test('every n-th topic line is learnt again after a short greeting of its own language; small talk and out-of-scope are not', () => {
    expect(greeted(mixed, 1)).toEqual([
      { label: 'rights.t-visa', locale: 'en', text: 'hi there, what is a t visa' },
      { label: 'rights.t-visa', locale: 'es', text: 'buenas tardes, que es la visa t' },
      { label: 'help.legal', locale: 'es', text: 'buenas tardes, necesito un abogado' },
    ]);
    expect(greeted(mixed, 2).map((l) => l.label)).toEqual(['rights.t-visa', 'help.legal']);
    expect(greeted(mixed, 0)).toEqual([]);
  });
});
