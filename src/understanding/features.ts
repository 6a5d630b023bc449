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
  eachFeature(analysis.tokens, (f) => out.add(f));
  return [...out];
}

/** A word seen in training: its own features' ids once numbered, and the ids of the pairs it starts. */
interface Word {
  ids: readonly number[] | null;
  /** The id of the pair this word makes with each word after it, by that word's number. */
  readonly pairs: Map<number, number>;
  readonly no: number;
}

/**
 * The ids of `topicFeatures(tokens)`, in the same order, for training: each feature's id comes from
 * `idOf` (which numbers new ones). The same words and pairs recur in thousands of lines, so each word's
 * own ids are kept, and a pair is found by the numbers of its two words rather than by building its name
 * again. One per training; `of` is called once per line.
 */
export class FeatureIds {
  private readonly words = new Map<string, Word>();
  /** `seen[id] === line` once id is in the current line's features. */
  private seen = new Int32Array(1024);
  private line = 0;

  constructor(private readonly idOf: (feature: string) => number) {}

  of(tokens: readonly string[]): number[] {
    const line = ++this.line;
    const out: number[] = [];
    const read = tokens.length > MAX_FEATURE_TOKENS ? tokens.slice(0, MAX_FEATURE_TOKENS) : tokens;
    let word = read.length > 0 ? this.word(read[0]!) : undefined;
    for (let i = 0; i < read.length; i++) {
      const next = i + 1 < read.length ? this.word(read[i + 1]!) : undefined;
      if (next !== undefined) {
        let pair = word!.pairs.get(next.no);
        if (pair === undefined) word!.pairs.set(next.no, (pair = this.idOf(pairFeature(read[i]!, read[i + 1]!))));
        this.add(pair, line, out);
      }
      // A word's own features are numbered when first read, after the pair before them, as `topicFeatures` lists them.
      word!.ids ??= wordFeatures(read[i]!).map(this.idOf);
      for (const id of word!.ids) this.add(id, line, out);
      word = next;
    }
    return out;
  }

  private add(id: number, line: number, out: number[]): void {
    if (id >= this.seen.length) {
      const grown = new Int32Array(Math.max(id + 1, this.seen.length * 2));
      grown.set(this.seen);
      this.seen = grown;
    }
    if (this.seen[id] === line) return;
    this.seen[id] = line;
    out.push(id);
  }

  private word(word: string): Word {
    let found = this.words.get(word);
    if (!found) this.words.set(word, (found = { ids: null, pairs: new Map(), no: this.words.size }));
    return found;
  }
}

/** Every feature of the tokens, in order: each pair of neighbours, then the word's own. */
function eachFeature(tokens: readonly string[], add: (feature: string) => void): void {
  const read = tokens.length > MAX_FEATURE_TOKENS ? tokens.slice(0, MAX_FEATURE_TOKENS) : tokens;
  read.forEach((word, i) => {
    const next = read[i + 1];
    if (next !== undefined) add(pairFeature(word, next));
    for (const f of wordFeatures(word)) add(f);
  });
}

const pairFeature = (a: string, b: string): string => `b:${a}_${b}`;

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
