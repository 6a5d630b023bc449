/**
 * Where Reach's own time goes in a turn, in this process on the real base: the whole decision and its
 * main parts, per evaluation message (mean, p99), so the throughput figures can be read against them.
 */
import { decide, EMPTY_MEMORY } from '../src/bot/decide';
import { detectSafety } from '../src/escalation/detect';
import type { EvalCase } from '../src/eval/evaluate';
import { detectLanguage } from '../src/i18n/detect';
import type { Entry } from '../src/knowledge/schema';
import { KnowledgeIndex } from '../src/knowledge/search';
import type { TopicModel } from '../src/understanding/topics';
import { SEARCH } from '../src/knowledge/search-config';
import { nowMs, percentile, round } from './stats';

export interface PartCost {
  readonly part: string;
  readonly meanMs: number;
  readonly p99Ms: number;
}

const ROUNDS = 3;

function cost(part: string, texts: readonly string[], fn: (text: string) => unknown): PartCost {
  for (const t of texts) fn(t); // warm
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const t of texts) {
      const t0 = nowMs();
      fn(t);
      samples.push(nowMs() - t0);
    }
  }
  return { part, meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length, 3), p99Ms: round(percentile(samples, 99), 3) };
}

export function measureTurnCost(real: readonly Entry[], cases: readonly EvalCase[], topics: TopicModel): PartCost[] {
  const index = new KnowledgeIndex(real);
  const texts = cases.map((c) => c.text);
  return [
    cost('decide (safety, language, menus, search)', texts, (text) => decide({ text, defaultLocale: 'en', memory: EMPTY_MEMORY }, { index, topics })),
    cost('  safety detection', texts, (text) => detectSafety(text)),
    cost('  language detection', texts, (text) => detectLanguage(text)),
    cost('  search (every message, even those handed off first)', texts, (text) => index.search(text, SEARCH.maxSuggestions + 1)),
  ];
}
