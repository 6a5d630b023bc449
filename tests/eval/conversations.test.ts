import path from 'node:path';
import { conversationMetrics, playConversations, readConversations, turnMatches } from '../../src/eval/conversations';
import { realKnowledge } from '../helpers/bot';
import { ROOT } from '../helpers/fixtures';

const file = path.join(ROOT, 'tests', 'eval', 'conversations.jsonl');

describe('public conversation set', () => {
  const conversations = readConversations(file);

  test('has at least 60 conversations on the web, SMS and WhatsApp, about half in Spanish', () => {
    expect(conversations.length).toBeGreaterThanOrEqual(60);
    for (const channel of ['webchat', 'sms', 'whatsapp']) expect(conversations.filter((c) => c.channel === channel).length).toBeGreaterThanOrEqual(15);
    const es = conversations.filter((c) => c.locale === 'es').length;
    expect(Math.abs(es / conversations.length - 0.5)).toBeLessThan(0.1);
  });

  test('turns and whole conversations stay at or above the measured floors; every danger turn hands off', async () => {
    const results = await playConversations(conversations, await realKnowledge());
    const m = conversationMetrics(results);
    expect(m.turnAccuracy).toBeGreaterThanOrEqual(FLOORS.turn);
    expect(m.wholeAccuracy).toBeGreaterThanOrEqual(FLOORS.whole);
    expect(m.dangerHandedOff).toBe(m.dangerTurns);
  }, 120_000);
});

describe('turn expectations', () => {
  test('silence, kinds, topics, reasons and locales are each checked', () => {
    expect(turnMatches({ silent: true }, null)).toBe(true);
    expect(turnMatches({ silent: true }, { kind: 'answer', locale: 'en' })).toBe(false);
    expect(turnMatches({ kind: 'answer', topics: ['a.b', 'c.d'] }, { kind: 'answer', locale: 'en', topic: 'c.d' })).toBe(true);
    expect(turnMatches({ kind: 'answer', topic: 'a.b', locale: 'es' }, { kind: 'answer', locale: 'en', topic: 'a.b' })).toBe(false);
    expect(turnMatches({ kind: 'notice', notice: 'stopped' }, { kind: 'notice', locale: 'en', reason: 'stopped' })).toBe(true);
    expect(turnMatches({ kind: 'handoff', reason: 'danger' }, { kind: 'handoff', locale: 'en', reason: 'human' })).toBe(false);
  });
});

/** Measured on this set (docs/quality.md), less a margin for retraining noise. */
const FLOORS = { turn: 0.85, whole: 0.55 };
