import path from 'node:path';
import { loadTraining, parseTrainingFile } from '../../src/knowledge/training';
import { OUT_OF_SCOPE, SMALL_TALK } from '../../src/understanding/topics';
import { realKnowledge } from '../helpers/bot';
import { KNOWLEDGE_DIR } from '../helpers/fixtures';

const known = new Set(['rights.t-visa', OUT_OF_SCOPE]);

describe('training corpus files', () => {
  test('one example a line under [en] or [es]; comments and blank lines skipped', () => {
    const r = parseTrainingFile('training/rights.t-visa.txt', '# about the T visa\n[en]\nwhat is a t visa\n\n[es]\nque es la visa t\n', known);
    expect(r.problems).toEqual([]);
    expect(r.examples).toEqual([
      { label: 'rights.t-visa', locale: 'en', text: 'what is a t visa' },
      { label: 'rights.t-visa', locale: 'es', text: 'que es la visa t' },
    ]);
  });

  test.each([
    ['an example before any section', 'what is a t visa\n[en]\nx\n[es]\ny\n', 1, /before any \[en\]/],
    ['an unknown section', '[fr]\nqu\'est-ce que\n[en]\nx\n[es]\ny\n', 1, /unknown section/],
    ['a duplicate line', '[en]\nwhat is a t visa\nWhat is a T visa\n[es]\ny\n', 3, /same example as line 2/],
    ['a pasted document', `[en]\n${'word '.repeat(100)}\n[es]\ny\n`, 2, /characters/],
  ])('%s is reported at its line', (_, text, line, what) => {
    const r = parseTrainingFile('training/rights.t-visa.txt', text, known);
    expect(r.problems[0]).toMatchObject({ file: 'training/rights.t-visa.txt', line });
    expect(r.problems[0]!.what).toMatch(what);
  });

  test('a file named after no topic is an error that lists the labels allowed', () => {
    const r = parseTrainingFile('training/rights.tvisa.txt', '[en]\nx\n', known);
    expect(r.problems[0]).toMatchObject({ severity: 'error', line: 1 });
    expect(r.examples).toEqual([]);
  });

  test('the real corpus: no errors, every topic at least 40 lines in each language, out-of-scope and small talk', async () => {
    const { base } = (await realKnowledge()).current();
    const corpus = await loadTraining(KNOWLEDGE_DIR, base.entries.map((e) => e.id));
    expect(corpus.problems.filter((p) => p.severity === 'error')).toEqual([]);
    for (const id of [...base.entries.map((e) => e.id)]) {
      for (const locale of ['en', 'es'] as const) {
        const n = corpus.examples.filter((x) => x.label === id && x.locale === locale).length;
        expect([id, locale, n >= 40]).toEqual([id, locale, true]);
      }
    }
    for (const locale of ['en', 'es'] as const) {
      expect(corpus.examples.filter((x) => x.label === OUT_OF_SCOPE && x.locale === locale).length).toBeGreaterThanOrEqual(400);
      for (const talk of SMALL_TALK) expect(corpus.examples.filter((x) => x.label === talk && x.locale === locale).length).toBeGreaterThanOrEqual(40);
    }
    expect(path.isAbsolute(KNOWLEDGE_DIR)).toBe(true);
  });
});
