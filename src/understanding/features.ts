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
  const tokens = analysis.tokens.length > MAX_FEATURE_TOKENS ? analysis.tokens.slice(0, MAX_FEATURE_TOKENS) : analysis.tokens;
  const out = new Set<string>();
  tokens.forEach((word, i) => {
    out.add(`w:${word}`);
    const next = tokens[i + 1];
    if (next !== undefined) out.add(`b:${word}_${next}`);
    if (isStopWord(word)) return;
    const en = stem(word, 'en');
    const es = stem(word, 'es');
    out.add(`s:${en}`);
    if (es !== en) out.add(`s:${es}`);
    const group = GROUP_OF.get(word);
    if (group !== undefined) out.add(`g:${group}`);
    if (word.length >= 5) {
      const padded = `<${word}>`;
      for (let k = 0; k + 4 <= padded.length; k++) out.add(`c:${padded.slice(k, k + 4)}`);
    }
  });
  return [...out];
}
