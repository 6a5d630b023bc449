import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TopicModel, type TopicTrainingSettings, type TrainingExample } from './topics';

/**
 * A folder of trained topic models, so that a restart (or a test starting another server) on the same
 * lines does not train again. A model is found by a digest of everything that shapes it: the training
 * lines in order, the settings, and the source of the code that turns lines into features and learns
 * from them. A staff edit changes the lines, so it is trained as before; a changed trainer changes the
 * digest. The folder keeps the `MAX_MODELS` newest files; each is written whole and renamed into place,
 * so two processes never read half a file. Holds weights learnt from the knowledge files, nothing a
 * user wrote.
 */
export const MAX_MODELS = 4;

/** The modules whose code decides what a trained model is (their source is part of the digest). */
const SHAPING = ['understanding/topics', 'understanding/features', 'understanding/language', 'text/normalize', 'text/synonyms', 'text/terms', 'text/distance', 'text/random'];

let codeDigest: string | null = null;
/** The digest of the shaping modules as they are on disk here (.ts under tsx and jest, .js when built). */
function shapingCode(): string {
  if (codeDigest) return codeDigest;
  const ext = path.extname(__filename);
  const root = path.resolve(__dirname, '..');
  const hash = createHash('sha256');
  for (const m of SHAPING) hash.update(m).update('\0').update(readFileSync(path.join(root, `${m}${ext}`)));
  codeDigest = hash.digest('hex');
  return codeDigest;
}

/** The name a model of these lines and settings is kept under. */
export function modelKey(examples: readonly TrainingExample[], settings: TopicTrainingSettings): string {
  const hash = createHash('sha256').update(shapingCode()).update(JSON.stringify(settings));
  for (const e of examples)
    hash.update('\0').update(e.label).update('\0').update(e.locale).update('\0').update(e.text);
  return hash.digest('hex').slice(0, 32);
}

const fileOf = (dir: string, key: string) => path.join(dir, `topics-${key}.bin`);

/** The model kept under `key`, or null (none, or a file that cannot be read: it is trained again). */
export function readModel(dir: string, key: string): TopicModel | null {
  try {
    return TopicModel.fromBytes(readFileSync(fileOf(dir, key)));
  } catch {
    return null;
  }
}

/** Keep a model under `key`; then drop all but the newest MAX_MODELS. A folder that cannot be written is no error. */
export function writeModel(dir: string, key: string, model: TopicModel): void {
  try {
    mkdirSync(dir, { recursive: true });
    const file = fileOf(dir, key);
    const partial = `${file}.${process.pid}.${Date.now()}.part`;
    writeFileSync(partial, model.toBytes());
    renameSync(partial, file);
    const kept = readdirSync(dir)
      .filter((f) => /^topics-[0-9a-f]+\.bin$/.test(f))
      .map((f) => ({ f, at: statSync(path.join(dir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of kept.slice(MAX_MODELS)) unlinkSync(path.join(dir, f));
  } catch {
    // The cache only saves time: without it the model is trained at every start, as it always was.
  }
}

/** What the folder holds for some lines: the model kept for them (or null), and how to keep a new one. */
export interface KeptModel {
  readonly model: TopicModel | null;
  keep(model: TopicModel): void;
}

/** Look up the model of these lines and settings in `dir`; without a folder, nothing is kept. */
export function keptModel(dir: string | null | undefined, examples: readonly TrainingExample[], settings: TopicTrainingSettings): KeptModel {
  if (!dir) return { model: null, keep: () => undefined };
  const key = modelKey(examples, settings);
  return { model: readModel(dir, key), keep: (model) => writeModel(dir, key, model) };
}
