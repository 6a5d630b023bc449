import { countSegments, isGsm7, toGsm7 } from '../../src/channels/gsm';
import { createI18n } from '../../src/i18n';
import { resources } from '../../src/i18n';

describe('writing Spanish in the SMS alphabet', () => {
  test.each([
    ['Información', 'Informacion'],
    ['¿Qué hago? ¡Ayúdenme!', '¿Qué hago? ¡Ayudenme!'],
    ['ÁREA ÍNDICE ÓRGANO ÚTIL', 'AREA INDICE ORGANO UTIL'],
    ['niño, pingüino, café', 'niño, pingüino, café'],
    ['“hola” y ‘adiós’', '"hola" y \'adios\''],
    ['9–5 — sin pausa…', '9-5 - sin pausa...'],
    ['llame · texto', 'llame, texto'],
    ['gracias 🙏 amigos', 'gracias amigos'],
    ['São Tomé, façade, crème', 'Sao Tomé, facade, crème'],
    ['1\u00a0888\u202f373', '1 888 373'],
  ])('%j → %j', (input, expected) => {
    expect(toGsm7(input)).toBe(expected);
    expect(isGsm7(toGsm7(input))).toBe(true);
  });

  test('every Spanish interface string fits the alphabet once written for SMS', () => {
    const t = createI18n().t('es');
    const strings: string[] = [];
    const walk = (node: unknown, key: string) => {
      if (typeof node === 'string') strings.push(t(key as never, { defaultValue: node }));
      else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) walk(v, key ? `${key}.${k}` : k);
    };
    walk(resources.es.translation, '');
    expect(strings.length).toBeGreaterThan(50);
    for (const s of strings) expect(isGsm7(toGsm7(s))).toBe(true);
  });
});

describe('segments, counted the way carriers bill them', () => {
  const a = (n: number) => 'a'.repeat(n);
  test.each([
    ['', 'GSM-7', 0],
    [a(160), 'GSM-7', 1],
    [a(161), 'GSM-7', 2],
    [a(306), 'GSM-7', 2],
    [a(307), 'GSM-7', 3],
    [a(612), 'GSM-7', 4],
    [a(613), 'GSM-7', 5],
    // € { } [ ] ~ | ^ \ take two septets (escape + code).
    [`${a(158)}€`, 'GSM-7', 1],
    [`${a(159)}€`, 'GSM-7', 2],
    // One accented letter outside GSM-7 sends everything as UCS-2.
    [`${a(69)}á`, 'UCS-2', 1],
    [`${a(70)}á`, 'UCS-2', 2],
    [`${a(133)}á`, 'UCS-2', 2],
    [`${a(134)}á`, 'UCS-2', 3],
    // An emoji is two UTF-16 units.
    [`${a(68)}🙂`, 'UCS-2', 1],
    [`${a(69)}🙂`, 'UCS-2', 2],
  ] as const)('%#: %s… is %s in %d segment(s)', (text, encoding, segments) => {
    expect(countSegments(text)).toMatchObject({ encoding, segments });
  });

  test('an escape pair is never split across two parts', () => {
    // 306 septets either way, two full parts of 153. After 152 septets € (2) does not fit the first
    // part, so it opens the second, and the last septet needs a third.
    expect(countSegments(`${a(152)}€${a(152)}`)).toMatchObject({ units: 306, segments: 3 });
    expect(countSegments(`${a(151)}€${a(153)}`)).toMatchObject({ units: 306, segments: 2 });
  });

  test('the same Spanish sentence costs far less once written in GSM-7', () => {
    const es = 'La visa T permite que algunas personas sobrevivientes de trata se queden en EE. UU. Pregunte a un abogado de inmigración qué opciones tiene y cuánto tarda el trámite; la Línea contra la Trata le puede referir.';
    expect(countSegments(es)).toMatchObject({ encoding: 'UCS-2', segments: 4 });
    expect(countSegments(toGsm7(es))).toMatchObject({ encoding: 'GSM-7', segments: 2 });
  });
});
