/**
 * The two baselines Reach is compared with, as search functions and as deciders for the evaluation:
 *
 * - naive fuse.js: `new Fuse(allQuestions, { keys: ['q'] })` over every question of both languages, the
 *   entry of the top hit answered, no hit a fallback. This is what "fuzzy search over the FAQ" usually
 *   means, and it scans every question on every search.
 * - MiniSearch: an inverted index over the same questions, with fuzzy (0.2) and prefix matching.
 *
 * Neither has Reach's safety layer, greeting or thresholds: they are plain searches, so their danger
 * recall is what a search alone gives (none: a message about danger is answered with the nearest FAQ).
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { EMPTY_MEMORY, type Decision } from '../src/bot/decide';
import type { Decider } from '../src/eval/evaluate';
import { LOCALES, type Entry } from '../src/knowledge/schema';

interface Question {
  readonly key: number;
  readonly q: string;
  readonly entry: string;
}

function allQuestions(entries: readonly Entry[]): Question[] {
  const out: Question[] = [];
  for (const e of entries) for (const l of LOCALES) for (const q of e[l].questions) out.push({ key: out.length, q, entry: e.id });
  return out;
}

/** A search under test: the entry ids it would give for a message, best first. */
export interface Searcher {
  readonly name: string;
  search(text: string): readonly string[];
}

export function naiveFuse(entries: readonly Entry[]): Searcher {
  const fuse = new Fuse(allQuestions(entries), { keys: ['q'] });
  return { name: 'naive fuse.js', search: (text) => fuse.search(text, { limit: 1 }).map((r) => r.item.entry) };
}

export function miniSearch(entries: readonly Entry[]): Searcher {
  const index = new MiniSearch<Question>({ fields: ['q'], storeFields: ['entry'], idField: 'key' });
  index.addAll(allQuestions(entries));
  return {
    name: 'MiniSearch',
    search: (text) =>
      index
        .search(text, { fuzzy: 0.2, prefix: true })
        .slice(0, 1)
        .map((r) => r['entry'] as string),
  };
}

/** A plain search as a decider: its top hit answered, nothing found a fallback, in the case's language. */
export function searchDecider(searcher: Searcher): Decider {
  return (c) => {
    const [top] = searcher.search(c.text);
    const decision: Decision = {
      outcome: top ? { kind: 'answer', topic: top, confidence: 1 } : { kind: 'fallback', confidence: 0 },
      locale: c.locale,
      memory: EMPTY_MEMORY,
      matches: [],
    };
    return decision;
  };
}
