import { seededRandom, shuffle } from '../text/random';
import { normalize } from '../text/normalize';
import type { Analysis } from './analysis';
import { FeatureIds, topicFeatures } from './features';
import { LanguageModel, type LanguageData } from './language';

/** The class of messages Reach has no topic for ("weather in charlotte tomorrow"): declined on purpose. */
export const OUT_OF_SCOPE = 'out-of-scope';
/** Small talk, each with its own short reply. */
export const SMALL_TALK = [
  'smalltalk.greeting',
  'smalltalk.thanks',
  'smalltalk.bye',
  'smalltalk.ack',
  'smalltalk.about',
  'smalltalk.capabilities',
] as const;
export type SmallTalk = (typeof SMALL_TALK)[number];
/**
 * A message that only makes sense with the previous answer in view ("how do i apply", "y cuanto
 * cuesta?"): it names no subject of its own, so it goes to the conversation's topic.
 */
export const FOLLOW_UP = 'follow-up';
/** The other side of the follow-up model: every line that is not a follow-up. */
const NOT_FOLLOW_UP = 'not-follow-up';
/** Lines between two hand-backs of the event loop when training in slices (a few milliseconds each). */
const TRAINING_SLICE = 500;
/** Labels a training file may have besides the entries' ids. */
export const TOPIC_EXTRA_LABELS: ReadonlySet<string> = new Set([OUT_OF_SCOPE, FOLLOW_UP, ...SMALL_TALK]);

export function isSmallTalk(label: string): label is SmallTalk {
  return (SMALL_TALK as readonly string[]).includes(label);
}

/** One line the model learns from: a topic id, `out-of-scope`, `follow-up` or a small-talk label. */
export interface TrainingExample {
  readonly label: string;
  readonly locale: 'en' | 'es';
  readonly text: string;
}

/** The model's view of one message: every label with its probability, most probable first. */
export interface TopicScores {
  readonly ranked: readonly { readonly label: string; readonly p: number }[];
  /** Probability of one label (0 for a label the model does not know). */
  readonly of: (label: string) => number;
  /** Share of the message's words the model has seen in training: 0 for "asdfgh", which it cannot judge. */
  readonly known: number;
  /**
   * Probability that the message is a follow-up that names no subject of its own ("how do i apply"),
   * from a model of its own, so that the follow-up lines take nothing from the topics' probabilities.
   */
  readonly followUp?: number;
}

/**
 * A base with more entries than this is decided by the index alone: the model's weights grow with
 * features × labels (at 10,000 entries, gigabytes) and its training with them. The real base has 46.
 */
export const MAX_MODEL_TOPICS = 500;

/** Training settings. Chosen by five-fold cross-validation on the training lines (`npm run topics:cv`). */
export const TOPIC_TRAINING = Object.freeze({
  epochs: 5,
  learningRate: 3,
  /** The learning rate falls linearly to this share of itself by the last pass. */
  finalRate: 0.1,
  /** Messages with fewer features are scaled as if they had this many: one word must not decide alone. */
  featureFloor: 8,
  /** A class whose gradient for a line is smaller than this is not updated for it (most of them, after a pass or two). */
  gradientFloor: 0.01,
  /**
   * The weights returned are the average of those after each step from this share of the training on
   * (averaged SGD; 1: the last weights). Five passes of plain SGD left a model that moved with the order
   * of its lines: thirteen small-talk lines added to the corpus moved formal-9 from 0.943 to 0.911, and
   * three shuffling seeds gave colloquial-9 0.908–0.926 and formal-9 0.911–0.937. Averaged from 0.4, the
   * same three seeds gave 0.917–0.920 and 0.924 (means equal within a point), `npm run topics:cv` 0.6759
   * → 0.6754, and training costs about 5% more (December 2026).
   */
  averageFrom: 0.4,
  /**
   * One topic line in this many is learnt a second time with a greeting before it ("buenas noches, que
   * oportunidades de voluntariado tienen"), the greeting taken in turn from the short lines of
   * `smalltalk.greeting` in the same language: the corpus had 141 greetings alone and a dozen before a
   * question, and "hola buenas, como puedo ser voluntario" was greeted rather than answered. 0: none.
   */
  greetingEvery: 8,
  /**
   * A line the model already places well (every class's gradient below `restBelow`: the right label at
   * 0.9 or more) is not read in this many of the following passes, then read again. Most of training's
   * time is the scores of every line in every pass, and after two passes about half the lines are placed
   * well. Rest 2 below 0.1 reads 43% fewer feature rows than reading every line (278 M instead of 486 M
   * on the real base), trains in about 0.8 of the time, and changes little: `npm run topics:cv` 0.7762 →
   * 0.7756 (another shuffling seed: 0.7742 → 0.7722), and on every evaluation and tuning set of the
   * repository together colloquial 4,411 → 4,406 of 4,492, formal 971 → 971 of 993, out-of-scope 1,118 →
   * 1,118 of 1,137, small talk 922 → 923 of 944, conversation turns 3,528 → 3,527 of 4,047 (December
   * 2026). 0: every line in every pass.
   */
  restSettled: 2,
  restBelow: 0.1,
  seed: 20261204,
});
export type TopicTrainingSettings = { readonly [K in keyof typeof TOPIC_TRAINING]: number };

/**
 * A supervised topic classifier: multinomial logistic regression over `topicFeatures`, trained by
 * stochastic gradient descent from the entries' questions and the training corpus, with out-of-scope
 * and small talk as classes of their own. It trains at start and on every reload (a staff edit counts
 * at once); the same lines give the same model. Immutable once trained.
 */
export class TopicModel {
  private constructor(
    readonly labels: readonly string[],
    private readonly features: ReadonlyMap<string, number>,
    /** Which of those features this model saw in its own lines (the two models share one feature map). */
    private readonly seen: Uint8Array,
    /** Feature-major: the K weights of feature f start at f × K. */
    private readonly weights: Float32Array,
    private readonly bias: Float64Array,
    private readonly featureFloor: number,
    /** How many lines it learnt from. */
    readonly trainedOn: number,
    /** The language of a message, learnt from the same lines (for what the marker words leave open). */
    readonly language: LanguageModel,
    /** Follow-up or not, learnt from the `follow-up` lines against all the others; null without any. */
    private readonly followUps: TopicModel | null = null,
  ) {}

  /** No model: the index alone decides (see `MAX_MODEL_TOPICS`). */
  static none(): TopicModel {
    return new TopicModel([], new Map(), new Uint8Array(0), new Float32Array(0), new Float64Array(0), TOPIC_TRAINING.featureFloor, 0, LanguageModel.none());
  }

  /**
   * The model as bytes, for a cache of trained models (`understanding/cache.ts`): a length-prefixed JSON
   * head (labels, sizes, the language model), the feature names one a line, then the arrays as they are.
   */
  toBytes(): Buffer {
    const names = Buffer.from([...this.features.keys()].join('\n'), 'utf8');
    const part = (m: TopicModel) => ({ labels: m.labels, weights: m.weights.length, bias: m.bias.length });
    const head = Buffer.from(
      JSON.stringify({
        features: this.features.size,
        names: names.length,
        featureFloor: this.featureFloor,
        trainedOn: this.trainedOn,
        language: this.language.toData(),
        main: part(this),
        followUps: this.followUps ? part(this.followUps) : null,
      }),
      'utf8',
    );
    const size = Buffer.alloc(4);
    size.writeUInt32LE(head.length);
    const arrays = (m: TopicModel) => [Buffer.from(m.seen), bytesOf(m.weights), bytesOf(m.bias)];
    return Buffer.concat([size, head, names, ...arrays(this), ...(this.followUps ? arrays(this.followUps) : [])]);
  }

  /** A model from `toBytes()`'s output; throws on bytes that do not hold one. */
  static fromBytes(bytes: Buffer): TopicModel {
    const headSize = bytes.readUInt32LE(0);
    type Part = { labels: string[]; weights: number; bias: number };
    const head = JSON.parse(bytes.subarray(4, 4 + headSize).toString('utf8')) as {
      features: number;
      names: number;
      featureFloor: number;
      trainedOn: number;
      language: LanguageData;
      main: Part;
      followUps: Part | null;
    };
    let at = 4 + headSize;
    const take = (n: number): ArrayBuffer => {
      if (at + n > bytes.length) throw new Error('a cached topic model ends too soon');
      const out = new Uint8Array(n);
      out.set(bytes.subarray(at, at + n));
      at += n;
      return out.buffer;
    };
    const names = Buffer.from(take(head.names)).toString('utf8').split('\n');
    if (names.length !== head.features) throw new Error('a cached topic model has the wrong number of features');
    const features = new Map(names.map((n, i) => [n, i]));
    // The arrays in the order written: the main model's, then the follow-up model's.
    const read = (p: Part, language: LanguageModel, followUps: TopicModel | null = null): TopicModel => {
      const seen = new Uint8Array(take(head.features));
      const weights = new Float32Array(take(p.weights * 4));
      const bias = new Float64Array(take(p.bias * 8));
      return new TopicModel(p.labels, features, seen, weights, bias, head.featureFloor, head.trainedOn, language, followUps);
    };
    const main = read(head.main, LanguageModel.fromData(head.language));
    const followUps = head.followUps ? read(head.followUps, LanguageModel.none()) : null;
    if (at !== bytes.length) throw new Error('a cached topic model has bytes left over');
    return followUps ? main.withFollowUps(followUps) : main;
  }

  /** The same model, with its follow-up model. */
  private withFollowUps(followUps: TopicModel): TopicModel {
    return new TopicModel(this.labels, this.features, this.seen, this.weights, this.bias, this.featureFloor, this.trainedOn, this.language, followUps);
  }

  static train(examples: readonly TrainingExample[], settings: TopicTrainingSettings = TOPIC_TRAINING): TopicModel {
    const steps = TopicModel.training(examples, settings);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The same training in slices, handing the event loop back between them (about every
   * `TRAINING_SLICE` lines), so a server retraining after a staff edit keeps answering meanwhile. The
   * same lines give the same model as `train`; null if `abandon` said so between two slices.
   */
  static async trainInSlices(
    examples: readonly TrainingExample[],
    options: { readonly settings?: TopicTrainingSettings; readonly abandon?: () => boolean } = {},
  ): Promise<TopicModel | null> {
    const steps = TopicModel.training(examples, options.settings ?? TOPIC_TRAINING);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      // Between slices: a newer edit may have made this model useless (null), and the process may end.
      await new Promise<void>((resolve) => setImmediate(resolve).unref());
      if (options.abandon?.()) return null;
    }
  }

  /** Both models, as steps: the features of every line once, then the topic model, then the follow-up model. */
  private static *training(lines: readonly TrainingExample[], settings: TopicTrainingSettings): Generator<void, TopicModel> {
    // Each line is normalised once: its words for the language model, its tokens for the features.
    const normalized = lines.map((l) => normalize(l.text));
    const copies = greeted(lines, settings.greetingEvery);
    const examples = [...lines, ...copies];
    const features = new Map<string, number>();
    const featureIds = new FeatureIds((f) => {
      let id = features.get(f);
      if (id === undefined) features.set(f, (id = features.size));
      return id;
    });
    const rows = new FeatureRows();
    for (const [i, e] of examples.entries()) {
      rows.add(featureIds.of(i < lines.length ? normalized[i]!.tokens : tokensOf(e.text)));
      if (i % TRAINING_SLICE === TRAINING_SLICE - 1) yield;
    }
    const { ids, starts } = rows.done();
    const topical = examples.map((e) => (e.label === FOLLOW_UP ? null : e.label));
    const main = yield* TopicModel.learn(ids, starts, topical, features.size, settings);
    const model = new TopicModel(main.labels, features, main.seen, main.weights, main.bias, settings.featureFloor, examples.length, LanguageModel.fromWords(lines.map((l, i) => ({ locale: l.locale, raw: normalized[i]!.raw }))));
    if (!topical.includes(null)) return model;
    // Follow-up or not, learnt from the `follow-up` lines against all the others.
    const f = yield* TopicModel.learn(
      ids,
      starts,
      examples.map((e) => (e.label === FOLLOW_UP ? FOLLOW_UP : NOT_FOLLOW_UP)),
      features.size,
      settings,
    );
    return model.withFollowUps(new TopicModel(f.labels, features, f.seen, f.weights, f.bias, settings.featureFloor, examples.length, LanguageModel.none()));
  }

  /**
   * Softmax regression over lines already turned into feature ids (line i's are `ids[starts[i]]` up to
   * `ids[starts[i + 1]]`), by stochastic gradient descent; a line labelled null is not learnt.
   */
  private static *learn(
    ids: Int32Array,
    starts: Int32Array,
    lineLabels: readonly (string | null)[],
    featureCount: number,
    settings: TopicTrainingSettings,
  ): Generator<void, { labels: string[]; seen: Uint8Array; weights: Float32Array; bias: Float64Array }> {
    const members = lineLabels.flatMap((l, i) => (l === null ? [] : [i]));
    const labels = [...new Set(members.map((i) => lineLabels[i]!))].sort();
    const seen = new Uint8Array(featureCount);
    for (const i of members) for (let f = starts[i]!; f < starts[i + 1]!; f++) seen[ids[f]!] = 1;
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const labelOf = Int32Array.from(members, (i) => labelIndex.get(lineLabels[i]!)!);
    const K = labels.length;
    const weights = new Float32Array(featureCount * K);
    const bias = new Float64Array(K);
    const z = new Float64Array(K);
    const active = new Int32Array(K);
    const delta = new Float64Array(K);
    const averaged = new Float64Array(K);
    const next = seededRandom(settings.seed);
    const order = members.map((_, i) => i);
    const steps = Math.max(1, settings.epochs * members.length);
    let step = 0;
    // Averaged SGD: the weights returned are the mean of the weights after every step from `averageFrom`
    // of the way on, kept lazily: `u` sums each update times the number of averaged steps before it.
    const avgFrom = Math.floor(steps * settings.averageFrom);
    const u = settings.averageFrom < 1 ? new Float32Array(weights.length) : null;
    const ub = u ? new Float64Array(K) : null;
    let c = 1;
    // The pass from which each line is read again (see `restSettled`).
    const readFrom = new Int32Array(members.length);
    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      shuffle(order, next);
      for (const r of order) {
        if (step % TRAINING_SLICE === TRAINING_SLICE - 1) yield;
        const label = labelOf[r]!;
        const from = starts[members[r]!]!;
        const to = starts[members[r]! + 1]!;
        const rate = settings.learningRate * (1 - (1 - settings.finalRate) * (step++ / steps));
        if (to === from) continue;
        const averaging = u !== null && step > avgFrom;
        if (readFrom[r]! > epoch) {
          // As for a line read and left as it was.
          if (averaging) c++;
          continue;
        }
        const scale = 1 / Math.sqrt(Math.max(to - from, settings.featureFloor));
        softmaxInto(z, bias, weights, ids, from, to, scale, K);
        // The classes to update (most of them, after a pass or two, none), then every feature's row once.
        let n = 0;
        let largest = 0;
        for (let k = 0; k < K; k++) {
          const g = z[k]! - (k === label ? 1 : 0);
          if (g > largest) largest = g;
          else if (-g > largest) largest = -g;
          if (g > -settings.gradientFloor && g < settings.gradientFloor) continue;
          bias[k]! -= rate * g;
          active[n] = k;
          delta[n] = rate * g * scale;
          if (averaging) {
            ub![k]! -= c * rate * g;
            averaged[n] = c * delta[n]!;
          }
          n++;
        }
        if (largest < settings.restBelow) readFrom[r] = epoch + 1 + settings.restSettled;
        if (n > 0) {
          for (let f = from; f < to; f++) {
            const row = ids[f]! * K;
            for (let a = 0; a < n; a++) weights[row + active[a]!]! -= delta[a]!;
            if (averaging) for (let a = 0; a < n; a++) u[row + active[a]!]! -= averaged[a]!;
          }
        }
        if (averaging) c++;
      }
    }
    if (u) {
      for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! - u[i]! / c;
      for (let k = 0; k < K; k++) bias[k] = bias[k]! - ub![k]! / c;
    }
    return { labels, seen, weights, bias };
  }

  /** Probabilities of every label for an analysed message. Pure. */
  scores(analysis: Pick<Analysis, 'tokens'>): TopicScores {
    return this.scoresOf(topicFeatures(analysis));
  }

  /** `scores` from the message's features (the follow-up model shares the feature map: read once for both). */
  private scoresOf(names: readonly string[]): TopicScores {
    const K = this.labels.length;
    const ids: number[] = [];
    let words = 0;
    let knownWords = 0;
    for (const f of names) {
      const found = this.features.get(f);
      const id = found !== undefined && this.seen[found] === 1 ? found : undefined;
      if (f.startsWith('w:')) {
        words++;
        if (id !== undefined) knownWords++;
      }
      if (id !== undefined) ids.push(id);
    }
    const z = new Float64Array(K);
    const scale = 1 / Math.sqrt(Math.max(ids.length, this.featureFloor));
    softmaxInto(z, this.bias, this.weights, ids, 0, ids.length, scale, K);
    const byLabel = new Map<string, number>();
    const ranked = this.labels.map((label, k) => {
      byLabel.set(label, z[k]!);
      return { label, p: z[k]! };
    });
    ranked.sort((a, b) => b.p - a.p || (a.label < b.label ? -1 : 1));
    const known = words === 0 ? 0 : knownWords / words;
    if (!this.followUps) return { ranked, of: (label) => byLabel.get(label) ?? 0, known };
    return { ranked, of: (label) => byLabel.get(label) ?? 0, known, followUp: this.followUps.scoresOf(names).of(FOLLOW_UP) };
  }
}

/** Lines' feature ids one after another in one array, with where each line starts (few objects for the collector). */
class FeatureRows {
  private ids = new Int32Array(1 << 16);
  private readonly starts: number[] = [0];
  private size = 0;

  add(lineIds: readonly number[]): void {
    if (this.size + lineIds.length > this.ids.length) {
      const grown = new Int32Array(Math.max(this.size + lineIds.length, this.ids.length * 2));
      grown.set(this.ids.subarray(0, this.size));
      this.ids = grown;
    }
    for (const id of lineIds) this.ids[this.size++] = id;
    this.starts.push(this.size);
  }

  done(): { ids: Int32Array; starts: Int32Array } {
    return { ids: this.ids.subarray(0, this.size), starts: Int32Array.from(this.starts) };
  }
}

/** The bytes of a typed array, as they are in memory. */
function bytesOf(a: Float32Array | Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Softmax of the scores of one message's features (`ids[from]` up to `ids[to]`), into `z`. */
function softmaxInto(z: Float64Array, bias: Float64Array, weights: Float32Array, ids: ArrayLike<number>, from: number, to: number, scale: number, K: number): void {
  // The features' weights summed first, eight rows at a time, then four, then one (most of training's time
  // is spent here: four rows took about half the time of one, eight about a tenth less again), then scaled once.
  z.fill(0, 0, K);
  let f = from;
  for (; f + 7 < to; f += 8) {
    const a = ids[f]! * K;
    const b = ids[f + 1]! * K;
    const c = ids[f + 2]! * K;
    const d = ids[f + 3]! * K;
    const e = ids[f + 4]! * K;
    const g = ids[f + 5]! * K;
    const h = ids[f + 6]! * K;
    const i = ids[f + 7]! * K;
    for (let k = 0; k < K; k++) z[k]! += weights[a + k]! + weights[b + k]! + (weights[c + k]! + weights[d + k]!) + (weights[e + k]! + weights[g + k]! + (weights[h + k]! + weights[i + k]!));
  }
  for (; f + 3 < to; f += 4) {
    const a = ids[f]! * K;
    const b = ids[f + 1]! * K;
    const c = ids[f + 2]! * K;
    const d = ids[f + 3]! * K;
    for (let k = 0; k < K; k++) z[k]! += weights[a + k]! + weights[b + k]! + (weights[c + k]! + weights[d + k]!);
  }
  for (; f < to; f++) {
    const a = ids[f]! * K;
    for (let k = 0; k < K; k++) z[k]! += weights[a + k]!;
  }
  for (let k = 0; k < K; k++) z[k] = bias[k]! + z[k]! * scale;
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (z[k]! > max) max = z[k]!;
  let sum = 0;
  for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k]! - max);
  for (let k = 0; k < K; k++) z[k]! /= sum;
}

// Training lines go through the same normalisation as messages.
function tokensOf(text: string): readonly string[] {
  return normalize(text).tokens;
}

/**
 * Every `every`-th line of a topic (not small talk, out-of-scope or a follow-up) again, with a short
 * greeting of its language before it, the greetings taken in turn. Deterministic: the same lines give
 * the same copies.
 */
export function greeted(lines: readonly TrainingExample[], every: number): TrainingExample[] {
  if (every <= 0) return [];
  const openers = { en: [] as string[], es: [] as string[] };
  for (const l of lines) if (l.label === 'smalltalk.greeting' && tokensOf(l.text).length <= 3) openers[l.locale].push(l.text.trim());
  const out: TrainingExample[] = [];
  const next = { en: 0, es: 0 };
  let n = 0;
  for (const l of lines) {
    if (TOPIC_EXTRA_LABELS.has(l.label)) continue;
    if (n++ % every !== 0) continue;
    const list = openers[l.locale];
    if (list.length === 0) continue;
    const opener = list[next[l.locale]++ % list.length]!;
    out.push({ label: l.label, locale: l.locale, text: `${opener}, ${l.text}` });
  }
  return out;
}
