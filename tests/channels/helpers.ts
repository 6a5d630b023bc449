import { ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { ReachBot } from '../../src/bot/reachBot';
import type { ReachTrace } from '../../src/bot/replies';
import { loadConfig } from '../../src/config';
import { createI18n } from '../../src/i18n';
import type { KnowledgeStore } from '../../src/knowledge/store';
import { createLogger } from '../../src/log';
import type { OptOutStore } from '../../src/state/optOuts';
import { realKnowledge } from '../helpers/bot';

export interface ChannelChat {
  readonly adapter: TestAdapter;
  /** Send one message (or activity) and return everything the bot sent back for it, in order. */
  say(message: string | Partial<Activity>): Promise<Partial<Activity>[]>;
}

export interface ChatOptions {
  /** State and opt-outs shared with the test (default: fresh, in memory). */
  readonly conversationState?: ConversationState;
  readonly optOuts?: OptOutStore;
  /** The sender id the channel gives (a phone number on SMS). */
  readonly from?: string;
}

/** A fresh bot and conversation on one channel, as that channel would deliver it. */
export async function chatOn(
  channelId: string,
  env: Record<string, string> = {},
  knowledge?: KnowledgeStore,
  options: ChatOptions = {},
): Promise<ChannelChat> {
  const bot = new ReachBot({
    config: loadConfig({ LOG_LEVEL: 'silent', ...env }),
    knowledge: knowledge ?? (await realKnowledge()),
    conversationState: options.conversationState ?? new ConversationState(new MemoryStorage()),
    i18n: createI18n(),
    logger: createLogger('silent'),
    optOuts: options.optOuts,
  });
  const adapter = new TestAdapter((context) => bot.run(context), {
    channelId,
    conversation: { id: `conv-${channelId}`, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: options.from ?? 'person', name: '' },
    recipient: { id: 'reach', name: 'Reach' },
    serviceUrl: 'http://127.0.0.1:9',
  });
  return {
    adapter,
    async say(message) {
      adapter.activeQueue.splice(0);
      await adapter.receiveActivity(
        typeof message === 'string' ? { type: 'message', text: message } : message,
      );
      return adapter.activeQueue.splice(0);
    },
  };
}

export const messages = (activities: Partial<Activity>[]) => activities.filter((a) => a.type === 'message');

export function traceOf(activity: Partial<Activity>): ReachTrace {
  return (activity.channelData as { reach: ReachTrace }).reach;
}
