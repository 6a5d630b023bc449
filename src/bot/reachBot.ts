import {
  ActivityHandler,
  ActivityTypes,
  EventFactory,
  type Activity,
  type CardAction,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config';
import type { createI18n } from '../i18n';
import type { KnowledgeStore } from '../knowledge/store';
import type { Locale } from '../knowledge/schema';
import { opaqueId, type Logger } from '../log';
import { StatefulTurns } from '../state/turn';
import { decide, EMPTY_MEMORY, type Memory } from './decide';
import { buildReplies, type Reply } from './replies';

/** Longest message read; the rest is cut before anything looks at it. */
export const MAX_TEXT = 2000;

export interface BotDeps {
  readonly config: Config;
  readonly knowledge: KnowledgeStore;
  readonly conversationState: ConversationState;
  readonly i18n: ReturnType<typeof createI18n>;
  readonly logger: Logger;
}

/** Turn a reply into a Bot Framework message activity carrying the answer trace. */
export function toActivity(reply: Reply, userId?: string): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text: reply.text,
    textFormat: 'markdown',
    channelData: { reach: reply.trace },
  };
  if (reply.important) activity.importance = 'high';
  if (reply.choices.length > 0) {
    const actions: CardAction[] = reply.choices.map((c) => ({
      type: 'messageBack',
      title: c.title,
      text: c.title,
      displayText: c.title,
      value: { topic: c.topic },
    }));
    activity.suggestedActions = { actions, to: userId ? [userId] : [] };
  }
  return activity;
}

function topicOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'topic' in value) {
    const topic = (value as { topic: unknown }).topic;
    if (typeof topic === 'string' && topic.length < 100) return topic;
  }
  return undefined;
}

/**
 * Routes activities only: every decision is made by `decide` and every text by `buildReplies`.
 * Memory is saved before replies go out, so a reply never promises what was not kept.
 */
export class ReachBot extends ActivityHandler {
  private readonly memory: StatePropertyAccessor<Memory>;
  private readonly turns: StatefulTurns<Memory>;

  constructor(private readonly deps: BotDeps) {
    super();
    this.memory = deps.conversationState.createProperty<Memory>('reach');
    this.turns = new StatefulTurns(deps.conversationState, this.memory, EMPTY_MEMORY);

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (newcomers.length > 0) await this.greet(context);
      await next();
    });
  }

  private async greet(context: TurnContext): Promise<void> {
    const { knowledge, i18n, config } = this.deps;
    const hint = context.activity.locale?.toLowerCase().startsWith('es') ? 'es' : undefined;
    const locale: Locale = hint ?? config.DEFAULT_LOCALE;
    const replies = buildReplies({ kind: 'greeting' }, locale, knowledge.current().base, i18n.t(locale));
    await context.sendActivities(replies.map((r) => toActivity(r, context.activity.from?.id)));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const started = Date.now();
    const { knowledge, i18n, config, logger } = this.deps;
    const live = knowledge.current();
    const activity = context.activity;
    const text = typeof activity.text === 'string' ? activity.text.slice(0, MAX_TEXT) : '';
    // Degraded mode: if storage fails or is slow, the decision is made without memory and still sent.
    const { result: decision, stateless } = await this.turns.run(context, (memory) => {
      const made = decide(
        { text, topic: topicOf(activity.value), hintLocale: activity.locale, defaultLocale: config.DEFAULT_LOCALE, memory },
        live.index,
      );
      return { result: made, memory: made.memory };
    });

    const replies = buildReplies(decision.outcome, decision.locale, live.base, i18n.t(decision.locale), {
      caution: decision.caution,
    });
    await context.sendActivities(replies.map((r) => toActivity(r, activity.from?.id)));
    if (decision.outcome.kind === 'handoff') {
      // No transcript: the contact centre gets the reason and the language, nothing the person wrote.
      const handoff = EventFactory.createHandoffInitiation(context, {
        reason: decision.outcome.reason,
        locale: decision.locale,
      });
      await context.sendActivity(handoff);
    }
    const outcome = decision.outcome;
    logger.info(
      {
        conv: opaqueId(activity.conversation?.id ?? ''),
        channel: activity.channelId,
        kind: outcome.kind,
        topic: outcome.kind === 'answer' ? outcome.topic : undefined,
        reason: outcome.kind === 'handoff' ? outcome.reason : undefined,
        locale: decision.locale,
        stateless: stateless || undefined,
        ms: Date.now() - started,
      },
      'turn',
    );
  }
}
