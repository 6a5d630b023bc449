import path from 'node:path';
import { evaluate, reachDecider, readCases } from '../../src/eval/evaluate';
import { realKnowledge } from '../helpers/bot';
import { ROOT } from '../helpers/fixtures';

const cases = readCases(path.join(ROOT, 'tests', 'eval', 'cases.jsonl'));

describe('public evaluation set', () => {
  test('has at least 200 cases, about half of them Spanish, and covers every topic in both languages', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const es = cases.filter((c) => c.locale === 'es').length;
    expect(Math.abs(es / cases.length - 0.5)).toBeLessThan(0.05);
    const { base } = (await realKnowledge()).current();
    for (const e of base.entries) {
      for (const locale of ['en', 'es'] as const) {
        expect([e.id, locale, cases.some((c) => c.expect === e.id && c.locale === locale)]).toEqual([e.id, locale, true]);
      }
    }
  });

  test('every safety case escalates with the right reason (danger recall 1.0)', async () => {
    const safety = cases.filter((c) => c.expect.startsWith('handoff:'));
    expect(safety.length).toBeGreaterThan(100);
    const { results } = evaluate(safety, reachDecider((await realKnowledge()).current()));
    expect(results.filter((r) => !r.hit1).map((r) => r.case.text)).toEqual([]);
  });

  test('quality stays at or above the levels the README reports', async () => {
    const { en, es } = evaluate(cases, reachDecider((await realKnowledge()).current()));
    for (const m of [en, es]) {
      expect(m.hitAt1).toBeGreaterThanOrEqual(0.85);
      expect(m.falseHandoffRate).toBeLessThanOrEqual(0.02);
      expect(m.fallbackAccuracy).toBeGreaterThanOrEqual(0.8);
    }
  });
});

describe.each([
  // blind-1 also teaches the safety model what plain questions look like; blind-2 never trains anything.
  ['blind-1.jsonl', 4, 30, 0.82, 0.02],
  ['blind-2.jsonl', 4, 30, 0.8, 0.04],
  ['blind-3.jsonl', 3, 24, 0.82, 0.03],
])('evaluation set written blind, tests/eval/%s', (file, perTopic, outOfScope, minHit, maxFalseHandoffs) => {
  const blind = readCases(path.join(ROOT, 'tests', 'eval', file));

  test('covers every topic in both languages, with out-of-scope lines', async () => {
    const { base } = (await realKnowledge()).current();
    for (const e of base.entries) {
      for (const locale of ['en', 'es'] as const) {
        expect([e.id, locale, blind.filter((c) => c.expect === e.id && c.locale === locale).length]).toEqual([e.id, locale, perTopic]);
      }
    }
    expect(blind.filter((c) => c.expect === 'fallback').length).toBe(outOfScope);
  });

  test('quality stays at or above the levels the README reports', async () => {
    const { en, es } = evaluate(blind, reachDecider((await realKnowledge()).current()));
    for (const m of [en, es]) {
      expect(m.hitAt1).toBeGreaterThanOrEqual(minHit);
      expect(m.falseHandoffRate).toBeLessThanOrEqual(maxFalseHandoffs);
    }
  });
});
