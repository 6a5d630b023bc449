/**
 * Stage 2: what a search costs as the base grows. For each base size: the time to build the index and
 * the latency of one search, for Reach, the naive fuse.js baseline and MiniSearch, all in this process
 * on the same messages (the evaluation set's texts). The quality of the real entries among the
 * synthetic ones is measured on the same indexes.
 */
import { evaluate, reachDecider, type EvalCase, type Metrics } from '../src/eval/evaluate';
import type { Entry } from '../src/knowledge/schema';
import { KnowledgeIndex } from '../src/knowledge/search';
import type { TopicModel } from '../src/understanding/topics';
import { SEARCH } from '../src/knowledge/search-config';
import { miniSearch, naiveFuse, type Searcher } from './baselines';
import { collectGarbage, median, nowMs, percentile, progress, round, spread, timed } from './stats';

export interface Latency {
  readonly queries: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface EngineCost {
  readonly buildMs: number;
  readonly search: Latency;
  /** Quality on the evaluation set with this base (Reach only: the baselines' is in stage 1). */
  readonly quality?: { readonly en: Metrics; readonly es: Metrics };
}

export interface SizeCost {
  readonly entries: number;
  readonly questions: number;
  readonly reach: EngineCost;
  readonly fuse: EngineCost;
  readonly minisearch: EngineCost;
}

export interface SearchCostOptions {
  /** Most seconds spent timing the naive baseline at one size: it scans every question per search. */
  readonly fuseBudgetSeconds: number;
  /** The same for MiniSearch, whose fuzzy and prefix expansion grows with the vocabulary. */
  readonly miniBudgetSeconds: number;
  /** The topic model trained on the real base (it knows no synthetic entry: only the index is timed at size). */
  readonly topics: TopicModel;
}

/**
 * Time one search of each message. Timing starts on a collected heap, so an engine pays for its own
 * garbage, not for what the previous one left. With `repeats` > 1 each message is timed that many times
 * and its median kept: the machine is shared and noisy, and a single preemption should not become
 * somebody's p99. `budgetMs` stops early (after at least three searches) for the slow baselines.
 */
function latency(run: (text: string) => unknown, texts: readonly string[], options: { repeats?: number; budgetMs?: number } = {}): Latency {
  const repeats = options.repeats ?? 1;
  const budgetMs = options.budgetMs ?? Infinity;
  collectGarbage();
  const perText: number[][] = [];
  const start = nowMs();
  for (let pass = 0; pass < repeats; pass++) {
    for (let i = 0; i < texts.length; i++) {
      if (pass > 0 && i >= perText.length) break;
      const t0 = nowMs();
      run(texts[i]!);
      (perText[i] ??= []).push(nowMs() - t0);
      if (repeats === 1 && nowMs() - start > budgetMs && perText.length >= 3) break;
    }
  }
  const samples = perText.map((times) => median(times));
  return {
    queries: samples.length,
    p50Ms: round(percentile(samples, 50), 3),
    p99Ms: round(percentile(samples, 99), 3),
    maxMs: round(Math.max(...samples), 3),
  };
}

function quality(cases: readonly EvalCase[], decider: ReturnType<typeof reachDecider>) {
  const { en, es } = evaluate(cases, decider);
  return { en, es };
}

/** Warm the JIT on the real base, so the first size measured does not pay for compiling the search. */
function warmUp(real: readonly Entry[], texts: readonly string[]): void {
  const index = new KnowledgeIndex(real);
  for (const t of texts.slice(0, 200)) index.search(t, SEARCH.maxSuggestions + 1);
  const mini = miniSearch(real);
  for (const t of texts.slice(0, 200)) mini.search(t);
}

export function measureSearchCost(
  real: readonly Entry[],
  synthetic: readonly Entry[],
  sizes: readonly number[],
  cases: readonly EvalCase[],
  options: SearchCostOptions,
): SizeCost[] {
  const texts = cases.map((c) => c.text);
  warmUp(real, texts);
  const out: SizeCost[] = [];
  for (const size of sizes) {
    const entries = [...real, ...synthetic.slice(0, Math.max(0, size - real.length))];
    const questions = entries.reduce((n, e) => n + e.en.questions.length + e.es.questions.length, 0);
    progress(`search cost: ${entries.length.toLocaleString('en')} entries (${questions.toLocaleString('en')} questions)`);

    const built = timed(() => new KnowledgeIndex(entries));
    const index = built.value;
    // One untimed pass first: the timed one measures the steady state, not V8 compiling the search.
    for (const t of texts) index.search(t, SEARCH.maxSuggestions + 1);
    const reach: EngineCost = {
      buildMs: round(built.ms, 1),
      search: latency((t) => index.search(t, SEARCH.maxSuggestions + 1), texts, { repeats: 3 }),
      quality: quality(cases, reachDecider({ index, topics: options.topics })),
    };

    // The baselines' quality is measured on the real base in stage 1; here only their cost. Both slow
    // down with the base, so past the real one an evenly spread sample of messages is timed within a
    // budget (the count is reported with the figures).
    const sample = (count: number) => (entries.length === real.length ? texts : spread(texts, count));
    const miniBuilt = timed(() => miniSearch(entries));
    const minisearch: EngineCost = {
      buildMs: round(miniBuilt.ms, 1),
      search: latency((t) => miniBuilt.value.search(t), sample(200), {
        repeats: entries.length === real.length ? 3 : 1,
        budgetMs: options.miniBudgetSeconds * 1000,
      }),
    };
    const fuseBuilt = timed(() => naiveFuse(entries));
    const fuseSearcher: Searcher = fuseBuilt.value;
    const fuse: EngineCost = {
      buildMs: round(fuseBuilt.ms, 1),
      search: latency((t) => fuseSearcher.search(t), spread(texts, 200), { budgetMs: options.fuseBudgetSeconds * 1000 }),
    };
    out.push({ entries: entries.length, questions, reach, fuse, minisearch });
    progress(
      `  reach build ${reach.buildMs} ms, p50 ${reach.search.p50Ms} ms, p99 ${reach.search.p99Ms} ms; ` +
        `naive fuse.js p50 ${fuse.search.p50Ms} ms (${fuse.search.queries} searches); ` +
        `MiniSearch p99 ${minisearch.search.p99Ms} ms (${minisearch.search.queries} searches)`,
    );
  }
  return out;
}
