import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadTraining } from '../../src/knowledge/training';
import { normalize } from '../../src/text/normalize';
import { learnedSets, trainingData } from '../../scripts/train-safety';
import { realKnowledge } from '../helpers/bot';
import { KNOWLEDGE_DIR, ROOT } from '../helpers/fixtures';

/** Every text of an evaluation file: case lines, or the turns of conversations. */
function evaluationTexts(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      const row = JSON.parse(l) as { text?: string; turns?: { text: string }[] };
      return row.turns ? row.turns.map((t) => t.text) : row.text ? [row.text] : [];
    });
}

const EVAL = path.join(ROOT, 'tests', 'eval');
// The measured blind sets Reach learns from (tests/fixtures/learned-sets.txt): training lines now, checked
// here against every set that still measures.
const LEARNED = learnedSets().map((rel) => path.join(ROOT, rel));
// blind-1 teaches the safety model what plain questions look like (see scripts/train-safety.ts): it is
// not an evaluation of it, and it is left out here.
const evaluationFiles = [
  ...readdirSync(EVAL).filter((f) => f.endsWith('.jsonl') && f !== 'blind-1.jsonl').map((f) => path.join(EVAL, f)),
  ...(existsSync(path.join(EVAL, 'fresh')) ? readdirSync(path.join(EVAL, 'fresh')).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(EVAL, 'fresh', f)) : []),
].filter((f) => !LEARNED.includes(f));

const key = (text: string) => normalize(text).text;

describe('evaluation never trains', () => {
  test('no evaluation line appears, after normalisation, in the topic corpus or the safety training lines', async () => {
    const { base } = (await realKnowledge()).current();
    const corpus = await loadTraining(KNOWLEDGE_DIR, base.entries.map((e) => e.id));
    const training = new Set(corpus.examples.map((e) => key(e.text)));
    // The lines written to teach the safety model and the measured sets it learns from, as `npm run
    // safety:train` gathers them (the safety tables and the knowledge questions are checked elsewhere).
    const taught = (source: string) => source.startsWith(path.join('tests', 'fixtures', 'training')) || LEARNED.includes(path.join(ROOT, source));
    for (const line of (await trainingData()).lines) if (taught(line.source ?? '')) training.add(key(line.text));
    // Very short lines ("hola", "1", "ok") are shared by any two sets of messages: they carry no answer key.
    const leaks = evaluationFiles.flatMap((f) =>
      evaluationTexts(f)
        .filter((t) => key(t).split(' ').length >= 4 && training.has(key(t)))
        .map(() => path.relative(ROOT, f)),
    );
    // Only the files are named, so that a failure does not print a blind set's lines.
    expect(leaks).toEqual([]);
  });
});
