import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_MODELS, modelKey, readModel, writeModel } from '../../src/understanding/cache';
import { analyse } from '../../src/understanding/analysis';
import { TOPIC_TRAINING, TopicModel, type TrainingExample } from '../../src/understanding/topics';

const lines: TrainingExample[] = [
  { label: 'rights.t-visa', locale: 'en', text: 'how do i apply for a t visa' },
  { label: 'rights.t-visa', locale: 'es', text: 'como pido la visa t' },
  { label: 'help.hotline', locale: 'en', text: 'what is the hotline number' },
  { label: 'help.hotline', locale: 'es', text: 'cual es el numero de la linea' },
  { label: 'smalltalk.greeting', locale: 'en', text: 'hi' },
  { label: 'smalltalk.greeting', locale: 'es', text: 'hola' },
  { label: 'follow-up', locale: 'en', text: 'and how much does it cost' },
  { label: 'follow-up', locale: 'es', text: 'y cuanto cuesta' },
];
const messages = ['how do i apply for the t visa', 'numero de la linea porfa', 'hola', 'y cuanto cuesta eso', 'something else entirely'];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reach-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the cache of trained topic models', () => {
  test('a model read back scores every message, follow-ups and language as the model trained', () => {
    const trained = TopicModel.train(lines);
    const key = modelKey(lines, TOPIC_TRAINING);
    writeModel(dir, key, trained);
    const kept = readModel(dir, key);
    expect(kept).not.toBeNull();
    for (const m of messages) {
      const a = analyse(m);
      const [x, y] = [trained.scores(a), kept!.scores(a)];
      expect(y.ranked).toEqual(x.ranked);
      expect(y.followUp).toBe(x.followUp);
      expect(y.known).toBe(x.known);
      expect(kept!.language.guess(a)).toEqual(trained.language.guess(a));
    }
    expect(kept!.trainedOn).toBe(trained.trainedOn);
    expect(kept!.labels).toEqual(trained.labels);
  });

  test('another line, another order or other settings give another key', () => {
    const key = modelKey(lines, TOPIC_TRAINING);
    expect(modelKey(lines, TOPIC_TRAINING)).toBe(key);
    expect(modelKey([...lines, { label: 'help.hotline', locale: 'en', text: 'hotline pls' }], TOPIC_TRAINING)).not.toBe(key);
    expect(modelKey([...lines].reverse(), TOPIC_TRAINING)).not.toBe(key);
    expect(modelKey(lines.map((l, i) => (i === 0 ? { ...l, text: 'how do i apply for a u visa' } : l)), TOPIC_TRAINING)).not.toBe(key);
    expect(modelKey(lines, { ...TOPIC_TRAINING, epochs: 4 })).not.toBe(key);
  });

  test('nothing kept, or a damaged file, reads as no model (it is trained again)', () => {
    const key = modelKey(lines, TOPIC_TRAINING);
    expect(readModel(dir, key)).toBeNull();
    writeModel(dir, key, TopicModel.train(lines));
    const [file] = readdirSync(dir);
    writeFileSync(path.join(dir, file!), Buffer.from('not a model'));
    expect(readModel(dir, key)).toBeNull();
    expect(readModel(path.join(dir, 'missing'), key)).toBeNull();
  });

  test(`the folder keeps the ${MAX_MODELS} newest models and nothing half written`, () => {
    const model = TopicModel.train(lines);
    const keys = Array.from({ length: MAX_MODELS + 2 }, (_, i) => modelKey([...lines, { label: 'help.hotline', locale: 'en', text: `line ${i}` }], TOPIC_TRAINING));
    keys.forEach((k, i) => {
      writeModel(dir, k, model);
      // Distinct ages, oldest first, whatever the file system's clock resolution.
      utimesSync(path.join(dir, `topics-${k}.bin`), new Date(1_000_000 + i * 1000), new Date(1_000_000 + i * 1000));
    });
    writeModel(dir, keys[keys.length - 1]!, model);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(MAX_MODELS);
    expect(files.every((f) => /^topics-[0-9a-f]+\.bin$/.test(f))).toBe(true);
    expect(readModel(dir, keys[0]!)).toBeNull();
    expect(readModel(dir, keys[keys.length - 1]!)).not.toBeNull();
  });

  test('a folder that cannot be written is no error: the model is simply not kept', () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'x');
    expect(() => writeModel(path.join(file, 'below'), 'abc', TopicModel.train(lines))).not.toThrow();
    expect(readModel(path.join(file, 'below'), 'abc')).toBeNull();
  });
});
