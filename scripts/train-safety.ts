/**
 * `npm run safety:train [-- --check]`: trains the safety model from the labelled lines Reach keeps
 * (the safety tables in tests/fixtures, lines written only for training in tests/fixtures/training —
 * among them 1,540 everyday messages — every knowledge question, the topic training corpus and the
 * first blind topic set as lines that are not emergencies, and the corpus's stories on the topics of
 * data/safety/situation-topics.txt as situations described calmly) and writes
 * data/models/safety-model.json. The public evaluation set and the second blind topic set are
 * left out on purpose, so that `npm run eval` measures the model on lines it has never seen.
 * With --check it says whether the file was trained on exactly these lines, features and settings (the
 * digest it names; seconds, for `npm test`), with --check --full it trains again and compares the files
 * byte for byte (CI runs it; exit 1 if either differs); with --cv it
 * prints five-fold cross-validation figures (each fifth of the lines scored by a model trained on the rest;
 * `--dump <file>` also writes every held-out line with its scores, for studying the tiers).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledge } from '../src/knowledge/load';
import { MODEL_FILE, MODEL_LABELS, modelReason, modelScores, type ModelLabel, type SafetyModel } from '../src/escalation/model';
import { TRAINING, trainingDigest, trainSafetyModel, type TrainingLine, type TrainingSettings } from '../src/escalation/train';
import { situationTopics, SITUATION_WORDS, toldPhrases } from '../src/escalation/situations';
import { loadTraining } from '../src/knowledge/training';
import { normalize } from '../src/text/normalize';

const SITUATION_TOPICS = situationTopics();
const TOLD = toldPhrases();
/** Entries whose stories keep the label they have (crisis and emergency); the organisation's own too. */
const NOT_TOLD = new Set(['help.crisis-988', 'help.emergency']);

const ROOT = path.resolve(__dirname, '..');
const FIXTURES = path.join('tests', 'fixtures');
const BLIND = path.join('tests', 'eval', 'blind-1.jsonl');

function jsonl(rel: string): { text: string; expect: string }[] {
  return readFileSync(path.join(ROOT, rel), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l, i) => {
      const row = JSON.parse(l) as { text?: unknown; expect?: unknown };
      if (typeof row.text !== 'string' || typeof row.expect !== 'string') throw new Error(`${rel}:${i + 1}: needs text and expect`);
      return { text: row.text, expect: row.expect };
    });
}

function label(value: string, where: string): ModelLabel {
  if ((MODEL_LABELS as readonly string[]).includes(value)) return value as ModelLabel;
  throw new Error(`${where}: unknown label ${value}`);
}

/** Every measured blind set Reach learns from (tests/fixtures/learned-sets.txt): one repository path a line. */
export function learnedSets(): string[] {
  const list = path.join(ROOT, FIXTURES, 'learned-sets.txt');
  if (!existsSync(list)) return [];
  return readFileSync(list, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((rel, i) => {
      if (!existsSync(path.join(ROOT, rel))) throw new Error(`learned-sets.txt:${i + 1}: no file ${rel}`);
      return rel;
    });
}

/**
 * The normalised texts (four words or more) of every evaluation set that still measures: tests/eval and
 * tests/eval/fresh but the learned sets and blind-1 (which teaches plain questions); lines and turns.
 */
function measuringTexts(learned: readonly string[]): Set<string> {
  const out = new Set<string>();
  const evalDir = path.join('tests', 'eval');
  const files = [evalDir, path.join(evalDir, 'fresh')]
    .flatMap((dir) => readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(dir, f)))
    .filter((rel) => rel !== BLIND && !learned.includes(rel));
  for (const rel of files) {
    for (const l of readFileSync(path.join(ROOT, rel), 'utf8').split('\n')) {
      if (!l.trim()) continue;
      const row = JSON.parse(l) as { text?: string; turns?: { text: string }[] };
      for (const t of row.turns ? row.turns.map((x) => x.text) : row.text ? [row.text] : []) {
        const key = normalize(t).text;
        if (key.split(' ').length >= 4) out.add(key);
      }
    }
  }
  return out;
}

/** Every labelled line, in a fixed order, and the files they came from. */
export async function trainingData(): Promise<{ lines: TrainingLine[]; sources: string[] }> {
  const lines: TrainingLine[] = [];
  const sources: string[] = [];
  const tables = readdirSync(path.join(ROOT, FIXTURES)).filter((f) => /^safety.*\.jsonl$/.test(f)).sort();
  for (const f of tables) {
    const rel = path.join(FIXTURES, f);
    sources.push(rel);
    for (const row of jsonl(rel)) lines.push({ text: row.text, label: label(row.expect, rel), source: rel });
  }
  // Lines written only to teach the model (not tables every line of which the detector must pass).
  const training = path.join(FIXTURES, 'training');
  const extra = existsSync(path.join(ROOT, training)) ? readdirSync(path.join(ROOT, training)).filter((f) => f.endsWith('.jsonl')).sort() : [];
  for (const f of extra) {
    const rel = path.join(training, f);
    sources.push(rel);
    for (const row of jsonl(rel)) lines.push({ text: row.text, label: label(row.expect, rel), source: rel });
  }
  // The measured blind safety sets (the topic sets listed went to the corpus): the newest set stays out, so
  // it still measures, and a line that a set still measuring also holds is left out.
  const learned = learnedSets();
  const measured = measuringTexts(learned);
  for (const rel of learned.filter((r) => /(^|\/)safety[^/]*\.jsonl$/.test(r))) {
    sources.push(rel);
    for (const row of jsonl(rel)) {
      if (!measured.has(normalize(row.text).text)) lines.push({ text: row.text, label: label(row.expect, rel), source: rel });
    }
  }
  // Topic questions of the second evaluation set: plain questions, none of them an emergency.
  sources.push(BLIND);
  for (const row of jsonl(BLIND)) lines.push({ text: row.text, label: row.expect.startsWith('handoff:') ? label(row.expect.slice('handoff:'.length), BLIND) : 'none', source: BLIND });
  const { base } = await loadKnowledge(path.join(ROOT, 'knowledge'));
  if (!base) throw new Error('the knowledge folder has errors: run npm run kb:check');
  sources.push('knowledge/**/questions');
  for (const e of base.entries) for (const q of [...e.en.questions, ...e.es.questions]) lines.push({ text: q, label: 'none', source: 'knowledge/**/questions' });
  // The topic corpus: questions, out-of-scope and small talk are not emergencies; a story told on a
  // topic of exploitation is a situation, and so is a story on any topic that tells of exploitation
  // that happened (a survivor asking about a T visa or a shelter).
  const topicIds = new Set(base.entries.map((e) => e.id).filter((id) => !NOT_TOLD.has(id) && !id.startsWith('org.')));
  const corpus = await loadTraining(path.join(ROOT, 'knowledge'), base.entries.map((e) => e.id));
  sources.push('knowledge/training');
  // A corpus line the safety tables or training files already label keeps that label (the stories
  // written for the safety model also teach the topic model their topic).
  const labelled = new Set(lines.map((l) => normalize(l.text).text));
  for (const ex of corpus.examples) {
    const { text, tokens } = normalize(ex.text);
    if (labelled.has(text)) continue;
    const onTopic = SITUATION_TOPICS.has(ex.label) || (topicIds.has(ex.label) && TOLD.has(tokens));
    const story = onTopic && tokens.length >= SITUATION_WORDS;
    lines.push({ text: ex.text, label: story ? 'situation' : 'none', source: 'knowledge/training' });
  }
  return { lines, sources };
}

/** The model as a file: one feature per line, so that a retrained model shows as a readable diff. */
export function modelFile(model: SafetyModel): string {
  const head = JSON.stringify({ labels: model.labels, bias: model.bias, featureFloor: model.featureFloor, trainedOn: model.trainedOn });
  const weights = Object.entries(model.weights).map(([f, w]) => `    ${JSON.stringify(f)}: ${JSON.stringify(w)}`);
  return `${head.slice(0, -1)},\n  "weights": {\n${weights.join(',\n')}\n  }\n}\n`;
}

/** Five-fold cross-validation of the model alone: recall per label, and the share of "none" lines flagged. */
function crossValidate(lines: readonly TrainingLine[], settings: TrainingSettings, bySource: boolean, dump: string | null): void {
  const folds = 5;
  // By source: whole files held out at once (round-robin over the sorted file names), so each fold is
  // scored on writers the model never read; otherwise every fifth line.
  const sourceFold = new Map([...new Set(lines.map((l) => l.source ?? ''))].sort().map((s, i) => [s, i % folds]));
  const foldOf = (line: TrainingLine, i: number) => (bySource ? sourceFold.get(line.source ?? '')! : i % folds);
  const hits = new Map<ModelLabel, [number, number]>(MODEL_LABELS.map((l) => [l, [0, 0]]));
  // Self-harm at other thresholds: its recall, and the share of "none" lines it would flag.
  const levels = [0.5, 0.4, 0.3, 0.2];
  const held: { label: ModelLabel; scores: Record<ModelLabel, number>; text: string; source?: string }[] = [];
  const selfHarm = levels.map(() => ({ found: 0, all: 0, flagged: 0, calm: 0 }));
  for (let fold = 0; fold < folds; fold++) {
    const model = trainSafetyModel(lines.filter((l, i) => foldOf(l, i) !== fold), [], settings);
    lines.forEach((line, i) => {
      if (foldOf(line, i) !== fold) return;
      const scores = modelScores(model, line.text);
      held.push({ label: line.label, scores, text: line.text, source: line.source });
      const got = modelReason(scores) ?? 'none';
      const p = scores['self-harm'];
      levels.forEach((level, k) => {
        const row = selfHarm[k]!;
        if (line.label === 'self-harm') {
          row.all++;
          if (p >= level) row.found++;
        } else if (line.label === 'none') {
          row.calm++;
          if (p >= level) row.flagged++;
        }
      });
      const row = hits.get(line.label)!;
      row[1]++;
      if (got === line.label || (line.label === 'situation' && got === 'none')) row[0]++;
    });
    console.log(`  fold ${fold + 1}/${folds} done`);
  }
  // --dump <file>: every held-out line with its scores, one JSON object a line, to study the tiers on
  // scores the model gave lines it never saw (the file holds training text: keep it out of the repository).
  if (dump) writeFileSync(dump, held.map((h) => JSON.stringify(h)).join('\n') + '\n');
  levels.forEach((level, k) => {
    const row = selfHarm[k]!;
    console.log(`self-harm at ${level}: recall ${(row.found / row.all).toFixed(3)}, "none" lines flagged ${(row.flagged / row.calm).toFixed(3)}`);
  });
  for (const [label, [right, all]] of hits) {
    const what = label === 'none' ? 'left alone (1 − false alarms)' : label === 'situation' ? 'not handed off by the model' : 'recall';
    console.log(`${label}: ${what} ${(right / all).toFixed(3)} (${right}/${all})`);
  }
  // The calm veto (see VETO in tier.ts): how many lines that need a person it would clear, and how
  // many ordinary lines it clears, at several levels.
  for (const level of [0.8, 0.85, 0.9, 0.95, 0.97]) {
    const calm = (s: Record<ModelLabel, number>) => s.none + s.situation >= level && s.danger < 0.05 && s['self-harm'] < 0.05;
    const needing = held.filter((h) => h.label !== 'none' && h.label !== 'situation');
    const ordinary = held.filter((h) => h.label === 'none');
    console.log(
      `veto at ${level}: clears ${(needing.filter((h) => calm(h.scores)).length / needing.length).toFixed(4)} of lines needing a person, ` +
        `${(ordinary.filter((h) => calm(h.scores)).length / ordinary.length).toFixed(3)} of ordinary lines`,
    );
  }
  for (const level of [0.3, 0.4, 0.5, 0.6]) {
    const sit = held.filter((h) => h.label === 'situation');
    const ordinary = held.filter((h) => h.label === 'none');
    console.log(
      `situation at ${level}: recall ${(sit.filter((h) => h.scores.situation >= level).length / sit.length).toFixed(3)}, ` +
        `ordinary lines marked ${(ordinary.filter((h) => h.scores.situation >= level).length / ordinary.length).toFixed(3)}`,
    );
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const full = process.argv.includes('--full');
  const started = Date.now();
  const { lines, sources } = await trainingData();
  const counts = MODEL_LABELS.map((l) => `${l} ${lines.filter((x) => x.label === l).length}`).join(', ');
  if (process.argv.includes('--cv')) {
    // `--set epochs=30,l2=0.0001` tries other settings without changing the shipped ones.
    const given = process.argv[process.argv.indexOf('--set') + 1];
    const overrides = process.argv.includes('--set') && given ? Object.fromEntries(given.split(',').map((kv) => [kv.split('=')[0]!, Number(kv.split('=')[1])])) : {};
    const settings = { ...TRAINING, ...overrides } as TrainingSettings;
    const bySource = process.argv.includes('--by-source');
    console.log(`Cross-validating the safety model on ${lines.length} lines (${counts}), ${bySource ? 'whole files held out' : 'every fifth line held out'}, settings ${JSON.stringify(settings)}…`);
    const at = process.argv.indexOf('--dump');
    const dump = at === -1 ? null : (process.argv[at + 1] ?? null);
    if (at !== -1 && (!dump || dump.startsWith('--'))) throw new Error('--dump needs a file to write: --dump /tmp/held.jsonl');
    crossValidate(lines, settings, bySource, dump);
    return;
  }
  const file = path.relative(ROOT, MODEL_FILE);
  if (check && !full) {
    // Quick: the model file names the digest of what it was trained on; the data and features give it
    // again in a second or two. `--check --full` trains again and compares the files byte for byte.
    const trainedOn = (JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as { trainedOn?: { digest?: string; lines?: number } }).trainedOn;
    const digest = trainingDigest(lines);
    if (trainedOn?.digest !== digest || trainedOn.lines !== lines.length) {
      console.error(`${file} was trained on other lines, features or settings than these: run npm run safety:train and commit it.`);
      process.exitCode = 1;
      return;
    }
    console.log(`${file} matches its training data (${lines.length} lines, digest ${digest}; --full trains again to compare).`);
    return;
  }
  console.log(`Training the safety model on ${lines.length} lines (${counts})…`);
  const text = modelFile(trainSafetyModel(lines, sources));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (check) {
    const current = readFileSync(MODEL_FILE, 'utf8');
    if (current !== text) {
      console.error(`${file} is not what the data gives: run npm run safety:train and commit it.`);
      process.exitCode = 1;
      return;
    }
    console.log(`${file} is exactly what training gives (${seconds} s).`);
    return;
  }
  writeFileSync(MODEL_FILE, text);
  console.log(`Wrote ${file}: ${(text.length / 1024).toFixed(0)} KB in ${seconds} s.`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
