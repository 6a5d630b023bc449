import { seededRandom, shuffle } from '../text/random';
import { createHash } from 'node:crypto';
import { safetyFeatures } from './features';
import { MODEL_LABELS, type ModelLabel, type SafetyModel } from './model';

export interface TrainingLine {
  readonly text: string;
  readonly label: ModelLabel;
  /** The file the line came from (cross-validation can hold out whole files: a writer's lines at once). */
  readonly source?: string;
}

export type TrainingSettings = Readonly<{
  epochs: number;
  learningRate: number;
  l2: number;
  positiveWeight: number;
  keepAbove: number;
  seed: number;
  featureFloor: number;
  /** Epochs from which the weights are averaged (one snapshot at the end of each); `epochs` or more: none. */
  averageFrom?: number;
}>;

/** Training settings; changing one changes the model, so `npm run safety:train` must be run again. */
export const TRAINING: TrainingSettings = Object.freeze({
  /** Chosen by five-fold cross-validation over the training lines (see the README): 100 passes without
   * weight decay fit the hard "none" lines best at the same held-out recall. */
  epochs: 100,
  learningRate: 0.1,
  l2: 0,
  /**
   * Extra weight of a line that needs a person, against a line that does not: a missed emergency is
   * the worst mistake Reach can make, a needless hotline message the mildest.
   */
  positiveWeight: 3,
  /** Weights smaller than this are left out of the file: they change no decision. */
  keepAbove: 0.005,
  seed: 20261128,
  /** See `featureFloor` in the model. */
  featureFloor: 12,
  /**
   * The weights are the average of those at the end of each pass from the 50th on. Plain SGD at a constant
   * rate ended wherever the last passes left it: two shuffling seeds gave "situations right" 0.701 / 0.682
   * and 0.726 / 0.701 on all safety sets (9,208 lines), and two table lines moved it by a point. Averaged,
   * the same two seeds give 0.708 / 0.687 and 0.705 / 0.687, danger recall equal, everyday escalations
   * 0.019-0.020 / 0.023 (December 2026). Five-fold cross-validation by source had found it no worse.
   */
  averageFrom: 50,
});

/**
 * What the model is a function of: the settings, and every line's label and features in order (so a
 * change to the lines, to the features' code or to the idioms they blank changes it). The same digest
 * means the same training; `npm run safety:train -- --check` compares it without training again.
 */
export function trainingDigest(
  lines: readonly TrainingLine[],
  features: readonly (readonly string[])[] = lines.map((l) => safetyFeatures(l.text)),
  settings: TrainingSettings = TRAINING,
): string {
  const digest = createHash('sha256');
  digest.update(JSON.stringify(settings));
  lines.forEach((l, i) => digest.update(`${l.label}\t${features[i]!.join(' ')}\n`));
  return digest.digest('hex').slice(0, 16);
}

/**
 * Train the safety model: one-vs-rest logistic regression by stochastic gradient descent over
 * `safetyFeatures`, each line's feature vector scaled to unit length. Pure and deterministic.
 */
export function trainSafetyModel(lines: readonly TrainingLine[], sources: readonly string[], T: TrainingSettings = TRAINING): SafetyModel {
  const K = MODEL_LABELS.length;
  const none = MODEL_LABELS.indexOf('none');
  // A situation described calmly is answered either way: only a missed person-needed line weighs more.
  const situation = MODEL_LABELS.indexOf('situation');
  const rows = lines.map((l) => ({ features: safetyFeatures(l.text), label: MODEL_LABELS.indexOf(l.label) }));
  const weights = new Map<string, Float64Array>();
  const bias = new Float64Array(K);
  const next = seededRandom(T.seed);
  const order = rows.map((_, i) => i);
  const sums = new Map<string, Float64Array>();
  const sumBias = new Float64Array(K);
  let snapshots = 0;
  for (let epoch = 0; epoch < T.epochs; epoch++) {
    shuffle(order, next);
    for (const i of order) {
      const { features, label } = rows[i]!;
      if (features.length === 0) continue;
      const scale = 1 / Math.sqrt(Math.max(features.length, T.featureFloor));
      for (let k = 0; k < K; k++) {
        let z = bias[k]!;
        for (const f of features) z += (weights.get(f)?.[k] ?? 0) * scale;
        const target = label === k ? 1 : 0;
        const g = (1 / (1 + Math.exp(-z)) - target) * (target === 1 && k !== none && k !== situation ? T.positiveWeight : 1);
        bias[k]! -= T.learningRate * g;
        for (const f of features) {
          let w = weights.get(f);
          if (!w) weights.set(f, (w = new Float64Array(K)));
          w[k] = w[k]! * (1 - T.learningRate * T.l2) - T.learningRate * g * scale;
        }
      }
    }
    if (epoch >= (T.averageFrom ?? T.epochs)) {
      snapshots++;
      for (let k = 0; k < K; k++) sumBias[k]! += bias[k]!;
      for (const [f, w] of weights) {
        let a = sums.get(f);
        if (!a) sums.set(f, (a = new Float64Array(K)));
        for (let k = 0; k < K; k++) a[k]! += w[k]!;
      }
    }
  }
  if (snapshots > 0) {
    for (let k = 0; k < K; k++) bias[k] = sumBias[k]! / snapshots;
    for (const [f, a] of sums) weights.set(f, a.map((v) => v / snapshots));
  }
  const kept: Record<string, number[]> = {};
  for (const f of [...weights.keys()].sort()) {
    const w = weights.get(f)!;
    if (w.some((v) => Math.abs(v) >= T.keepAbove)) kept[f] = [...w].map((v) => Math.round(v * 10000) / 10000);
  }
  return {
    labels: [...MODEL_LABELS] as SafetyModel['labels'],
    bias: [...bias].map((v) => Math.round(v * 10000) / 10000),
    featureFloor: T.featureFloor,
    weights: kept,
    trainedOn: { lines: lines.length, sources: [...sources], digest: trainingDigest(lines, rows.map((r) => r.features), T) },
  };
}
