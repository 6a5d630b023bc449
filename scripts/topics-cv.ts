/**
 * `npm run topics:cv`: five-fold cross-validation of the topic model and of the answer / suggestion /
 * small-talk / out-of-scope thresholds, on the training corpus only (knowledge/training). Each fifth of
 * the corpus is scored by a model trained on the entries' questions and the other four fifths, with the
 * index of the whole base; then every setting in a grid is tried on those held-out scores and the best
 * is printed. No evaluation set is read: thresholds are never chosen on a set that is reported.
 * Training settings can be tried without changing the shipped ones: --epochs=, --rate=, --floor=,
 * --gradient=, --average= (averageFrom), --rest= (restSettled), --rest-below= (restBelow), --seed= (another order of the lines); --quick runs one fold.
 */
import path from 'node:path';
import { KnowledgeIndex } from '../src/knowledge/search';
import { loadKnowledge } from '../src/knowledge/load';
import { topicExamples } from '../src/knowledge/store';
import { loadTraining } from '../src/knowledge/training';
import { analyse } from '../src/understanding/analysis';
import { blend, understand, UNDERSTANDING, type IndexHit, type Understanding, type UnderstandingSettings } from '../src/understanding/combine';
import { FOLLOW_UP, OUT_OF_SCOPE, TOPIC_TRAINING, TopicModel, type TopicScores, type TopicTrainingSettings } from '../src/understanding/topics';

const ROOT = path.resolve(__dirname, '..');
const FOLDS = 5;

interface Held {
  readonly label: string;
  readonly model: TopicScores;
  readonly hits: readonly IndexHit[];
}

/** How good one decision is for a line of a given label (a wrong answer costs more than no answer). */
function score(label: string, u: Understanding): number {
  const topicLine = label !== OUT_OF_SCOPE && !label.startsWith('smalltalk.');
  if (topicLine) {
    if (u.kind === 'topic') return u.topic === label ? 1 : -0.7;
    if (u.kind === 'suggest') return u.topics.includes(label) ? 0.3 : -0.2;
    return 0;
  }
  if (label === OUT_OF_SCOPE) {
    if (u.kind === 'out-of-scope' || u.kind === 'unknown') return 1;
    if (u.kind === 'suggest') return 0;
    return -1;
  }
  if (u.kind === 'small-talk') return u.label === label ? 1 : 0;
  return u.kind === 'topic' ? -1 : 0;
}

async function main(): Promise<void> {
  const epochs = Number(process.argv.find((a) => a.startsWith('--epochs='))?.slice(9) ?? TOPIC_TRAINING.epochs);
  const rate = Number(process.argv.find((a) => a.startsWith('--rate='))?.slice(7) ?? TOPIC_TRAINING.learningRate);
  const floor = Number(process.argv.find((a) => a.startsWith('--floor='))?.slice(8) ?? TOPIC_TRAINING.featureFloor);
  const gradientFloor = Number(process.argv.find((a) => a.startsWith('--gradient='))?.slice(11) ?? TOPIC_TRAINING.gradientFloor);
  const averageFrom = Number(process.argv.find((a) => a.startsWith('--average='))?.slice(10) ?? TOPIC_TRAINING.averageFrom);
  // --seed: another order of the training lines, to see how much a result owes to the order alone.
  const seed = Number(process.argv.find((a) => a.startsWith('--seed='))?.slice(7) ?? TOPIC_TRAINING.seed);
  const restSettled = Number(process.argv.find((a) => a.startsWith('--rest='))?.slice(7) ?? TOPIC_TRAINING.restSettled);
  const restBelow = Number(process.argv.find((a) => a.startsWith('--rest-below='))?.slice(13) ?? TOPIC_TRAINING.restBelow);
  const training: TopicTrainingSettings = { ...TOPIC_TRAINING, epochs, learningRate: rate, featureFloor: floor, gradientFloor, averageFrom, seed, restSettled, restBelow };
  // --quick: one fold only, for exploring training settings (the printed settings need all five).
  const runFolds = process.argv.includes('--quick') ? 1 : FOLDS;
  const dir = path.join(ROOT, 'knowledge');
  const { base } = await loadKnowledge(dir);
  if (!base) throw new Error('the knowledge folder has errors: run npm run kb:check');
  const topics = base.entries.map((e) => e.id);
  const corpus = await loadTraining(dir, topics);
  const index = new KnowledgeIndex(base.entries);
  const questions = topicExamples(base, { examples: [] });
  const held: Held[] = [];
  let modelRight = 0;
  let indexRight = 0;
  let topicLines = 0;
  for (let fold = 0; fold < runFolds; fold++) {
    const started = Date.now();
    const model = TopicModel.train([...questions, ...corpus.examples.filter((_, i) => i % FOLDS !== fold)], training);
    corpus.examples.forEach((e, i) => {
      if (i % FOLDS !== fold) return;
      const a = analyse(e.text);
      const h: Held = { label: e.label, model: model.scores(a), hits: index.search(a, 6) };
      held.push(h);
      if (topics.includes(e.label)) {
        topicLines++;
        if (h.model.ranked.find((r) => topics.includes(r.label))?.label === e.label) modelRight++;
        if (h.hits[0]?.id === e.label) indexRight++;
      }
    });
    console.log(`  fold ${fold + 1}/${FOLDS}: trained in ${Date.now() - started} ms`);
  }
  console.log(`${corpus.examples.length} corpus lines (${topicLines} on topics); epochs ${epochs}, rate ${rate}, averaged from ${averageFrom}, settled lines rest ${restSettled} (below ${restBelow}), seed ${seed}`);
  console.log(`best topic of the model alone: ${(modelRight / topicLines).toFixed(3)}; of the index alone: ${(indexRight / topicLines).toFixed(3)}`);

  const total = (s: UnderstandingSettings): number => held.reduce((sum, h) => sum + score(h.label, understand(h.model, h.hits, topics, s)), 0);
  let best: UnderstandingSettings = UNDERSTANDING;
  let bestScore = total(best);
  console.log(`current settings: ${(bestScore / held.length).toFixed(4)}`);
  const grid: Partial<Record<keyof UnderstandingSettings, number[]>> = {
    modelWeight: [0.5, 0.6, 0.7, 0.8, 0.9, 1],
    answer: [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55],
    margin: [0, 0.05, 0.1, 0.15, 0.2],
    suggest: [0.1, 0.15, 0.2, 0.25, 0.3],
    smallTalk: [0.3, 0.4, 0.5, 0.6, 0.7],
    outOfScope: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
  };
  // Coordinate search, three rounds: each knob in turn, the others held.
  for (let round = 0; round < 3; round++) {
    for (const [knob, values] of Object.entries(grid) as [keyof UnderstandingSettings, number[]][]) {
      for (const v of values) {
        const s = { ...best, [knob]: v };
        const t = total(s);
        if (t > bestScore + 1e-9) {
          best = s;
          bestScore = t;
        }
      }
    }
  }
  const blendRight = held.filter((h) => topics.includes(h.label)).filter((h) => blend(h.model, h.hits, topics, best)[0]?.id === h.label).length;
  console.log(`best topic of the blend: ${(blendRight / topicLines).toFixed(3)}`);
  console.log(`best settings: ${(bestScore / held.length).toFixed(4)}`, JSON.stringify(best));
  // What the best settings do, per kind of line.
  const rows = new Map<string, { n: number; right: number; wrong: number }>();
  for (const h of held) {
    const kind = h.label === OUT_OF_SCOPE ? 'out-of-scope' : h.label.startsWith('smalltalk.') ? 'small talk' : h.label === FOLLOW_UP ? 'follow-up (alone)' : 'topic';
    const u = understand(h.model, h.hits, topics, best);
    const row = rows.get(kind) ?? { n: 0, right: 0, wrong: 0 };
    row.n++;
    const sc = score(h.label, u);
    if (sc === 1) row.right++;
    if (sc < 0) row.wrong++;
    rows.set(kind, row);
  }
  for (const [kind, r] of rows) console.log(`  ${kind}: ${r.n} lines, right ${(r.right / r.n).toFixed(3)}, wrong ${(r.wrong / r.n).toFixed(3)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
