import { TestAdapter, type Activity, type ConversationState } from 'botbuilder';
import { ReachBot } from '../../src/bot/reachBot';
import type { ReachTrace } from '../../src/bot/replies';
import { loadConfig } from '../../src/config';
import { createI18n } from '../../src/i18n';
import { createLogger } from '../../src/log';
import { realKnowledge } from '../helpers/bot';

/** A clock that moves only when the test says so. */
export function fakeClock(start = Date.UTC(2026, 6, 30, 12)): {
  now: () => number;
  advance(ms: number): void;
} {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

export const MINUTE = 60_000;

/** A bot on the given conversation state, behind a test adapter (one conversation per adapter). */
export async function botOn(conversationState: ConversationState): Promise<TestAdapter> {
  const bot = new ReachBot({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    knowledge: await realKnowledge(),
    conversationState,
    i18n: createI18n(),
    logger: createLogger('silent'),
  });
  return new TestAdapter((context) => bot.run(context));
}

interface Traced {
  readonly type?: string;
  readonly text?: string;
  readonly channelData?: { reach?: Record<string, unknown> } | unknown;
}

/** The outcome of a turn: its first reply that is not a notice (or the notice, if that is all). */
export function outcomeOf(activities: readonly Traced[]): ReachTrace & { text: string } {
  const messages = activities.filter((a) => a.type === 'message');
  const traced = messages.map((a) => ({
    ...(a.channelData as { reach: ReachTrace }).reach,
    text: a.text ?? '',
  }));
  const first = traced.find((t) => t.kind !== 'notice') ?? traced[0];
  if (!first) throw new Error('the turn sent no message');
  return first;
}

/** Say something in the adapter's conversation and return the turn's outcome. */
export async function say(adapter: TestAdapter, text: string): Promise<ReachTrace & { text: string }> {
  adapter.activeQueue.splice(0);
  await adapter.receiveActivity(text);
  return outcomeOf(adapter.activeQueue.splice(0) as Partial<Activity>[]);
}
