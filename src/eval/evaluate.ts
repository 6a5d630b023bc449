import { z } from 'zod';
import { readJsonl } from './jsonl';
import { decide, EMPTY_MEMORY, type Decision } from '../bot/decide';
import type { Understanders } from '../bot/decide';

const caseSchema = z.strictObject({
  locale: z.enum(['en', 'es']),
  text: z.string().min(1),
  expect: z.string().regex(/^(handoff:(danger|self-harm|human)|fallback|greeting|out-of-scope|[a-z]+\.[a-z0-9-]+)$/),
  /** Another topic that answers the case as well (hit@1 counts either). */
  also: z.array(z.string()).optional(),
});
export type EvalCase = z.infer<typeof caseSchema>;

export function readCases(file: string): EvalCase[] {
  return readJsonl(file, caseSchema, 'case');
}

export interface CaseResult {
  readonly case: EvalCase;
  readonly decision: Decision;
  readonly hit1: boolean;
  readonly hit3: boolean;
}

export interface Metrics {
  readonly cases: number;
  readonly topicCases: number;
  readonly hitAt1: number;
  readonly hitAt3: number;
  readonly dangerRecall: number;
  readonly selfHarmRecall: number;
  readonly humanRecall: number;
  /** Share of cases that expect no handoff but got one. */
  readonly falseHandoffRate: number;
  readonly fallbackAccuracy: number;
  readonly greetingAccuracy: number;
  /** Small talk answered with its own reply (greeting, thanks, goodbye, "ok", "who are you", the menu). */
  readonly smallTalkAccuracy: number;
  /** Share of cases answered in the language they were written in. */
  readonly languageAccuracy: number;
}

/** A decision function under evaluation: Reach's own, or a baseline's. */
export type Decider = (c: EvalCase) => Decision;

export function reachDecider(knowledge: Understanders): Decider {
  // The default language is always English, as for a new conversation: the language must be detected.
  return (c) => decide({ text: c.text, defaultLocale: 'en', memory: EMPTY_MEMORY }, knowledge);
}

export function runCase(c: EvalCase, decider: Decider): CaseResult {
  const decision = decider(c);
  const o = decision.outcome;
  let hit1 = false;
  let hit3 = false;
  if (c.expect.startsWith('handoff:')) hit1 = hit3 = o.kind === 'handoff' && `handoff:${o.reason}` === c.expect;
  // Declined: a plain fallback and an out-of-scope reply both say "not what I answer".
  else if (c.expect === 'fallback' || c.expect === 'out-of-scope') hit1 = hit3 = o.kind === 'fallback' || o.kind === 'out-of-scope';
  else if (c.expect === 'greeting' || c.expect === 'smalltalk.greeting') hit1 = hit3 = o.kind === 'greeting';
  else if (c.expect === 'smalltalk.capabilities') hit1 = hit3 = o.kind === 'menu';
  else if (c.expect.startsWith('smalltalk.')) hit1 = hit3 = o.kind === 'small-talk' && `smalltalk.${o.talk}` === c.expect;
  else {
    const right = [c.expect, ...(c.also ?? [])];
    hit1 = o.kind === 'answer' && right.includes(o.topic);
    hit3 = hit1 || (o.kind === 'suggestions' && o.topics.slice(0, 3).some((t) => right.includes(t)));
  }
  return { case: c, decision, hit1, hit3 };
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : Math.round((n / d) * 1000) / 1000);

export function metrics(results: readonly CaseResult[]): Metrics {
  const topic = results.filter((r) => /^[a-z]+\./.test(r.case.expect) && !r.case.expect.startsWith('handoff:') && !r.case.expect.startsWith('smalltalk.'));
  const of = (expect: string) => results.filter((r) => r.case.expect === expect);
  const noHandoff = results.filter((r) => !r.case.expect.startsWith('handoff:'));
  const falseHandoffs = noHandoff.filter((r) => r.decision.outcome.kind === 'handoff');
  const hits = (rs: readonly CaseResult[]) => rs.filter((r) => r.hit1).length;
  return {
    cases: results.length,
    topicCases: topic.length,
    hitAt1: ratio(hits(topic), topic.length),
    hitAt3: ratio(topic.filter((r) => r.hit3).length, topic.length),
    dangerRecall: ratio(hits(of('handoff:danger')), of('handoff:danger').length),
    selfHarmRecall: ratio(hits(of('handoff:self-harm')), of('handoff:self-harm').length),
    humanRecall: ratio(hits(of('handoff:human')), of('handoff:human').length),
    falseHandoffRate: ratio(falseHandoffs.length, noHandoff.length),
    fallbackAccuracy: ratio(hits([...of('fallback'), ...of('out-of-scope')]), of('fallback').length + of('out-of-scope').length),
    greetingAccuracy: ratio(hits(of('greeting')), of('greeting').length),
    smallTalkAccuracy: ratio(hits(results.filter((r) => r.case.expect.startsWith('smalltalk.'))), results.filter((r) => r.case.expect.startsWith('smalltalk.')).length),
    languageAccuracy: ratio(results.filter((r) => r.decision.locale === r.case.locale).length, results.length),
  };
}

export function evaluate(cases: readonly EvalCase[], decider: Decider): { en: Metrics; es: Metrics; all: Metrics; results: CaseResult[] } {
  const results = cases.map((c) => runCase(c, decider));
  return {
    en: metrics(results.filter((r) => r.case.locale === 'en')),
    es: metrics(results.filter((r) => r.case.locale === 'es')),
    all: metrics(results),
    results,
  };
}

export function describeOutcome(d: Decision): string {
  const o = d.outcome;
  switch (o.kind) {
    case 'answer':
      return `answer ${o.topic} (${o.confidence})`;
    case 'suggestions':
      return `suggestions ${o.topics.join(',')} (${o.confidence})`;
    case 'handoff':
      return `handoff:${o.reason}`;
    case 'fallback':
      return `fallback (${o.confidence})`;
    case 'out-of-scope':
      return `out-of-scope (${o.confidence.toFixed(3)})`;
    case 'small-talk':
      return `small-talk:${o.talk}`;
    default:
      return o.kind;
  }
}
