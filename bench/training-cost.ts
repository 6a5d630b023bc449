/**
 * What training the topic model costs: on the real base with its training corpus (what every start and
 * every live reload pays), and on a base of 1,000 entries (the real ones plus synthetic ones, whose titles
 * and questions are their training lines, as an entry's are). The real base is trained `RUNS` times on a
 * collected heap and the median kept; a larger base once (at 1,000 entries one training takes about a
 * minute on this machine: three would add two minutes to the bench). The whole reload of the real folder
 * (read, validate, index, train) is timed too.
 */
import type { KnowledgeBase } from '../src/knowledge/load';
import type { Entry } from '../src/knowledge/schema';
import { loadLive, topicExamples } from '../src/knowledge/store';
import type { TrainingCorpus } from '../src/knowledge/training';
import { TopicModel } from '../src/understanding/topics';
import { collectGarbage, median, nowMs, progress, round } from './stats';

export interface TrainingRow {
  readonly entries: number;
  /** Lines the model learnt from: titles, questions and the corpus. */
  readonly lines: number;
  readonly labels: number;
  readonly trainMs: number;
  /** Trainings timed (the median kept). */
  readonly runs?: number;
}

export interface TrainingCost {
  readonly rows: readonly TrainingRow[];
  /** `loadLive` of the real folder: read, validate, index and train, as a reload does. */
  readonly reloadMs: number;
  readonly runs: number;
}

const RUNS = 3;

function timeTraining(base: KnowledgeBase, corpus: Pick<TrainingCorpus, 'examples'>, runs: number): TrainingRow {
  const examples = topicExamples(base, corpus);
  const times: number[] = [];
  let labels = 0;
  for (let r = 0; r < runs; r++) {
    collectGarbage();
    const t0 = nowMs();
    const model = TopicModel.train(examples);
    times.push(nowMs() - t0);
    labels = model.labels.length;
  }
  return { entries: base.entries.length, lines: examples.length, labels, trainMs: round(median(times), 1), runs };
}

export async function measureTraining(
  dir: string,
  base: KnowledgeBase,
  corpus: Pick<TrainingCorpus, 'examples'>,
  synthetic: readonly Entry[],
  sizes: readonly number[],
): Promise<TrainingCost> {
  const rows: TrainingRow[] = [];
  for (const size of sizes) {
    const entries = [...base.entries, ...synthetic.slice(0, Math.max(0, size - base.entries.length))];
    const row = timeTraining({ ...base, entries }, corpus, entries.length === base.entries.length ? RUNS : 1);
    progress(`  topic model on ${row.entries.toLocaleString('en')} entries (${row.lines.toLocaleString('en')} lines): ${row.trainMs} ms`);
    rows.push(row);
  }
  const reloads: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    collectGarbage();
    const t0 = nowMs();
    await loadLive(dir);
    reloads.push(nowMs() - t0);
  }
  return { rows, reloadMs: round(median(reloads), 1), runs: RUNS };
}
