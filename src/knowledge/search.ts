import Fuse from 'fuse.js';
import { editDistance, typoBudget } from '../text/distance';
import { normalize } from '../text/normalize';
import { isStopWord, stem, terms } from '../text/terms';
import type { Entry, Locale } from './schema';
import { SEARCH, type SearchSettings } from './search-config';

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
 * lookup in a sorted vocabulary) finds the lines and entries that share words with a message without
 * scanning the base; fuse.js then re-ranks only the best few lines. Immutable once built: a reload
 * builds a new one.
 */
export class KnowledgeIndex {
  readonly entries: readonly Entry[];
  private readonly settings: SearchSettings;
  private readonly records: SearchRecord[] = [];
  private readonly vocab = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly postings: number[][] = [];
  private readonly idf: number[] = [];
  private readonly deletionIndex = new Map<string, number[]>();
  private readonly sortedWords: string[];
  private readonly recordWeight: number[] = [];
  private readonly maxIdf: number;

  constructor(entries: readonly Entry[], settings: SearchSettings = SEARCH) {
    this.entries = entries;
    this.settings = settings;
    entries.forEach((entry, e) => {
      for (const locale of ['en', 'es'] as const) {
        const side = entry[locale];
        const lines = [...side.questions, side.title, ...(side.keywords ?? [])];
        for (const line of lines) this.addRecord(e, locale, line);
      }
    });
    // Rarity across entries, not lines: a word repeated in every question of one entry is that entry's word.
    const n = Math.max(1, entries.length);
    const entryDf = this.postings.map((list) => new Set(list.map((r) => this.records[r]!.entry)).size);
    const idfOf = (df: number) => (settings.idfMode === 1 ? Math.log(1 + (n - df + 0.5) / (df + 0.5)) : Math.log(1 + n / df));
    entryDf.forEach((df, t) => (this.idf[t] = idfOf(df)));
    this.maxIdf = idfOf(1);
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
          if (d <= budget) found.set(t, this.settings.typoSimilarity[d] ?? 0);
        }
      }
    }
    if (term.length >= this.settings.minPrefixLength) {
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
        if (!found.has(t)) found.set(t, this.settings.prefixSimilarity);
      }
    }
    return found;
  }

  /**
   * Entries that match a message, best first, with scores in 0..1. Lines of both languages are searched:
   * people mix them, and the answer is given in the person's language whichever side matched.
   */
  search(message: string, limit = 5): Match[] {
    const S = this.settings;
    const { tokens } = normalize(message);
    const queryTerms = [...new Set(terms(tokens))];
    if (queryTerms.length === 0) return [];
    // For each query term: the known terms it matches and how well.
    const expansions = queryTerms.map((q) => this.lookup(q));
    const queryWeight = expansions.map((m) => {
      let best = 0;
      let weight = 0;
      for (const [t, sim] of m) {
        if (sim > best || (sim === best && this.idf[t]! > weight)) {
          best = sim;
          weight = this.idf[t]!;
        }
      }
      // An unknown word counts against every entry: a question about tamales is not about visas.
      return best > 0 ? Math.max(weight, S.minTermWeight * this.maxIdf) : S.unknownWeight * this.maxIdf;
    });
    const totalQueryWeight = queryWeight.reduce((a, b) => a + b, 0);

    // Token stage: per line and per entry, the best similarity found for each query term.
    const perRecord = new Map<number, Float64Array>();
    const perEntry = new Map<number, Float64Array>();
    const tfEntry = new Map<number, Float64Array>();
    const order = expansions.map((_, i) => i).sort((a, b) => queryWeight[b]! - queryWeight[a]!);
    for (const qi of order) {
      for (const [t, sim] of expansions[qi]!) {
        const list = this.postings[t]!;
        const expand = list.length <= S.maxPostingsToExpand;
        const visit = expand ? list : [...perRecord.keys()].filter((r) => this.records[r]!.terms.includes(t));
        for (const r of visit) {
          let sims = perRecord.get(r);
          if (!sims) {
            sims = new Float64Array(queryTerms.length);
            perRecord.set(r, sims);
          }
          const prevSim = sims[qi]!;
          if (sim > sims[qi]!) sims[qi] = sim;
          const e = this.records[r]!.entry;
          let tf = tfEntry.get(e);
          if (!tf) {
            tf = new Float64Array(queryTerms.length);
            tfEntry.set(e, tf);
          }
          if (sim > prevSim) tf[qi] += sim - prevSim;
          let esims = perEntry.get(e);
          if (!esims) {
            esims = new Float64Array(queryTerms.length);
            perEntry.set(e, esims);
          }
          if (sim > esims[qi]!) esims[qi] = sim;
        }
      }
    }
    if (perRecord.size === 0) return [];

    const coverage = (sims: Float64Array) => {
      let covered = 0;
      sims.forEach((s, qi) => (covered += s * queryWeight[qi]!));
      return covered;
    };
    const scored: { r: number; token: number }[] = [];
    for (const [r, sims] of perRecord) {
      const covered = coverage(sims);
      const queryCoverage = covered / totalQueryWeight;
      const recordCoverage = Math.min(1, covered / (this.recordWeight[r]! + S.lineWeightPrior * this.maxIdf));
      const a = S.queryCoverageWeight;
      const token =
        S.lineMode === 1
          ? queryCoverage > 0 && recordCoverage > 0 ? 1 / (a / queryCoverage + (1 - a) / recordCoverage) : 0
          : a * queryCoverage + (1 - a) * recordCoverage;
      scored.push({ r, token });
    }
    scored.sort((a, b) => b.token - a.token);
    const top = scored.slice(0, S.candidates);

    // fuse.js stage: string similarity of the whole message against the candidate lines only.
    const normalizedQuery = tokens.filter((t) => !isStopWord(t)).join(' ') || tokens.join(' ');
    const fuse = new Fuse(
      top.map((c) => ({ c, text: this.records[c.r]!.text })),
      { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: S.fuseThreshold, isCaseSensitive: true },
    );
    const fuseScore = new Map<number, number>();
    for (const res of fuse.search(normalizedQuery)) fuseScore.set(res.item.c.r, 1 - (res.score ?? 1));

    const best = new Map<number, { line: number; r: number }>();
    for (const c of top) {
      const line = S.tokenWeight * c.token + (1 - S.tokenWeight) * (fuseScore.get(c.r) ?? 0);
      const e = this.records[c.r]!.entry;
      const prev = best.get(e);
      if (!prev || line > prev.line) best.set(e, { line, r: c.r });
    }
    const results = [...best.entries()].map(([e, { line, r }]) => {
      let entryCoverage = coverage(perEntry.get(e)!) / totalQueryWeight;
      if (S.entryTfK > 0) {
        const k = S.entryTfK;
        const sat = tfEntry.get(e)!.map((tf) => (tf * (k + 1)) / (tf + k) / (k + 1));
        entryCoverage = coverage(sat) / totalQueryWeight;
      }
      return { e, r, score: S.entryCoverageWeight * entryCoverage + (1 - S.entryCoverageWeight) * line };
    });
    return results
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ e, r, score }) => ({
        id: this.entries[e]!.id,
        score: Math.round(score * 1000) / 1000,
        matched: this.records[r]!.text,
        locale: this.records[r]!.locale,
      }));
  }
}

export { stem };
