import Fuse from 'fuse.js';
import { editDistance, typoBudget } from '../text/distance';
import { normalize } from '../text/normalize';
import { SYNONYM_GROUPS } from '../text/synonyms';
import type { Analysis } from '../understanding/analysis';
import { isStopWord, queryTerms, stem, terms, type LineTerm, type QueryTerm } from '../text/terms';
import { LOCALES, type Entry, type Locale } from './schema';
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

/** A word of the message: the known terms it matches (term id → similarity) and how much it counts. */
interface QueryWord {
  readonly matches: ReadonlyMap<number, number>;
  readonly weight: number;
}

/** How many words of the base `resolve` keeps its answer for (the real base has 1,285 terms). */
const KNOWN_WORDS = 5000;

/** Per language: a stem → the stems of its synonym group (itself excluded). Built once. */
const SYNONYM_STEMS: Readonly<Record<Locale, ReadonlyMap<string, readonly string[]>>> = (() => {
  const out = { en: new Map<string, string[]>(), es: new Map<string, string[]>() };
  for (const group of SYNONYM_GROUPS) {
    for (const locale of LOCALES) {
      const stems = [...new Set(group.map((w) => stem(w, locale)))];
      for (const s of stems) out[locale].set(s, [...new Set([...(out[locale].get(s) ?? []), ...stems.filter((x) => x !== s)])]);
    }
  }
  return out;
})();

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * The knowledge index. A token stage (stems, typo-tolerant lookup through a deletion index, prefix
 * lookup in a sorted vocabulary, all per language) finds the lines that share words with a message
 * through posting lists, without scanning the base. Each word of the message weighs by its rarity
 * among entries (an unknown word weighs against every entry). An entry scores by its best line (how
 * much of the message the line covers and how much of the line the message covers, blended with
 * fuse.js's string similarity of the two) and by how well all its lines together cover the message.
 * Immutable once built: a reload builds a new one.
 */
export class KnowledgeIndex {
  readonly entries: readonly Entry[];
  private readonly settings: SearchSettings;
  private readonly records: SearchRecord[] = [];
  private readonly vocab = new Map<string, number>();
  /**
   * `resolve`'s answers for words the base itself uses (the same few hundred recur in most messages, and
   * each costs a typo search). Only words of the base: a word only a person typed (a name, a place) is
   * never kept past its message. Bounded; emptied when full.
   */
  private readonly known = new Map<string, QueryWord>();
  private readonly words: string[] = [];
  private readonly postings: number[][] = [];
  /** Per term: the entries that use it, in order. */
  private readonly termEntries: number[][] = [];
  private readonly common: boolean[] = [];
  private readonly idf: number[] = [];
  private readonly deletionIndex = new Map<string, number[]>();
  private readonly sortedWords: string[];
  private readonly recordWeight: number[] = [];
  /** The weight of a word that only one entry uses. */
  private readonly maxWeight: number;
  private readonly scratch: Scratch;
  /** The entry of each record, as a flat array for the token stage. */
  private readonly recordEntry: Int32Array;
  /** Normalised text of every line → the first line with that text (see `search`). */
  private readonly exactLines = new Map<string, number>();

  /** `settings` is for tools that try other values; the bot uses `SEARCH`. */
  constructor(entries: readonly Entry[], settings: SearchSettings = SEARCH) {
    this.entries = entries;
    this.settings = settings;
    this.maxWeight = this.weightOf(1, false);
    entries.forEach((entry, e) => {
      for (const locale of LOCALES) {
        const side = entry[locale];
        for (const line of [...side.questions, side.title, ...(side.keywords ?? [])])
          this.addRecord(e, locale, line);
      }
    });
    this.postings.forEach((list, t) => {
      this.termEntries[t] = [...new Set(list.map((r) => this.records[r]!.entry))];
      this.idf[t] = this.weightOf(this.termEntries[t]!.length, this.common[t]!);
    });
    for (const r of this.records) this.recordWeight.push(r.terms.reduce((s, t) => s + this.idf[t]!, 0));
    this.sortedWords = [...this.words].sort();
    this.scratch = new Scratch(this.records.length, entries.length);
    this.recordEntry = Int32Array.from(this.records, (r) => r.entry);
    this.words.forEach((w, t) => {
      const [locale, stem] = [w.slice(0, 3), w.slice(3)];
      if (stem.length < 4) return;
      for (const d of deletions(stem).map((x) => locale + x)) {
        const list = this.deletionIndex.get(d) ?? [];
        list.push(t);
        this.deletionIndex.set(d, list);
      }
    });
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * How much a word used by `df` entries counts: BM25's idf, near 0 for a word every entry uses (in this
   * base, "trafficking" and "trata" say nothing about which entry is meant). An everyday word never
   * counts more than `commonWeight`.
   */
  private weightOf(df: number, common: boolean): number {
    const n = Math.max(1, this.entries.length);
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return common ? Math.min(idf, this.settings.commonWeight * this.maxWeight) : idf;
  }

  /** Terms are kept per language: "en:victim" and "es:victim" are two terms. */
  private termId(locale: Locale, term: LineTerm): number {
    const word = `${locale}:${term.stem}`;
    let id = this.vocab.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.vocab.set(word, id);
      this.words.push(word);
      this.postings.push([]);
      this.common.push(term.common);
    } else if (!term.common) this.common[id] = false;
    return id;
  }

  private addRecord(entry: number, locale: Locale, line: string): void {
    const { tokens, text } = normalize(line);
    const ids = [...new Set(terms(tokens, locale).map((t) => this.termId(locale, t)))];
    const r = this.records.length;
    this.records.push({ entry, locale, text, terms: ids });
    if (!this.exactLines.has(text)) this.exactLines.set(text, r);
    for (const t of ids) this.postings[t]!.push(r);
  }

  /** Known terms of a language within the typo budget of a stem (exact matches are found by the caller). */
  private typos(locale: Locale, stem: string, found: Map<number, number>): void {
    const budget = typoBudget(stem.length);
    if (budget === 0) return;
    const word = `${locale}:${stem}`;
    for (const p of [word, ...deletions(stem).map((d) => `${locale}:${d}`)]) {
      const direct = p !== word ? this.vocab.get(p) : undefined;
      for (const t of [...(this.deletionIndex.get(p) ?? []), ...(direct !== undefined ? [direct] : [])]) {
        if (found.has(t)) continue;
        const d = editDistance(stem, this.words[t]!.slice(3), budget);
        if (d <= budget) found.set(t, this.settings.typoSimilarity[d] ?? 0);
      }
    }
  }

  /** Known terms of a language that start with the stem ("papel" → "papeles" when stemming differs). */
  private prefixes(locale: Locale, stem: string, found: Map<number, number>): void {
    if (stem.length < this.settings.minPrefixLength) return;
    const word = `${locale}:${stem}`;
    let lo = 0;
    let hi = this.sortedWords.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedWords[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    for (
      let i = lo;
      i < this.sortedWords.length && i < lo + 20 && this.sortedWords[i]!.startsWith(word);
      i++
    ) {
      const t = this.vocab.get(this.sortedWords[i]!)!;
      if (!found.has(t)) found.set(t, this.settings.prefixSimilarity);
    }
  }

  /** Terms of the base that are synonyms of the word, in either language (see src/text/synonyms.ts). */
  private synonyms(word: QueryTerm, found: Map<number, number>): void {
    const sim = this.settings.synonymSimilarity;
    for (const locale of LOCALES) {
      for (const s of SYNONYM_STEMS[locale].get(word[locale]) ?? []) {
        const t = this.vocab.get(`${locale}:${s}`);
        if (t !== undefined && (found.get(t) ?? 0) < sim) found.set(t, sim);
      }
    }
  }

  /**
   * The known terms a message word matches, and its weight. A word the base knows as it is is not
   * also read as a typo of another ("deported" is not "reported"); its weight is the rarity of the
   * entries using any of its stems (the two languages' stems of one word are two terms).
   */
  private resolve(word: QueryTerm): QueryWord {
    const S = this.settings;
    const found = new Map<number, number>();
    for (const locale of LOCALES) {
      const t = this.vocab.get(`${locale}:${word[locale]}`);
      if (t !== undefined) found.set(t, 1);
    }
    if (found.size > 0) {
      const key = `${word.en} ${word.es} ${word.common ? 1 : 0}${word.filler ? 1 : 0}`;
      const kept = this.known.get(key);
      if (kept) return kept;
      // The weight still counts the entries using near spellings: the base itself has a few misspelt
      // lines ("traficking"), and a word is not rare just because one of them spells it that way.
      const near = new Map<number, number>(found);
      for (const locale of LOCALES) this.typos(locale, word[locale], near);
      for (const locale of LOCALES) this.prefixes(locale, word[locale], found);
      this.synonyms(word, found);
      // Likewise its synonyms: "chava" is not rare when every entry about minors says "menor".
      const resolved = { matches: found, weight: this.weightOf(this.usersOf(near.keys()), word.common) };
      if (this.known.size >= KNOWN_WORDS) this.known.clear();
      this.known.set(key, resolved);
      return resolved;
    }
    for (const locale of LOCALES) {
      this.typos(locale, word[locale], found);
      this.prefixes(locale, word[locale], found);
    }
    this.synonyms(word, found);
    let best = 0;
    let weight = 0;
    for (const [t, sim] of found) {
      if (sim > best || (sim === best && this.idf[t]! > weight)) {
        best = sim;
        weight = this.idf[t]!;
      }
    }
    if (best > 0) return { matches: found, weight };
    // An unknown word counts against every entry: a question about tamales is not about visas.
    return {
      matches: found,
      weight: (word.common || word.filler ? S.commonWeight : S.unknownWeight) * this.maxWeight,
    };
  }

  /** How many entries use any of some terms (one term's list holds each entry once). */
  private usersOf(terms: Iterable<number>): number {
    const lists = [...terms].map((t) => this.termEntries[t]!);
    if (lists.length === 1) return lists[0]!.length;
    const users = new Set<number>();
    for (const list of lists) for (const e of list) users.add(e);
    return users.size;
  }

  /**
   * Entries that match a message, best first, with scores in 0..1. Lines of both languages are searched:
   * people mix them, and the answer is given in the person's language whichever side matched.
   * `exact: false` ranks without the word-for-word rule, as for any other wording (for the lint).
   */
  search(message: string | Pick<Analysis, 'tokens' | 'text'>, limit = 5, options: { readonly exact?: boolean } = {}): Match[] {
    const { tokens, text } = typeof message === 'string' ? normalize(message) : message;
    const query = queryTerms(tokens).map((w) => this.resolve(w));
    if (query.length === 0) return [];
    let ranked: Match[];
    try {
      ranked = this.rank(tokens, query, limit);
    } finally {
      this.scratch.clear();
    }
    // A message that is word for word one of an entry's own lines is that entry's, whatever the
    // weights say: staff wrote that question so that it would be answered there.
    const r = options.exact === false ? undefined : this.exactLines.get(text);
    if (r === undefined) return ranked;
    const record = this.records[r]!;
    const id = this.entries[record.entry]!.id;
    const exact: Match = { id, score: 1, matched: record.text, locale: record.locale };
    return [exact, ...ranked.filter((m) => m.id !== id)].slice(0, limit);
  }

  private rank(tokens: readonly string[], query: readonly QueryWord[], limit: number): Match[] {
    const S = this.settings;
    const n = query.length;
    const totalWeight = query.reduce((a, w) => a + w.weight, 0);
    const scratch = this.scratch;
    scratch.begin(n);

    // Token stage. Per line: the best similarity of each message word. Per entry: how many of its lines
    // use each word (an entry that keeps coming back to a word is about it).
    const order = query.map((_, i) => i).sort((a, b) => query[b]!.weight - query[a]!.weight);
    for (const qi of order) {
      for (const [t, sim] of query[qi]!.matches) {
        const list = this.postings[t]!;
        if (list.length <= S.maxPostingsToExpand) {
          for (const r of list) this.credit(r, qi, sim);
        } else {
          // Too common to expand: only re-scores the lines rarer words found, in the order they were
          // found. When those are many, the term's lines are marked first rather than each line's terms
          // searched for it.
          const seen = scratch.records.length;
          if (seen * 4 < list.length) {
            for (let i = 0; i < seen; i++) {
              const r = scratch.records[i]!;
              if (this.records[r]!.terms.includes(t)) this.credit(r, qi, sim);
            }
          } else {
            const mark = scratch.mark;
            for (const r of list) mark[r] = 1;
            for (let i = 0; i < seen; i++) {
              const r = scratch.records[i]!;
              if (mark[r] === 1) this.credit(r, qi, sim);
            }
            for (const r of list) mark[r] = 0;
          }
        }
      }
    }
    if (scratch.records.length === 0) return [];

    const covered = (values: Float64Array, at: number, saturate: boolean) => {
      let sum = 0;
      for (let qi = 0; qi < n; qi++) {
        const v = values[at + qi]!;
        // Saturating like BM25's term frequency: a second line using a word counts, a tenth hardly.
        sum += (saturate ? v / (v + S.entryUseHalf) : v) * query[qi]!.weight;
      }
      return sum;
    };
    // Line score: how much of the message the line explains, and how much of the line the message uses.
    // Only the best `candidates` lines are kept, in the order a stable sort would give them.
    const top: { r: number; score: number }[] = [];
    scratch.records.forEach((r, slot) => {
      const c = covered(scratch.sims, slot * n, false);
      // A line as light as "am i trafficked" (one word every entry uses) cannot be fully matched by
      // any message that mentions trafficking.
      const ofLine = Math.min(1, c / Math.max(this.recordWeight[r]!, S.lineWeightFloor * this.maxWeight));
      const score = S.queryCoverageWeight * (c / totalWeight) + (1 - S.queryCoverageWeight) * ofLine;
      if (top.length === S.candidates && !(score > top[top.length - 1]!.score)) return;
      let at = top.length;
      while (at > 0 && top[at - 1]!.score < score) at--;
      top.splice(at, 0, { r, score });
      if (top.length > S.candidates) top.pop();
    });

    // fuse.js stage: string similarity of the whole message against the candidate lines. It is most of
    // the cost of a search, so entries are compared in order of the best score they could reach with a
    // perfect string match, and the comparing stops once `limit` entries have scored more than any of
    // the rest could: the entries returned, and their scores, are exactly those of comparing every line.
    const fuseShare = 1 - S.tokenWeight;
    const blend = (coverage: number, line: number) => S.entryCoverageWeight * coverage + (1 - S.entryCoverageWeight) * line;
    const groups = new Map<number, { coverage: number; lines: { r: number; score: number }[]; high: number }>();
    for (const c of top) {
      const e = this.records[c.r]!.entry;
      const group = groups.get(e);
      if (group) group.lines.push(c);
      else groups.set(e, { coverage: covered(scratch.uses, scratch.entrySlot[e]! * n, true) / totalWeight, lines: [c], high: 0 });
    }
    const normalizedQuery = tokens.filter((t) => !isStopWord(t)).join(' ') || tokens.join(' ');
    // A longer message is ranked on its words alone (see `fuseMaxQuery`).
    const fuzzy = normalizedQuery.length <= S.fuseMaxQuery;
    const fuseCap = fuzzy ? fuseShare : 0;
    for (const g of groups.values()) g.high = blend(g.coverage, Math.max(...g.lines.map((c) => S.tokenWeight * c.score + fuseCap)));
    const scored = new Map<number, { r: number; score: number }>();
    const exact: number[] = [];
    for (const [e, g] of [...groups].sort((a, b) => b[1].high - a[1].high)) {
      if (exact.length >= limit && g.high < exact[limit - 1]!) break;
      const fuseScore = new Map<number, number>();
      if (fuzzy) {
        const fuse = new Fuse(
          g.lines.map((c) => ({ c, text: this.records[c.r]!.text })),
          { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: S.fuseThreshold, isCaseSensitive: true },
        );
        for (const res of fuse.search(normalizedQuery)) fuseScore.set(res.item.c.r, 1 - (res.score ?? 1));
      }
      let best: { line: number; r: number } | undefined;
      for (const c of g.lines) {
        const line = S.tokenWeight * c.score + fuseShare * (fuseScore.get(c.r) ?? 0);
        if (!best || line > best.line) best = { line, r: c.r };
      }
      const score = blend(g.coverage, best!.line);
      scored.set(e, { r: best!.r, score });
      exact.push(score);
      exact.sort((a, b) => b - a);
    }
    // In the order the entries first appear among the candidates, as the stable sort below expects.
    const results = [...groups.keys()].filter((e) => scored.has(e)).map((e) => ({ e, ...scored.get(e)! }));
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

  /** A line matched message word `qi` with similarity `sim`: keep its best, and count it for its entry. */
  private credit(r: number, qi: number, sim: number): void {
    const scratch = this.scratch;
    const at = scratch.recordAt(r) + qi;
    const had = scratch.sims[at]!;
    if (sim <= had) return;
    scratch.sims[at] = sim;
    scratch.uses[scratch.entryAt(this.recordEntry[r]!) + qi] += sim - had;
  }
}

/**
 * Working memory of a search, kept between searches so that a message matching thousands of lines does
 * not allocate thousands of small arrays: per visited line and per entry, one row of `n` numbers (one
 * per message word) in a flat array. A search runs from start to end without yielding, so an index
 * never runs two at once; `clear` leaves it ready for the next.
 */
class Scratch {
  /** Row of each record / entry in `sims` / `uses`, or -1. */
  readonly recordSlot: Int32Array;
  readonly entrySlot: Int32Array;
  /** Lines of one common term, marked while it re-scores the lines already found (always left at 0). */
  readonly mark: Uint8Array;
  /** Visited records and entries, in the order first visited. */
  readonly records: number[] = [];
  readonly entries: number[] = [];
  sims: Float64Array = new Float64Array(1024);
  uses: Float64Array = new Float64Array(1024);
  private n = 0;

  constructor(records: number, entries: number) {
    this.recordSlot = new Int32Array(records).fill(-1);
    this.entrySlot = new Int32Array(entries).fill(-1);
    this.mark = new Uint8Array(records);
  }

  begin(words: number): void {
    this.n = words;
  }

  /** Offset of a record's row, added (zeroed) on first visit. */
  recordAt(r: number): number {
    let slot = this.recordSlot[r]!;
    if (slot < 0) {
      slot = this.records.length;
      this.recordSlot[r] = slot;
      this.records.push(r);
      this.sims = Scratch.room(this.sims, (slot + 1) * this.n);
      this.sims.fill(0, slot * this.n, (slot + 1) * this.n);
    }
    return slot * this.n;
  }

  /** Offset of an entry's row (slots are stored per entry, so `entrySlot[e] * n` is the row). */
  entryAt(e: number): number {
    let slot = this.entrySlot[e]!;
    if (slot < 0) {
      slot = this.entries.length;
      this.entrySlot[e] = slot;
      this.entries.push(e);
      this.uses = Scratch.room(this.uses, (slot + 1) * this.n);
      this.uses.fill(0, slot * this.n, (slot + 1) * this.n);
    }
    return slot * this.n;
  }

  clear(): void {
    for (const r of this.records) this.recordSlot[r] = -1;
    for (const e of this.entries) this.entrySlot[e] = -1;
    this.records.length = 0;
    this.entries.length = 0;
  }

  private static room(buffer: Float64Array, size: number): Float64Array {
    if (buffer.length >= size) return buffer;
    const grown = new Float64Array(Math.max(size, buffer.length * 2));
    grown.set(buffer);
    return grown;
  }
}
