import path from 'node:path';
import { normalize } from '../../src/text/normalize';
import { DATA_DIR, readPhraseFile, WholeMessages } from '../../src/text/phrases';

const tokens = (text: string) => normalize(text).tokens;

describe('whole messages with fillers around them', () => {
  const list = new WholeMessages(['is that legal', 'eso es legal'], ['and', 'or', 'not', 'y', 'o', 'no']);
  test.each(['is that legal?', 'and is that legal or not', 'Y eso es legal o no?', 'eso es legal'])('%j is one of the messages', (text) => {
    expect(list.matches(tokens(text))).toBe(true);
  });
  test.each(['is that legal and where do i file a complaint', 'legal', 'and or not', '', 'is it legal to make a u-turn'])(
    '%j is not (a longer message, a part, fillers alone)',
    (text) => {
      expect(list.matches(tokens(text))).toBe(false);
    },
  );
});

describe('data/understanding/about-the-previous.txt', () => {
  const file = path.join(DATA_DIR, 'understanding', 'about-the-previous.txt');
  const fillers = readPhraseFile(path.join(DATA_DIR, 'understanding', 'fillers.txt'));
  const lines = readPhraseFile(file);
  const list = WholeMessages.of(lines, fillers);
  test('has lines in both languages, none twice, none that a filler could cut', () => {
    expect(lines.en.length).toBeGreaterThan(10);
    expect(lines.es.length).toBeGreaterThan(10);
    const all = [...lines.en, ...lines.es];
    expect(new Set(all).size).toBe(all.length);
    const words = new Set([...fillers.en, ...fillers.es]);
    // A line that starts or ends with a filler could never be matched whole as written.
    expect(all.filter((l) => words.has(l.split(' ')[0]!) || words.has(l.split(' ').at(-1)!))).toEqual([]);
  });
  test.each(['is that even legal??', 'Y eso es legal o no?', 'pero eso se puede?', 'can he do that'])('%j asks about what was just answered', (text) => {
    expect(list.matches(tokens(text))).toBe(true);
  });
  test.each(['is that legal in nc to work two jobs on a visa', 'where can i find legal help', 'que es la ayuda legal'])('%j does not', (text) => {
    expect(list.matches(tokens(text))).toBe(false);
  });
});
