import { normalize } from '../../src/text/normalize';
import { editDistance } from '../../src/text/distance';

describe('normalize', () => {
  test.each([
    ['ＡＹＵＤＡ', 'ayuda'],
    ['ay\u200Buda', 'ayuda'],
    ['a\u0301yuda nin\u0303o', 'ayuda nino'],
    ['ayudaaaa!!!', 'ayuda'],
    ["I'm scared, he won't let me leave", 'i am scared he will not let me leave'],
    ['xq mi patrón tiene mis papeles?', 'porque mi patron tiene mis papeles'],
    ['h3lp me pls', 'help me please'],
    ['Ме tienen encerrada', 'me tienen encerrada'], // Cyrillic М and е
    ['q es la visa t', 'que es la tvisa'],
    ['U visa?', 'uvisa'],
    ['\u202Eabc\u202C   \n\t def', 'abc def'],
  ])('%j → %j', (input, expected) => {
    expect(normalize(input).text).toBe(expected);
  });

  test('a message that is only "k" or "kk" is an ok; inside a message k is still "que"', () => {
    expect(normalize('k').text).toBe('ok');
    expect(normalize('KK.').text).toBe('ok');
    expect(normalize('k hago').text).toBe('que hago');
  });
  test('a message of only a thumbs-up, ok hand, praying hands or heart is an ok in no language; other emoji are not', () => {
    for (const e of ['👍', '👌🏽', '🙏🙏', '❤️', ' 👍 ']) {
      expect(normalize(e).text).toBe('ok');
      expect(normalize(e).raw).toEqual([]);
    }
    expect(normalize('😭').text).toBe('');
    expect(normalize('🔪').text).toBe('knife');
    expect(normalize('👍 gracias').text).toBe('gracias');
  });
  test('keeps the as-typed tokens for language detection', () => {
    expect(normalize('q onda').raw).toEqual(['q', 'onda']);
  });

  test('survives lone surrogates and NUL', () => {
    expect(normalize('\uD800ayuda\u0000').text).toBe('ayuda');
  });
});

describe('editDistance', () => {
  test.each([
    ['encerrada', 'encerada', 1],
    ['locked', 'lokced', 1],
    ['kitten', 'sitting', 3],
  ])('%s ~ %s', (a, b, d) => {
    expect(editDistance(a, b, 3)).toBe(d);
  });
  test('stops early past the budget', () => {
    expect(editDistance('abcdefgh', 'zzzzzzzz', 1)).toBe(2);
  });
});
