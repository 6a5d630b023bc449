import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { ReachBot } from '../../src/bot/reachBot';
import type { ReachTrace } from '../../src/bot/replies';
import { loadConfig } from '../../src/config';
import { createI18n } from '../../src/i18n';
import { KnowledgeStore } from '../../src/knowledge/store';
import { createLogger } from '../../src/log';
import { KNOWLEDGE_DIR } from './fixtures';

let shared: Promise<KnowledgeStore> | null = null;
/** The real knowledge base, loaded once per test file (it is read-only here). */
export function realKnowledge(): Promise<KnowledgeStore> {
  shared ??= KnowledgeStore.open(KNOWLEDGE_DIR, undefined, { modelCache: loadConfig({}).TOPIC_MODEL_CACHE });
  return shared;
}

/** A fresh bot, state and adapter for one conversation. */
export async function newConversation(env: Record<string, string> = {}): Promise<TestAdapter> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const bot = new ReachBot({
    config,
    knowledge: await realKnowledge(),
    conversationState: new ConversationState(new MemoryStorage()),
    i18n: createI18n(),
    logger: createLogger('silent'),
  });
  return new TestAdapter((context) => bot.run(context));
}

export function trace(activity: Partial<Activity>): ReachTrace {
  return (activity.channelData as { reach: ReachTrace }).reach;
}

export const isMessage = (a: Partial<Activity>) => a.type === ActivityTypes.Message;
