import { ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { z } from 'zod';
import { readJsonl } from './jsonl';
import { ReachBot } from '../bot/reachBot';
import type { ReachTrace } from '../bot/replies';
import { loadConfig } from '../config';
import { createI18n } from '../i18n';
import type { KnowledgeStore } from '../knowledge/store';
import { createLogger } from '../log';

const expectSchema = z.strictObject({
  kind: z.string().optional(),
  topic: z.string().optional(),
  topics: z.array(z.string()).optional(),
  reason: z.string().optional(),
  notice: z.string().optional(),
  locale: z.enum(['en', 'es']).optional(),
  /** No reply at all (after STOP). */
  silent: z.literal(true).optional(),
});

const conversationSchema = z.strictObject({
  id: z.string(),
  channel: z.enum(['webchat', 'sms', 'whatsapp']),
  locale: z.enum(['en', 'es']),
  turns: z.array(z.strictObject({ text: z.string(), expect: expectSchema })).min(1),
});
export type Conversation = z.infer<typeof conversationSchema>;
export type TurnExpectation = z.infer<typeof expectSchema>;

export function readConversations(file: string): Conversation[] {
  return readJsonl(file, conversationSchema, 'conversation');
}

export interface TurnResult {
  readonly conversation: string;
  readonly channel: Conversation['channel'];
  readonly text: string;
  readonly expect: TurnExpectation;
  /** The first reply's trace, or null when nothing was sent. */
  readonly got: ReachTrace | null;
  readonly right: boolean;
  readonly danger: boolean;
}

/** Whether a turn's first reply (or its silence) is what the conversation expects. */
export function turnMatches(expect: TurnExpectation, got: ReachTrace | null): boolean {
  if (expect.silent) return got === null;
  if (!got) return false;
  if (expect.locale && got.locale !== expect.locale) return false;
  if (expect.kind && got.kind !== expect.kind) return false;
  const topics = expect.topics ?? (expect.topic ? [expect.topic] : []);
  if (topics.length > 0 && !(got.topic && topics.includes(got.topic))) return false;
  if (expect.reason && got.reason !== expect.reason) return false;
  if (expect.notice && got.reason !== expect.notice) return false;
  return true;
}

/** Play every conversation through a fresh bot on its channel, turn by turn, as the channel would. */
export async function playConversations(conversations: readonly Conversation[], knowledge: KnowledgeStore): Promise<TurnResult[]> {
  const out: TurnResult[] = [];
  for (const c of conversations) {
    const bot = new ReachBot({
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      knowledge,
      conversationState: new ConversationState(new MemoryStorage()),
      i18n: createI18n(),
      logger: createLogger('silent'),
    });
    const adapter = new TestAdapter((context) => bot.run(context), {
      channelId: c.channel,
      conversation: { id: `eval-${c.id}`, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: `person-${c.id}`, name: '' },
      recipient: { id: 'reach', name: 'Reach' },
      serviceUrl: 'http://127.0.0.1:9',
    });
    for (const turn of c.turns) {
      adapter.activeQueue.splice(0);
      await adapter.receiveActivity({ type: 'message', text: turn.text });
      const replies = adapter.activeQueue.splice(0).filter((a: Partial<Activity>) => a.type === 'message');
      const reach = (replies[0]?.channelData as { reach?: ReachTrace } | undefined)?.reach ?? null;
      out.push({
        conversation: c.id,
        channel: c.channel,
        text: turn.text,
        expect: turn.expect,
        got: reach,
        right: turnMatches(turn.expect, reach),
        danger: turn.expect.kind === 'handoff' && turn.expect.reason === 'danger',
      });
    }
  }
  return out;
}

export interface ConversationMetrics {
  readonly conversations: number;
  readonly turns: number;
  readonly turnAccuracy: number;
  readonly wholeAccuracy: number;
  readonly dangerTurns: number;
  readonly dangerHandedOff: number;
}

export function conversationMetrics(results: readonly TurnResult[]): ConversationMetrics {
  const ids = [...new Set(results.map((r) => r.conversation))];
  const whole = ids.filter((id) => results.filter((r) => r.conversation === id).every((r) => r.right)).length;
  const danger = results.filter((r) => r.danger);
  const ratio = (n: number, d: number) => (d === 0 ? 1 : Math.round((n / d) * 1000) / 1000);
  return {
    conversations: ids.length,
    turns: results.length,
    turnAccuracy: ratio(results.filter((r) => r.right).length, results.length),
    wholeAccuracy: ratio(whole, ids.length),
    dangerTurns: danger.length,
    dangerHandedOff: danger.filter((r) => r.right).length,
  };
}
