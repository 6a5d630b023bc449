/**
 * Safety patterns, English and Spanish, matched against normalised text (lowercase, no accents, SMS
 * shorthand expanded, typos corrected toward the words below). Both languages are always checked:
 * people mix them ("mi boss me tiene encerrada").
 *
 * The rules describe a person in a situation now (someone holds, hurts, threatens, sells or forces
 * *me / us / my sister*), not the topic in general: "what are the signs someone is being held?" is a
 * question and must reach the knowledge base. When a rule is in doubt it leans towards escalating: a
 * missed emergency is worse than an extra hotline message. The phrases are data, one a line, in
 * `data/safety/rules.{en,es,any}.txt` (format in `data/safety/README.md`); every rule is exercised by
 * the utterance table in tests/fixtures/safety.jsonl.
 */
import { loadSafetyRules, type SafetyRule } from './rules-data';

export type { SafetyReason, SafetyRule } from './rules-data';

export const SAFETY_RULES: readonly SafetyRule[] = Object.freeze(loadSafetyRules());

/** Words the safety rules are written with; typos are corrected toward these before matching. */
export const SAFETY_LEXICON: readonly string[] = Object.freeze(
  [...new Set(SAFETY_RULES.flatMap((r) => r.pattern.source.match(/[a-z]{5,}/g) ?? []))].sort(),
);
