import { fold, normalize, NORMALIZED_LIMITS } from '../../src/text/normalize';

/**
 * Every caller of the normaliser gets bounded text, whatever the input expands to: the limits are what
 * keeps one message's work on the server bounded (issue 20).
 */
describe('normalised text is bounded', () => {
  const { chars, tokens: maxTokens, wordChars } = NORMALIZED_LIMITS;
  const expanders: [string, string][] = [
    ['U+FDFA (18 characters in NFKC)', 'trafficking visa ' + '\uFDFA'.repeat(1983)],
    ['U+3316 (6 characters in NFKC)', '\u3316'.repeat(2000)],
    ['Hangul syllables (3 letters once decomposed)', '한'.repeat(2000)],
    ['SMS shorthand that expands to four words', 'idk '.repeat(500)],
    ['one long word', 'abcdefghij'.repeat(200)],
    ['a 100,000-character string from a caller that does not cut', 'help me '.repeat(12_500)],
  ];

  test.each(expanders)('%s', (_name, input) => {
    const n = normalize(input);
    expect(n.text.length).toBeLessThanOrEqual(chars);
    expect(n.tokens.length).toBeLessThanOrEqual(maxTokens);
    expect(n.raw.length).toBeLessThanOrEqual(maxTokens);
    for (const t of [...n.tokens, ...n.raw]) expect(t.length).toBeLessThanOrEqual(wordChars);
    expect(fold(input).length).toBeLessThanOrEqual(chars);
  });

  test('the start of a long message is kept, so danger named first still counts', () => {
    const n = normalize('They will kill me tonight. ' + '\uFDFA'.repeat(1900));
    expect(n.tokens.slice(0, 5)).toEqual(['they', 'will', 'kill', 'me', 'tonight']);
  });

  test('an ordinary 2,000-character message is not cut', () => {
    const message = 'Mi patrón tiene mis papeles y dice que le debo dinero del viaje, ¿qué puedo hacer? '.repeat(25).slice(0, 2000);
    const n = normalize(message);
    expect(n.text.endsWith(normalize(message.slice(-40)).text)).toBe(true);
  });

  test('a cut never leaves half of a surrogate pair', () => {
    const folded = fold('😀'.repeat(1500));
    const last = folded.charCodeAt(folded.length - 1);
    expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
  });
});
