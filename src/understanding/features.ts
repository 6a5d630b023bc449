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
export function topicFeatures(analysis: Pick<Analysis, 'tokens'>, memo?: Map<string, readonly string[]>): string[] {
  const tokens = analysis.tokens.length > MAX_FEATURE_TOKENS ? analysis.tokens.slice(0, MAX_FEATURE_TOKENS) : analysis.tokens;
  const out = new Set<string>();
  tokens.forEach((word, i) => {
    const next = tokens[i + 1];
    if (next !== undefined) out.add(`b:${word}_${next}`);
    let own = memo?.get(word);
    if (!own) {
      own = wordFeatures(word);
      memo?.set(word, own);
    }
    for (const f of own) out.add(f);
  });
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
  const read = tokens.length > MAX_FEATURE_TOKENS ? tokens.slice(0, MAX_FEATURE_TOKENS) : tokens;
  const out: number[] = [];
  const add = (id: number): void => {
    if (seen[id] === line) return;
    seen[id] = line;
    out.push(id);
  };
  read.forEach((word, i) => {
    const next = read[i + 1];
    if (next !== undefined) add(idOf(`b:${word}_${next}`));
    let own = words.get(word);
    if (!own) {
      own = wordFeatures(word).map(idOf);
      words.set(word, own);
    }
    for (const id of own) add(id);
  });
  return out;
}

/** The features of one word alone (training memoises them: the same words recur in thousands of lines). */
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
