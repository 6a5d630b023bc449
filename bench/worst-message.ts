/**
 * The costliest message within the length limit (issue 20), as a ratio to an ordinary 2,000-character
 * message in this process: the cases and the measure are the bounded-work test's
 * (tests/server/worst-messages.ts), so the bench reports the figure the test bounds at 5×.
 */
import { decide, EMPTY_MEMORY } from '../src/bot/decide';
import type { Entry } from '../src/knowledge/schema';
import { KnowledgeIndex } from '../src/knowledge/search';
import type { TopicModel } from '../src/understanding/topics';
import { measureWorst, worstMessages, type CostRatio } from '../tests/server/worst-messages';
import { round } from './stats';

export interface WorstMessageCost {
  /** Median CPU milliseconds of one decision on the ordinary message. */
  readonly ordinaryMs: number;
  readonly cases: number;
  readonly worst: CostRatio;
  /** The next costliest, for context. */
  readonly next: readonly CostRatio[];
}

export function measureWorstMessage(real: readonly Entry[], topics: TopicModel): WorstMessageCost {
  const index = new KnowledgeIndex(real);
  const { ordinaryMs, ratios } = measureWorst((text) => decide({ text, defaultLocale: 'en', memory: EMPTY_MEMORY }, { index, topics }), 5);
  const rounded = ratios.map((r) => ({ name: r.name, ratio: round(r.ratio, 2) }));
  return { ordinaryMs: round(ordinaryMs, 2), cases: worstMessages().length, worst: rounded[0]!, next: rounded.slice(1, 4) };
}

export function worstMessageTable(w: WorstMessageCost): string[] {
  return [
    '## The costliest message',
    '',
    `A whole decision (safety, language, menus, search) on each of ${w.cases} messages within the 2,000-character limit built`,
    'to cost the most (every code point whose Unicode compatibility form is long, combining runs, long words;',
    'tests/server/worst-messages.ts), against an ordinary 2,000-character question, in CPU time, in this process.',
    `The ordinary message took ${w.ordinaryMs} ms of CPU. The bounded-work test fails above 5×.`,
    '',
    '| message | cost against an ordinary 2,000-character message |',
    '|---|---|',
    ...[w.worst, ...w.next].map((r, i) => `| ${i === 0 ? '**worst:** ' : ''}${r.name} | ${r.ratio.toFixed(2)}× |`),
  ];
}
