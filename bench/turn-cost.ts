/**
 * What one decision costs, in this process on the real live knowledge (the base, its index and the topic
 * model trained by `loadLive`, as the server holds them): the whole `decide()` (analysis, safety, the
 * model, the index, the outcome) and its main parts, for each message of the public evaluation sets. Each
 * message is timed `ROUNDS` times and its median kept, so that one preemption on this shared machine does
 * not become the p99; p50 and p99 are over messages.
 */
import { decide, EMPTY_MEMORY, type Understanders } from '../src/bot/decide';
import { assessSafety } from '../src/escalation/tier';
import { SEARCH } from '../src/knowledge/search-config';
import { analyse } from '../src/understanding/analysis';
import { collectGarbage, mean, median, nowMs, percentile, round } from './stats';

export interface PartCost {
  readonly part: string;
  readonly messages: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const ROUNDS = 5;

function cost<T>(part: string, inputs: readonly T[], fn: (input: T) => unknown): PartCost {
  for (const x of inputs) fn(x); // warm: the first calls pay for compilation
  collectGarbage();
  const perMessage: number[][] = inputs.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    inputs.forEach((x, i) => {
      const t0 = nowMs();
      fn(x);
      perMessage[i]!.push(nowMs() - t0);
    });
  }
  const samples = perMessage.map(median);
  return { part, messages: inputs.length, meanMs: round(mean(samples), 4), p50Ms: round(percentile(samples, 50), 4), p99Ms: round(percentile(samples, 99), 4) };
}

/** The whole decision first, then its parts (each on its own, so they need not add up to the whole). */
export function measureTurnCost(live: Understanders, texts: readonly string[]): PartCost[] {
  const analyses = texts.map(analyse);
  return [
    cost('decide(): the whole decision (analysis, safety, model, index)', texts, (text) => decide({ text, defaultLocale: 'en', memory: EMPTY_MEMORY }, live)),
    cost('  analysis (normalise, tokens, language guess)', texts, (text) => analyse(text)),
    cost('  safety (rules, concept net, model)', analyses, (a) => assessSafety(a)),
    cost('  topic model scores', analyses, (a) => live.topics.scores(a)),
    cost('  index search', analyses, (a) => live.index.search(a, SEARCH.maxSuggestions + 1)),
  ];
}
