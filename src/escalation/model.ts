import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { safetyFeatures } from './features';

/** What the model tells apart, in this order in every weight row. */
export const MODEL_LABELS = ['danger', 'self-harm', 'human', 'none'] as const;
export type ModelLabel = (typeof MODEL_LABELS)[number];

export const modelSchema = z
  .object({
    labels: z.tuple([z.literal('danger'), z.literal('self-harm'), z.literal('human'), z.literal('none')]),
    bias: z.array(z.number()).length(MODEL_LABELS.length),
    /** Messages with fewer features than this are scaled as if they had this many (see `modelScores`). */
    featureFloor: z.number().int().positive(),
    weights: z.record(z.string(), z.array(z.number()).length(MODEL_LABELS.length)),
    /** How the model was made, so a reader can make it again (`npm run safety:train`). */
    trainedOn: z.object({ lines: z.number().int().positive(), sources: z.array(z.string()), digest: z.string() }),
  })
  .strict();
export type SafetyModel = z.infer<typeof modelSchema>;

export const MODEL_FILE = path.join(__dirname, 'safety-model.json');

/**
 * Probability of each label for a message, one-vs-rest logistic regression over `safetyFeatures`. The
 * feature vector is scaled to unit length, except that a very short message is scaled as if it were
 * `featureFloor` features long: one or two ordinary words ("me", "help") must not decide alone. Pure.
 */
export function modelScores(model: SafetyModel, message: string): Record<ModelLabel, number> {
  const features = safetyFeatures(message);
  const scale = 1 / Math.sqrt(Math.max(features.length, model.featureFloor));
  const z = [...model.bias];
  for (const f of features) {
    const w = model.weights[f];
    if (!w) continue;
    for (let k = 0; k < z.length; k++) z[k]! += w[k]! * scale;
  }
  const p = z.map((v) => 1 / (1 + Math.exp(-v)));
  return { danger: p[0]!, 'self-harm': p[1]!, human: p[2]!, none: p[3]! };
}

let loaded: SafetyModel | undefined;

/** The model shipped with Reach, read and validated once. A broken model file stops the start. */
export function safetyModel(): SafetyModel {
  loaded ??= modelSchema.parse(JSON.parse(readFileSync(MODEL_FILE, 'utf8')));
  return loaded;
}
