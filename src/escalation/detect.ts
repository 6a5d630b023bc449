import path from 'node:path';
import { editDistance, typoBudget } from '../text/distance';
import { DATA_DIR, readPhraseFile } from '../text/phrases';
import { normalize } from '../text/normalize';
import type { Analysis } from '../understanding/analysis';
import { conceptDanger, scoreConcepts, type ConceptName } from './concepts';
import { blankIdioms } from './idioms';
import { featuresOfBlanked } from './features';
import { modelReason, safetyModel, scoresOf, type ModelLabel } from './model';

/** Signs that, even alone, put the 911 line on top of whatever the bot answers. */
const CAUTION_CONCEPTS: ReadonlySet<ConceptName> = new Set(['weapon', 'violence', 'held', 'threatened', 'pursued', 'deprived']);
import { SAFETY_LEXICON, SAFETY_RULES, type SafetyReason } from './patterns';
import type { SafetyRule } from './rules-data';

export type { SafetyReason } from './patterns';

export interface SafetySignal {
  /** `caution`: not enough to hand off, but enough that the reply should start with 911. */
  readonly reason: SafetyReason | 'caution';
  /** The id of the rule that fired, for tests and anonymous counters; never the message. */
  readonly rule: string;
  /**
   * Which net caught it: a phrase rule, the concept net, or only the safety model. The bot weighs a
   * model-only sign against the knowledge base (see `decide`): the model also flags some plain
   * questions ("my boss keeps my passport, is that allowed?").
   */
  readonly source: 'rules' | 'concepts' | 'model';
  /** The model's probability for the reason, when the model gave it. */
  readonly confidence?: number;
}

const wordsOf = (file: string): ReadonlySet<string> => {
  const list = readPhraseFile(path.join(DATA_DIR, 'safety', file));
  return new Set([...list.en, ...list.es]);
};

/**
 * Real words a letter or two from a safety word (data/safety/not-typos.txt). They are never "corrected",
 * so that "he looked me in the eye" does not read as "he locked me in", nor "atrasada" (late) as "atrapada".
 */
const PROTECTED = wordsOf('not-typos.txt');

const LEXICON_SET = new Set(SAFETY_LEXICON);

/**
 * The lexicon's words (those long enough to carry a typo) under every form with up to two letters
 * deleted, with their place in the lexicon: a token's own deletions meet a word's exactly when the two
 * are within two edits (a transposition is one deletion on each side), so a typo is looked up rather
 * than compared with every word of its length.
 */
const LEXICON_RANK = new Map<string, number>();
const LEXICON_DELETIONS = new Map<string, string[]>();
for (const word of SAFETY_LEXICON) {
  if (typoBudget(word.length) < 1 || LEXICON_RANK.has(word)) continue;
  LEXICON_RANK.set(word, LEXICON_RANK.size);
  for (const form of deletionForms(word, 2)) {
    const list = LEXICON_DELETIONS.get(form);
    if (!list) LEXICON_DELETIONS.set(form, [word]);
    else if (!list.includes(word)) list.push(word);
  }
}

/** The word itself and every form of it with up to `depth` letters deleted. */
function deletionForms(word: string, depth: number): Set<string> {
  const out = new Set([word]);
  let edge = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of edge) {
      for (let i = 0; i < w.length; i++) {
        const form = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(form)) {
          out.add(form);
          next.push(form);
        }
      }
    }
    edge = next;
  }
  return out;
}

/**
 * The lexicon word a token is a typo of, if any: among the words within the token's typo budget, the
 * shortest, then the first in the lexicon. Memoised: the same words come back in message after message.
 */
const corrections = new Map<string, string>();
function correct(token: string): string {
  if (LEXICON_SET.has(token) || PROTECTED.has(token)) return token;
  // Five-letter words are left alone: too many ordinary ones are one letter from a safety word.
  const budget = token.length < 6 ? 0 : typoBudget(token.length);
  if (budget === 0) return token;
  const known = corrections.get(token);
  if (known !== undefined) return known;
  let best: string | null = null;
  for (const form of deletionForms(token, budget)) {
    for (const word of LEXICON_DELETIONS.get(form) ?? []) {
      if (Math.abs(word.length - token.length) > budget || editDistance(token, word, budget) > budget) continue;
      if (best === null || word.length < best.length || (word.length === best.length && LEXICON_RANK.get(word)! < LEXICON_RANK.get(best)!)) best = word;
    }
  }
  const out = best ?? token;
  // A bounded memo: cleared whole when full, so a flood of made-up words cannot grow it.
  if (corrections.size >= 10_000) corrections.clear();
  corrections.set(token, out);
  return out;
}

const PRIORITY: readonly SafetyReason[] = ['danger', 'self-harm', 'human'];

/** Denials ("nunca me encerraron") and the words that may stand between them and a danger phrase. */
const NEGATORS = wordsOf('negation.txt');
const BETWEEN = wordsOf('negation-between.txt');
const GLOBAL = new Map<string, RegExp>();

/**
 * Whether a rule fires in the padded text. A danger rule fires only where its phrase is not denied by
 * the word right before it ("nunca me encerraron", "we were never locked in"); the other rules fire
 * wherever they match.
 */
function fires(rule: SafetyRule, text: string): boolean {
  // Most messages match no rule: the plain test first, the matches walked only when there is one.
  if (!rule.pattern.test(text)) return false;
  if (rule.reason !== 'danger') return true;
  let g = GLOBAL.get(rule.id);
  if (!g) GLOBAL.set(rule.id, (g = new RegExp(rule.pattern.source, 'g')));
  g.lastIndex = 0;
  for (let m = g.exec(text); m !== null; m = g.exec(text)) {
    if (!deniedBefore(text, m.index)) return true;
    // An empty match cannot occur (every phrase has words), but never loop on one.
    if (m[0].length === 0) g.lastIndex++;
  }
  return false;
}

function deniedBefore(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 40), at + 1).trim().split(' ');
  const last = before[before.length - 1] ?? '';
  if (NEGATORS.has(last)) return true;
  return BETWEEN.has(last) && NEGATORS.has(before[before.length - 2] ?? '');
}

const PAST = /\s(?:used to|back then|solia|solian|en ese entonces|en aquel entonces|last year|el ano pasado|hace un ano)\s|\s(?:a los|when i was|cuando tenia) \d+\s|\s(?:me|nos) (?:encerraba|encerraban|golpeaba|golpeaban|pegaba|pegaban|amenazaba|amenazaban|vigilaba|vigilaban)\s|\s(?:back in|in|en|since|desde) (?:19|20)\d\d\s|\s(?:\d+|two|three|four|five|many|several|some|unos|varios|muchos|dos|tres) (?:years|anos) (?:ago|atras)\s|\shace (?:\d+|unos|varios|muchos|dos|tres|un) (?:anos|ano|meses)\s|\shace (?:anos|mucho tiempo|tiempo)\s|\syears ago\s/;
const SAFE_NOW = /\s(?:i am|im|we are|now) (?:safe|ok|okay|fine|out)\s|\s(?:i am|im|we are) doing (?:really |very |so )?(?:ok|okay|fine|good|better|well)\s|\s(?:hoy |ahora |ya )?(?:estoy|soy) feliz\s|\s(?:i am|im) happy now\s|\s(?:my|our) own (?:place|apartment|house)\s|\s(?:mi|nuestro) propio (?:lugar|departamento|apartamento|cuarto|negocio|trabajo|casa)\s|\s(?:i have|tengo) my own (?:business|place|home)\s|\s(?:safe now|and safe|y a salvo|y estoy bien|ya estoy bien|estoy bien|estoy a salvo|ya estoy a salvo|ya sali|ya no estoy ahi)\s/;
const PAST_THOUGHT = /\s(?:pense|pensaba|thought about|used to think|used to feel|i used to|me sentia|queria|tried to|intente|trate de)\s/;
const WISH_NOW = /\s(?:quiero|quisiera|want to|wanna|pienso en|thinking about|thinking of|estoy pensando en|voy a|going to|planning to) (?:morir|morirme|matarme|quitarme|desaparecer|acabar|die|end|kill|disappear|hurt|cortarme|do it|hacerlo)/;
const NOW = /\s(?:right now|now he|tonight|last night|ahorita|ahora mismo|esta noche|anoche|again|otra vez|volvi a)\s/;


/**
 * Decide whether a message needs a person rather than an answer: danger now, self-harm, or a request
 * for a real person. Pure: the same text always gives the same signal. Returns null for everything else.
 */
export function detectSafety(
  message: string | Pick<Analysis, 'tokens'>,
  /** The model's scores of the message, when the caller has them already (see `assessSafety`). */
  modelScores?: Record<ModelLabel, number>,
): SafetySignal | null {
  const { tokens } = typeof message === 'string' ? normalize(message) : message;
  if (tokens.length === 0) return null;
  const padded = ` ${tokens.join(' ')} `;
  // Told calmly about the past, from safety now ("back in 2015… I'm safe now, can I still report?"):
  // no emergency, unless the message also says something is happening now.
  const pastAndSafe = PAST.test(padded) && SAFE_NOW.test(padded) && !NOW.test(padded);
  const exact = blankIdioms(padded);
  const corrected = blankIdioms(exact.split(' ').map(correct).join(' '));
  for (const reason of PRIORITY) {
    if (reason === 'danger' && pastAndSafe) continue;
    // Thoughts of suicide told as the past, by someone safe now and wishing nothing now.
    if (reason === 'self-harm' && pastAndSafe && PAST_THOUGHT.test(padded) && !WISH_NOW.test(padded)) continue;
    for (const r of SAFETY_RULES) {
      if (r.reason !== reason) continue;
      // Self-harm phrases are read as typed: a typo of one is left to the model, since correcting ordinary
      // words turned "podría contarme cuál es la misión…" into "cortarme" (on every safety set and table,
      // 9,204 lines, no self-harm line was caught by a corrected phrase alone).
      if (fires(r, exact) || (reason !== 'self-harm' && fires(r, corrected))) return { reason, rule: r.id, source: 'rules' };
    }
  }
  // The concept net comes after every phrase rule: "a gun… on myself" is self-harm, not danger.
  if (pastAndSafe) return null;
  // Signs of harm told as the past ("I was robbed and beaten last year") are not weighed as present
  // danger by the concept net; the phrase rules above and the model below still read the message.
  const past = PAST.test(padded) && !NOW.test(padded);
  const words = corrected.trim().split(' ');
  const scored = scoreConcepts(corrected, words);
  const concepts = past ? null : conceptDanger(corrected, words, scored);
  if (concepts) return { reason: 'danger', rule: `concepts:${concepts.concepts.join('+')}`, source: 'concepts' };
  // `exact` is the message as the model reads it: normalised, padded, idioms blanked.
  const scores = modelScores ?? scoresOf(safetyModel(), featuresOfBlanked(exact));
  const best = modelReason(scores);
  if (best) return { reason: best, rule: `model:${best}`, source: 'model', confidence: scores[best] };
  // A weaker sign of harm to the writer: the answer still comes, but after the 911 line.
  const weak = scored;
  if (weak.personal && weak.concepts.some((c) => CAUTION_CONCEPTS.has(c))) {
    return { reason: 'caution', rule: `caution:${weak.concepts.join('+')}`, source: 'concepts' };
  }
  return null;
}
