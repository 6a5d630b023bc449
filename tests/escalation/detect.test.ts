import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../../src/text/phrases';
import { detectSafety } from '../../src/escalation/detect';
import { SAFETY_RULES } from '../../src/escalation/patterns';
import { readJsonl, type SafetyCase } from '../helpers/fixtures';

/**
 * safety.jsonl was written first and the rules were built on it; each holdout set was written afterwards
 * by someone who had not seen the rules, measured blind once (figures in the README), then learnt from.
 */
const tables = [
  'fixtures/safety.jsonl',
  'fixtures/safety-holdout.jsonl',
  'fixtures/safety-holdout-2.jsonl',
  'fixtures/safety-holdout-3.jsonl',
  'fixtures/safety-holdout-4.jsonl',
  'fixtures/safety-holdout-5.jsonl',
  'fixtures/safety-holdout-6.jsonl',
  'fixtures/safety-holdout-7.jsonl',
  'fixtures/safety-holdout-8.jsonl',
];

describe.each(tables)('safety table %s', (table) => {
  const cases = readJsonl<SafetyCase>(table);
  const alarms = cases.filter((c) => c.expect !== 'none');
  const calm = cases.filter((c) => c.expect === 'none');

  test('has cases in both languages', () => {
    expect(alarms.filter((c) => c.locale === 'en').length).toBeGreaterThan(50);
    expect(alarms.filter((c) => c.locale === 'es').length).toBeGreaterThan(50);
  });

  // A missed emergency is the worst bug Reach can have: every one must be caught, with its reason.
  test.each(alarms.map((c) => [c.locale, c.expect, c.text] as const))('[%s] %s: %j', (_locale, expected, text) => {
    expect(detectSafety(text)?.reason).toBe(expected);
  });

  test('false alarms on ordinary and "about danger" messages stay under 2% per language', () => {
    for (const locale of ['en', 'es'] as const) {
      const mine = calm.filter((c) => c.locale === locale);
      const raised = mine.filter((c) => detectSafety(c.text) !== null).map((c) => c.text);
      expect(raised.length / mine.length).toBeLessThanOrEqual(0.02);
    }
  });
});

/** The same danger written through the encodings a phone or a copy-paste can produce. */
const ENCODINGS: readonly [string, (s: string) => string][] = [
  ['full-width', (s) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))],
  ['zero-width', (s) => s.split(' ').map((w) => (w.length > 3 ? `${w.slice(0, 2)}\u200B${w.slice(2)}` : w)).join(' ')],
  ['decomposed', (s) => s.normalize('NFD')],
  ['upper case', (s) => s.toUpperCase()],
  ['stretched', (s) => s.replace(/a\b/g, 'aaaa')],
  ['rtl override', (s) => `\u202E${s}\u202C`],
];

describe('danger survives odd encodings', () => {
  const samples = readJsonl<SafetyCase>('fixtures/safety.jsonl')
    .filter((c) => c.expect === 'danger')
    .filter((_, i) => i % 6 === 0);
  test.each(ENCODINGS.flatMap(([name, f]) => samples.map((c) => [name, c.text, f(c.text)] as const)))(
    '%s: %j',
    (_name, _original, encoded) => {
      expect(detectSafety(encoded)?.reason).toBe('danger');
    },
  );
});

describe('questions about danger are questions', () => {
  test.each([
    'what are the signs someone is being held?',
    'how do traffickers threaten families',
    'señales de que alguien está encerrado',
    'is it legal for my boss to keep my passport',
    'que es la visa t',
    'when should i call 911',
  ])('%j', (text) => {
    expect(detectSafety(text)).toBeNull();
  });
});

describe('phrase rules', () => {
  // An empty alternative ("a||b") would make a rule match every message.
  test.each(SAFETY_RULES.map((r) => [r.id, r] as const))('%s never matches an empty or ordinary message', (_id, r) => {
    for (const text of ['  ', ' hello there ', ' hola buenas tardes ', ' what is a t visa ']) expect(r.pattern.test(text)).toBe(false);
  });
});

describe('a danger phrase denied right before it does not fire there', () => {
  test.each([
    'no se si es trata, nunca me encerraron pero no me pagaban',
    'el patron no nos encierra pero no tenemos a donde ir',
    'the boss never locked us in but we have nowhere to go',
    'we were not kidnapped, we came on our own',
  ])('%j: no danger rule', (text) => {
    const signal = detectSafety(text);
    expect(signal === null || signal.source !== 'rules' || signal.reason !== 'danger').toBe(true);
  });
  test.each([
    'no, they locked me in the room',
    'no puedo salir, me tienen encerrada',
    'no se donde estoy, me encerraron en una bodega',
    'they said no one leaves and locked us in the trailer',
  ])('%j: still danger', (text) => {
    expect(detectSafety(text)).toMatchObject({ reason: 'danger' });
  });
  test('"a escondidas" is "secretly", not hidden; "sácame de la lista" is not a rescue', () => {
    expect(detectSafety('mi hija habla con un amigo a escondidas, como le hablo')?.rule).not.toBe('es.encerrada');
    expect(detectSafety('me tiene escondida en un cuarto')).toMatchObject({ reason: 'danger' });
    expect(detectSafety('sacame de la lista porfa')?.rule).not.toBe('es.rescue');
    // A burial is not a lock-up ("enterramos" is one letter from "encerramos"); a party is not a cell.
    expect(detectSafety('fue un dia triste, enterramos a mi tia')?.rule).not.toBe('es.encerrada');
    expect(detectSafety('mi mama no me deja ir a la fiesta de mi amiga')?.rule).not.toBe('es.no-dejan-salir');
    expect(detectSafety('el patron no nos deja salir de la traila')).toMatchObject({ reason: 'danger' });
  });
});

describe('asking for a person', () => {
  test('someone to call me is a request; the trafficker having someone contact me is a worry', () => {
    for (const text of ['can someone call me back', 'i need an advocate to contact me', 'can you have someone text me']) {
      expect(detectSafety(text)).toMatchObject({ reason: 'human' });
    }
    for (const text of ['what if he has someone contact me', 'they will send someone to call me, what do i do']) {
      expect(detectSafety(text)?.reason).not.toBe('human');
    }
  });
  test('"in person" asks for a person when someone is to be met, not when it says how something is done', () => {
    expect(detectSafety('can i talk to someone in person in durham')).toMatchObject({ reason: 'human' });
    expect(detectSafety('prefiero hablar en persona, tienen oficina?')).toMatchObject({ reason: 'human' });
    expect(detectSafety('tengo q ir en persona o se puede x telefono')?.reason).not.toBe('human');
    expect(detectSafety('is there a group that can see them in person')?.reason).not.toBe('human');
  });
});

describe('self-harm phrases are read as typed', () => {
  test.each(['podria contarme cual es la mision de la organizacion', 'me puede contarme como funciona la visa t'])(
    'an ordinary word one letter from a self-harm word (%j) is not corrected into it',
    (text) => {
      expect(detectSafety(text)?.reason).not.toBe('self-harm');
    },
  );
  test('a danger phrase with a typo is still corrected ("me encerrraron")', () => {
    expect(detectSafety('me encerrraron en el cuarto')?.reason).toBe('danger');
  });
});

describe('real words near a safety word are not typos (data/safety/not-typos.txt)', () => {
  test.each([
    'estoy atrasada con el recibo de la luz, hay ayuda?',
    'el encargado de la tienda me regaño por llegar tarde',
    'i miss my moms cooking so much',
    'my cat is strapped into the carrier for the vet',
  ])('an ordinary word is read as itself: %j', (text) => {
    expect(detectSafety(text)?.source).not.toBe('rules');
  });
  test.each([
    ['me tienen encerada en un cuarto', 'danger'],
    ['i was kidnaped and they wont let me go', 'danger'],
    ['me encerrraron en el cuarto', 'danger'],
  ])('a typo people make for a danger word is still corrected: %j', (text, reason) => {
    expect(detectSafety(text)).toMatchObject({ reason, source: 'rules' });
  });
  test('every word of the list is folded and lower case, one a line', () => {
    const words = readFileSync(path.join(DATA_DIR, 'safety', 'not-typos.txt'), 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '' && !l.startsWith('#') && !l.startsWith('['));
    expect(words.length).toBeGreaterThan(1000);
    for (const w of words) expect(w).toMatch(/^[a-z]+$/);
  });
});

describe('requests for a person the tables did not hold (round 19)', () => {
  test.each([
    ['buenas, me comunica con su supervisora porfa', 'human'],
    ['quisiera hablar directamente con alguien del personal', 'human'],
    ['my dad only speaks spanish, is there a bilingual advocate he can talk to?', 'human'],
  ])('%j asks for a person', (text, reason) => {
    expect(detectSafety(text)).toMatchObject({ reason, source: 'rules' });
  });
  test.each(['cuando reclamo el patron me pasa con su supervisor y nadie me paga', 'mi jefe me pasa con su supervisor cuando reclamo'])(
    '%j is a work story, not a request',
    (text) => {
      expect(detectSafety(text)?.reason).not.toBe('human');
    },
  );
});

describe('doors bolted from outside, and a window as the only way out (round 20)', () => {
  test.each([
    'they bolt the front door every night and keep the key',
    'the boss padlocks the trailer door when he leaves',
    'he chained us in again',
    'we are locked from the outside till morning',
    'dormimos en una galera q cierran por fuera con cadena',
    'la puerta la atrancan desde afuera con candado',
  ])('%j is danger', (text) => {
    expect(detectSafety(text)).toMatchObject({ reason: 'danger', source: 'rules' });
  });
  test.each([
    'the bathroom window is the only way out since they bolt the front door',
    'the only way out of the trailer is past his room',
  ])('%j is not the self-harm phrase "the only way out"', (text) => {
    expect(detectSafety(text)?.rule).not.toBe('en.self-harm-more');
  });
  test.each(['me escribio q si salgo de la casa me rocia gasolina', 'dice q si me voy me quema la traila conmigo adentro'])('%j is a threat of burning: danger', (text) => {
    expect(detectSafety(text)).toMatchObject({ reason: 'danger', source: 'rules' });
  });
  test.each(['si me voy temprano se me quema la comida', 'si nos vamos se nos quema el arroz'])('%j is a kitchen, not a threat', (text) => {
    expect(detectSafety(text)).toBeNull();
  });
  test.each(['honestly i just see the only way out now', 'i keep thinking there is only one way out'])('%j is still self-harm', (text) => {
    expect(detectSafety(text)).toMatchObject({ reason: 'self-harm', source: 'rules' });
  });
});

describe('hurt by accident, in the first person (round 21, data/safety/not-typos.txt)', () => {
  test.each(['me quebre el brazo en el trabajo, como pongo el reclamo de workers comp', 'me queme la mano con el aceite en la cocina', 'me fracture la muneca jugando futbol'])(
    '%j is not corrected into "he broke / burned me": no rule fires',
    (text) => {
      expect(detectSafety(text)?.reason).not.toBe('danger');
    },
  );
  test.each(['me quebro el brazo mi patron', 'el encargado me quemo la mano con la plancha'])('%j is still danger', (text) => {
    expect(detectSafety(text)).toMatchObject({ reason: 'danger', source: 'rules' });
  });
});

describe('hunger: "we haven\'t eaten" is kept from food, "I haven\'t eaten since breakfast" is a busy day (round 21)', () => {
  test.each(['no hemos comido en dos dias, dice que comemos cuando terminemos', 'hoy no hemos comido nada y no nos dejan salir'])('%j is danger', (text) => {
    expect(detectSafety(text)).toMatchObject({ reason: 'danger' });
  });
  test.each(['me muero de hambre, no he comido nada desde las 6 en la planta', 'no he comido desde el desayuno por tantas citas en la clinica'])('%j is no rule', (text) => {
    expect(detectSafety(text)?.source).not.toBe('rules');
  });
});

describe('exaggeration over a mishap of one\'s own or one\'s own children (round 21, data/safety/idioms.txt)', () => {
  test.each([
    'los del equipo me van a matar si fallo el penal el sabado',
    'my coach is gonna kill me if i miss practice again',
    'ando secuestrado por mis hijos, quieren q los lleve al Chuck E Cheese todo el dia',
    'held hostage by my toddler who wants another episode',
  ])('%j is no danger rule', (text) => {
    expect(detectSafety(text)?.source).not.toBe('rules');
  });
  test.each(['el patron dice q me va a matar si me voy', 'he said he will kill me if i leave', 'me van a matar si no pago', 'estoy secuestrada por los amigos de mi novio'])(
    '%j is still danger',
    (text) => {
      expect(detectSafety(text)).toMatchObject({ reason: 'danger' });
    },
  );
});
