import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadTraining } from '../../src/knowledge/training';
import { normalize } from '../../src/text/normalize';
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
// blind-1 teaches the safety model what plain questions look like (see scripts/train-safety.ts): it is
// not an evaluation of it, and it is left out here.
const evaluationFiles = [
  ...readdirSync(EVAL).filter((f) => f.endsWith('.jsonl') && f !== 'blind-1.jsonl').map((f) => path.join(EVAL, f)),
  ...(existsSync(path.join(EVAL, 'fresh')) ? readdirSync(path.join(EVAL, 'fresh')).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(EVAL, 'fresh', f)) : []),
];

const key = (text: string) => normalize(text).text;

describe('evaluation never trains', () => {
  test('no evaluation line appears, after normalisation, in the topic corpus or the safety training lines', async () => {
    const { base } = (await realKnowledge()).current();
    const corpus = await loadTraining(KNOWLEDGE_DIR, base.entries.map((e) => e.id));
    const training = new Set(corpus.examples.map((e) => key(e.text)));
    const extra = path.join(ROOT, 'tests', 'fixtures', 'training');
    for (const f of readdirSync(extra).filter((x) => x.endsWith('.jsonl'))) {
      for (const t of evaluationTexts(path.join(extra, f))) training.add(key(t));
    }
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
