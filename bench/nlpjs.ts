/**
 * The field-library peer: NLP.js (`node-nlp`), as a bot author would set it up from its README, with
 * default settings. It learns from the same knowledge questions and titles as Reach's index (one intent
 * per topic id, both languages), NOT from Reach's training corpus: that corpus is Reach's own work, and
 * the comparison asks what that work adds over a library given the staff's questions.
 *
 * Its decision: the top intent is answered when NLP.js scores it at or above its own default threshold
 * (0.5, below which NLP.js itself says `None`); `None` is a fallback. It is told each message's language
 * (its `process(locale, text)`), which is generous: Reach has to detect it. It has no safety layer, small
 * talk or suggestions, so it never hands off and its hit@3 is its hit@1.
 */
import { NlpManager } from 'node-nlp';
import { EMPTY_MEMORY, type Decision } from '../src/bot/decide';
import type { Decider, EvalCase } from '../src/eval/evaluate';
import { LOCALES, type Entry } from '../src/knowledge/schema';
import { nowMs } from './stats';

/** NLP.js's "no intent" answer. */
const NONE = 'None';

export interface NlpJsPeer {
  readonly manager: NlpManager;
  /** Lines it learnt from (titles and questions, both languages). */
  readonly documents: number;
  readonly trainMs: number;
}

/** A fresh NlpManager with default settings, trained on every entry's title and questions. */
export async function trainNlpJs(entries: readonly Entry[]): Promise<NlpJsPeer> {
  const manager = new NlpManager({ languages: ['en', 'es'], autoSave: false, nlu: { log: false } });
  let documents = 0;
  for (const e of entries) {
    for (const locale of LOCALES) {
      for (const q of [e[locale].title, ...e[locale].questions]) {
        manager.addDocument(locale, q, e.id);
        documents++;
      }
    }
  }
  const t0 = nowMs();
  await manager.train();
  return { manager, documents, trainMs: nowMs() - t0 };
}

/**
 * NLP.js answers asynchronously and the evaluation asks synchronously: every case is processed first,
 * and the decider hands back the decision made for that very case.
 */
export async function nlpJsDecider(peer: NlpJsPeer, cases: readonly EvalCase[]): Promise<Decider> {
  const decisions = new Map<EvalCase, Decision>();
  for (const c of cases) {
    const result = await peer.manager.process(c.locale, c.text);
    const answered = result.intent !== NONE && result.intent !== '';
    decisions.set(c, {
      outcome: answered ? { kind: 'answer', topic: result.intent, confidence: result.score } : { kind: 'fallback', confidence: 0 },
      locale: c.locale,
      memory: EMPTY_MEMORY,
      matches: [],
    });
  }
  return (c) => {
    const decision = decisions.get(c);
    if (!decision) throw new Error('NLP.js was not asked this case before the evaluation');
    return decision;
  };
}
