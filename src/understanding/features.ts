import { SYNONYM_GROUPS } from '../text/synonyms';
import { isStopWord, stem } from '../text/terms';
import type { Analysis } from './analysis';

/** Synonym group of each folded word ("patron" and "boss" share one feature). */
const GROUP_OF: ReadonlyMap<string, number> = (() => {
  const out = new Map<string, number>();
  SYNONYM_GROUPS.forEach((group, g) => {
    for (const word of group) if (!out.has(word)) out.set(word, g);
  });
  return out;
})();

/** Messages read past this many tokens add nothing new to a topic and only cost time. */
export const MAX_FEATURE_TOKENS = 120;

/**
 * What the topic model reads in a message: each word, its stem in both languages (a message's language
 * is often unclear), its synonym group, each pair of neighbouring words, and the four-letter pieces of
 * longer words (typos and verb forms: "solicitud", "solisitud", "solicitar" share pieces). Stop words
 * count as words and in pairs ("how do i apply" differs from "what is") but get no stems or pieces.
 * Each feature counts once.
 */
export function topicFeatures(analysis: Pick<Analysis, 'tokens'>): string[] {
  const out = new Set<string>();
  eachFeature(analysis.tokens, wordFeatures, (f) => f, (f) => out.add(f));
  return [...out];
}

/**
 * The ids of `topicFeatures(tokens)`, in the same order, for training: each feature's id comes from
 * `idOf` (which numbers new ones), each word's own ids are kept in `words` (the same words recur in
 * thousands of lines), and `seen` marks the ids already given to this line (`line` is its number).
 */
export function topicFeatureIds(
  tokens: readonly string[],
  idOf: (feature: string) => number,
  words: Map<string, readonly number[]>,
  seen: number[],
  line: number,
): number[] {
  const out: number[] = [];
  const own = (word: string): readonly number[] => {
    let ids = words.get(word);
    if (!ids) words.set(word, (ids = wordFeatures(word).map(idOf)));
    return ids;
  };
  eachFeature(tokens, own, idOf, (id) => {
    if (seen[id] === line) return;
    seen[id] = line;
    out.push(id);
  });
  return out;
}

/** Every feature of the tokens, in order, as `own` and `pair` give them: each pair of neighbours, then the word's own. */
function eachFeature<T>(tokens: readonly string[], own: (word: string) => readonly T[], pair: (feature: string) => T, add: (feature: T) => void): void {
  const read = tokens.length > MAX_FEATURE_TOKENS ? tokens.slice(0, MAX_FEATURE_TOKENS) : tokens;
  read.forEach((word, i) => {
    const next = read[i + 1];
    if (next !== undefined) add(pair(`b:${word}_${next}`));
    for (const f of own(word)) add(f);
  });
}

/** The features of one word alone (training keeps them per word: the same words recur in thousands of lines). */
function wordFeatures(word: string): string[] {
  const out = [`w:${word}`];
  if (isStopWord(word)) return out;
  const en = stem(word, 'en');
  const es = stem(word, 'es');
  out.push(`s:${en}`);
  if (es !== en) out.push(`s:${es}`);
  const group = GROUP_OF.get(word);
  if (group !== undefined) out.push(`g:${group}`);
  if (word.length >= 5) {
    const padded = `<${word}>`;
    for (let k = 0; k + 4 <= padded.length; k++) out.push(`c:${padded.slice(k, k + 4)}`);
  }
  return out;
}
