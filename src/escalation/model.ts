import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { safetyFeatures } from './features';

/**
 * What the model tells apart, in this order in every weight row. `situation` is exploitation told
 * calmly (papers held, a debt that grows, a job that was a lie): it needs an answer with the hotline
 * first, not a 911 script.
 */
export const MODEL_LABELS = ['danger', 'self-harm', 'human', 'situation', 'none'] as const;
export type ModelLabel = (typeof MODEL_LABELS)[number];
/** The labels that need a person. */
export type ModelReason = Exclude<ModelLabel, 'none' | 'situation'>;
const REASONS: readonly ModelReason[] = ['danger', 'self-harm', 'human'];

/**
 * Probability from the safety model at which a message needs a person although no rule matched. The
 * model is the third net: it learnt from every labelled line Reach keeps, so it recognises wordings
 * nobody wrote a rule for ("she mouthed help at me in the mirror"). Rules and concepts stay the first
 * word, and the model only ever adds escalations. Self-harm is asked for at a lower probability: it is
 * most often said indirectly ("I just cost everyone money"). Five-fold cross-validation
 * (`npm run safety:train -- --cv`, 13,597 lines with 1,540 everyday messages) puts its recall at 0.80 at
 * one half and 0.86 at 0.3, for 0.9% of ordinary lines flagged; below MODEL_SURE the bot only puts the
 * 988 line first (see `safetyTier`), and only for a message about the writer's own life. Danger counts
 * where it also outweighs "none". Lower levels (danger 0.3, self-harm 0.2 / 0.4) were tried on the held-out
 * set and the fresh everyday set: they caught 3% more danger on the first and escalated 9.1% instead of
 * 7.0% of the second, so these stay.
 */
export const MODEL_THRESHOLDS: Readonly<Record<ModelReason, number>> = Object.freeze({
  danger: 0.5,
  'self-harm': 0.3,
  human: 0.5,
});


/**
 * Danger the model gives at least this counts even where "nothing to see" scores higher (the labels
 * are separate yes/no questions, so both can be high: "me sacaron de la escuela en un carro, tengo 13").
 * Cross-validation holding out whole files (`npm run safety:train -- --cv --by-source`, 22,336 lines,
 * December 2026): held-out danger recall 0.826 → 0.830, ordinary lines flagged 1.35% → 1.37%.
 */
export const DANGER_ALONE = 0.7;

/** At or above this, a self-harm sign from the model hands off; below, the bot only puts 988 first. */
export const MODEL_SURE = 0.5;

/** The model's verdict: of the reasons at or above their threshold, the most probable; or null. */
export function modelReason(scores: Record<ModelLabel, number>): ModelReason | null {
  let best: ModelReason | null = null;
  for (const reason of REASONS) {
    // Each label is its own yes/no: danger counts only where it also outweighs "nothing to see", or
    // where it reaches DANGER_ALONE whatever "nothing to see" says.
    const outweighs = reason !== 'danger' || scores.danger >= scores.none || scores.danger >= DANGER_ALONE;
    if (scores[reason] >= MODEL_THRESHOLDS[reason] && outweighs && (!best || scores[reason] > scores[best])) best = reason;
  }
  return best;
}

export const modelSchema = z
  .object({
    labels: z.tuple([z.literal('danger'), z.literal('self-harm'), z.literal('human'), z.literal('situation'), z.literal('none')]),
    bias: z.array(z.number()).length(MODEL_LABELS.length),
    /** Messages with fewer features than this are scaled as if they had this many (see `modelScores`). */
    featureFloor: z.number().int().positive(),
    weights: z.record(z.string(), z.array(z.number()).length(MODEL_LABELS.length)),
    /** How the model was made, so a reader can make it again (`npm run safety:train`). */
    trainedOn: z.object({ lines: z.number().int().positive(), sources: z.array(z.string()), digest: z.string() }),
  })
  .strict();
export type SafetyModel = z.infer<typeof modelSchema>;

/** A generated artefact (`npm run safety:train`; `-- --check` proves it matches the data), not source. */
export const MODEL_FILE = path.join(__dirname, '..', '..', 'data', 'models', 'safety-model.json');

/**
 * Probability of each label for a message, one-vs-rest logistic regression over `safetyFeatures`. The
 * feature vector is scaled to unit length, except that a very short message is scaled as if it were
 * `featureFloor` features long: one or two ordinary words ("me", "help") must not decide alone. Pure.
 */
export function modelScores(model: SafetyModel, message: string): Record<ModelLabel, number> {
  return scoresOf(model, safetyFeatures(message));
}

/** The same, from the message's features (see `featuresOfBlanked`). */
export function scoresOf(model: SafetyModel, features: readonly string[]): Record<ModelLabel, number> {
  const scale = 1 / Math.sqrt(Math.max(features.length, model.featureFloor));
  const z = [...model.bias];
  for (const f of features) {
    const w = model.weights[f];
    if (!w) continue;
    for (let k = 0; k < z.length; k++) z[k]! += w[k]! * scale;
  }
  const p = z.map((v) => 1 / (1 + Math.exp(-v)));
  return { danger: p[0]!, 'self-harm': p[1]!, human: p[2]!, situation: p[3]!, none: p[4]! };
}

let loaded: SafetyModel | undefined;

/** The model shipped with Reach, read and validated once. A broken model file stops the start. */
export function safetyModel(): SafetyModel {
  loaded ??= modelSchema.parse(JSON.parse(readFileSync(MODEL_FILE, 'utf8')));
  return loaded;
}
