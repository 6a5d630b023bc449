import Fuse from 'fuse.js';
import { editDistance, typoBudget } from '../text/distance';
import { normalize } from '../text/normalize';
import { isStopWord, stem, terms } from '../text/terms';
import type { Entry, Locale } from './schema';
import { SEARCH } from './search-config';

/** One searchable line: a question, a title or the keywords of an entry in one language. */
interface SearchRecord {
  readonly entry: number;
  readonly locale: Locale;
  readonly text: string;
  readonly terms: readonly number[];
}

export interface Match {
  readonly id: string;
  /** 0..1, higher is better. */
  readonly score: number;
  /** The line of the entry that matched best, normalised. */
  readonly matched: string;
  readonly locale: Locale;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * The knowledge index. A token stage (stems, typo-tolerant lookup through a deletion index, prefix
 * lookup in a sorted vocabulary) picks a few dozen candidate lines without scanning the base; fuse.js
 * then ranks only those. Immutable once built: a reload builds a new one.
 */
export class KnowledgeIndex {
  readonly entries: readonly Entry[];
  private readonly records: SearchRecord[] = [];
  private readonly vocab = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly postings: number[][] = [];
  private readonly idf: number[] = [];
  private readonly deletionIndex = new Map<string, number[]>();
  private readonly sortedWords: string[];
  private readonly recordWeight: number[] = [];

  constructor(entries: readonly Entry[]) {
    this.entries = entries;
    entries.forEach((entry, e) => {
      for (const locale of ['en', 'es'] as const) {
        const side = entry[locale];
        const lines = [...side.questions, side.title, ...(side.keywords ?? [])];
        for (const line of lines) this.addRecord(e, locale, line);
      }
    });
    const n = Math.max(1, entries.length);
    const entryDf = this.postings.map((list) => new Set(list.map((r) => this.records[r]!.entry)).size);
    entryDf.forEach((df, t) => (this.idf[t] = Math.log(1 + n / df)));
    for (const r of this.records) this.recordWeight.push(r.terms.reduce((s, t) => s + this.idf[t]!, 0));
    this.sortedWords = [...this.words].sort();
    this.words.forEach((w, t) => {
      if (w.length < 4) return;
      for (const d of deletions(w)) {
        const list = this.deletionIndex.get(d) ?? [];
        list.push(t);
        this.deletionIndex.set(d, list);
      }
    });
  }

  get size(): number {
    return this.entries.length;
  }

  private termId(term: string): number {
    let id = this.vocab.get(term);
    if (id === undefined) {
      id = this.words.length;
      this.vocab.set(term, id);
      this.words.push(term);
      this.postings.push([]);
    }
    return id;
  }

  private addRecord(entry: number, locale: Locale, line: string): void {
    const { tokens, text } = normalize(line);
    const ids = [...new Set(terms(tokens).map((t) => this.termId(t)))];
    const r = this.records.length;
    this.records.push({ entry, locale, text, terms: ids });
    for (const t of ids) this.postings[t]!.push(r);
  }

  /** Known terms close to a query term, with how close they are (1 = the same). */
  private lookup(term: string): Map<number, number> {
    const found = new Map<number, number>();
    const exact = this.vocab.get(term);
    if (exact !== undefined) found.set(exact, 1);
    const budget = typoBudget(term.length);
    if (budget > 0) {
      const probes = [term, ...deletions(term)];
      for (const p of probes) {
        for (const t of [...(this.deletionIndex.get(p) ?? []), ...(p !== term && this.vocab.has(p) ? [this.vocab.get(p)!] : [])]) {
          if (found.has(t)) continue;
          const d = editDistance(term, this.words[t]!, budget);
          if (d <= budget) found.set(t, SEARCH.typoSimilarity[d] ?? 0);
        }
      }
    }
    if (term.length >= SEARCH.minPrefixLength) {
      // Known words that start with the query word ("papel" → "papeles" after stemming differences).
      let lo = 0;
      let hi = this.sortedWords.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.sortedWords[mid]! < term) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < this.sortedWords.length && i < lo + 20 && this.sortedWords[i]!.startsWith(term); i++) {
        const t = this.vocab.get(this.sortedWords[i]!)!;
        if (!found.has(t)) found.set(t, SEARCH.prefixSimilarity);
      }
    }
    return found;
  }

  /**
   * Entries that match a message, best first, with scores in 0..1. Lines of both languages are searched:
   * people mix them, and the answer is given in the person's language whichever side matched.
   */
  search(message: string, limit = 5): Match[] {
    const { tokens } = normalize(message);
    const queryTerms = [...new Set(terms(tokens))];
    if (queryTerms.length === 0) return [];
    const maxIdf = Math.log(1 + Math.max(1, this.entries.length));
    // For each query term: the known terms it matches and how well.
    const expansions = queryTerms.map((q) => this.lookup(q));
    const queryWeight = expansions.map((m) => {
      let best = 0;
      for (const t of m.keys()) best = Math.max(best, this.idf[t]!);
      // An unknown word weighs as much as the rarest known one: a question about tamales is not about visas.
      return best > 0 ? best : maxIdf;
    });
    const totalQueryWeight = queryWeight.reduce((a, b) => a + b, 0);

    // Token stage: accumulate, per record, the best similarity for each query term.
    const perRecord = new Map<number, Float64Array>();
    const order = expansions.map((_, i) => i).sort((a, b) => queryWeight[b]! - queryWeight[a]!);
    for (const qi of order) {
      for (const [t, sim] of expansions[qi]!) {
        const list = this.postings[t]!;
        const expand = list.length <= SEARCH.maxPostingsToExpand;
        const visit = expand ? list : [...perRecord.keys()].filter((r) => this.records[r]!.terms.includes(t));
        for (const r of visit) {
          let sims = perRecord.get(r);
          if (!sims) {
            sims = new Float64Array(queryTerms.length);
            perRecord.set(r, sims);
          }
          if (sim > sims[qi]!) sims[qi] = sim;
        }
      }
    }
    if (perRecord.size === 0) return [];

    const scored: { r: number; token: number }[] = [];
    for (const [r, sims] of perRecord) {
      let covered = 0;
      sims.forEach((s, qi) => (covered += s * queryWeight[qi]!));
      const queryCoverage = covered / totalQueryWeight;
      const recordCoverage = Math.min(1, covered / Math.max(this.recordWeight[r]!, 1e-9));
      const token = SEARCH.queryCoverageWeight * queryCoverage + (1 - SEARCH.queryCoverageWeight) * recordCoverage;
      scored.push({ r, token });
    }
    scored.sort((a, b) => b.token - a.token);
    const top = scored.slice(0, SEARCH.candidates);

    // fuse.js stage: string similarity of the whole message against the candidate lines only.
    const normalizedQuery = tokens.filter((t) => !isStopWord(t)).join(' ') || tokens.join(' ');
    const fuse = new Fuse(
      top.map((c) => ({ c, text: this.records[c.r]!.text })),
      { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: SEARCH.fuseThreshold, isCaseSensitive: true },
    );
    const fuseScore = new Map<number, number>();
    for (const res of fuse.search(normalizedQuery)) fuseScore.set(res.item.c.r, 1 - (res.score ?? 1));

    const best = new Map<number, { score: number; r: number }>();
    for (const c of top) {
      const score = SEARCH.tokenWeight * c.token + (1 - SEARCH.tokenWeight) * (fuseScore.get(c.r) ?? 0);
      const e = this.records[c.r]!.entry;
      const prev = best.get(e);
      if (!prev || score > prev.score) best.set(e, { score, r: c.r });
    }
    return [...best.entries()]
      .sort((a, b) => b[1].score - a[1].score)
      .slice(0, limit)
      .map(([e, { score, r }]) => ({
        id: this.entries[e]!.id,
        score: Math.round(score * 1000) / 1000,
        matched: this.records[r]!.text,
        locale: this.records[r]!.locale,
      }));
  }
}

export { stem };
