import {
  ActivityHandler,
  EventFactory,
  type Activity,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { menuOf, pickFromMenu } from '../channels/choices';
import { channelLocale, profileFor, type ChannelProfile } from '../channels/profiles';
import { toActivities as toChannelActivities } from '../channels/render';
import { isMore } from '../channels/short';
import { shapeTextTurn } from '../channels/textTurn';
import { endOfSkillTurn, isAllowedCaller, skillCaller } from '../channels/skill';
import type { Config } from '../config';
import type { createI18n } from '../i18n';
import type { KnowledgeStore } from '../knowledge/store';
import type { Locale } from '../knowledge/schema';
import { opaqueId, type Logger } from '../log';
import { ERROR_CODES } from '../errors';
import { memoryOptOuts, type OptOutStore } from '../state/optOuts';
import { StatefulTurns } from '../state/turn';
import { decide, EMPTY_MEMORY, type Memory, type Outcome } from './decide';
import { buildReplies, type Reply } from './replies';

/** Longest message read; the rest is cut before anything looks at it. */
export const MAX_TEXT = 2000;

export interface BotDeps {
  readonly config: Config;
  readonly knowledge: KnowledgeStore;
  readonly conversationState: ConversationState;
  readonly i18n: ReturnType<typeof createI18n>;
  readonly logger: Logger;
  /** Who texted STOP/ALTO, kept past the conversation's state (default: in this process's memory). */
  readonly optOuts?: OptOutStore;
}

/** The channel's profile with the configuration applied (SMS_GSM7). */
function channelProfile(channelId: string | undefined, config: Config): ChannelProfile {
  const profile = profileFor(channelId);
  return profile.gsm && config.SMS_GSM7 === 'off' ? { ...profile, gsm: false } : profile;
}

// Replies as the activities the turn's channel can show, each part carrying the trace in channelData.reach.
function toActivities(
  context: TurnContext,
  replies: readonly Reply[],
  i18n: BotDeps['i18n'],
  config: Config,
): Partial<Activity>[] {
  const profile = channelProfile(context.activity.channelId, config);
  const userId = context.activity.from?.id;
  return replies.flatMap((r) => toChannelActivities(r, { profile, t: i18n.t(r.trace.locale), userId }));
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
  private readonly optOuts: OptOutStore;

  constructor(private readonly deps: BotDeps) {
    super();
    this.optOuts = deps.optOuts ?? memoryOptOuts();
    this.memory = deps.conversationState.createProperty<Memory>('reach');
    this.turns = new StatefulTurns(deps.conversationState, this.memory, EMPTY_MEMORY);

    // A skill call from a bot not in ALLOWED_CALLERS gets nothing, whatever the adapter let through.
    this.onTurn(async (context, next) => {
      const caller = skillCaller(context);
      if (caller !== null && !isAllowedCaller(caller, deps.config)) {
        deps.logger.warn({ event: 'skill.refused', channel: context.activity.channelId }, 'skill call refused');
        return;
      }
      await next();
    });

    // The caller (or the channel) ended the conversation: forget what it remembered.
    this.onEndOfConversation(async (context, next) => {
      await this.turns.run(context, () => ({ result: null, memory: null }));
      await next();
    });

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
    const first = channelLocale(config.CHANNEL_LOCALES, context.activity.channelId);
    const locale: Locale = first ?? hint ?? config.DEFAULT_LOCALE;
    const profile = profileFor(context.activity.channelId);
    // Someone who texted STOP is not greeted, whatever the channel announces.
    const sender = profile.keywords ? context.activity.from?.id : undefined;
    if (sender && (await this.optOuts.isStopped(context.activity.channelId, sender))) return;
    const replies = buildReplies({ kind: 'greeting' }, locale, knowledge.current().base, i18n.t(locale), {
      short: profile.short,
    });
    if (profile.choices === 'numbered') {
      // The menu is numbered here: keep it, so that a reply of "2" picks its second topic. The short
      // greeting carries the first-contact line.
      const lastMenu = menuOf(replies);
      const welcomed = profile.short || undefined;
      await this.turns.run(context, (memory) => ({ result: null, memory: { ...memory, lastMenu, welcomed } }));
    }
    await context.sendActivities(toActivities(context, replies, i18n, config));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const started = Date.now();
    const { knowledge, i18n, config, logger } = this.deps;
    const live = knowledge.current();
    const activity = context.activity;
    const text = typeof activity.text === 'string' ? activity.text.slice(0, MAX_TEXT) : '';
    const caller = skillCaller(context);
    // A channel with a configured first language (sms:es) outranks the locale channels stamp on activities.
    const firstLocale = channelLocale(config.CHANNEL_LOCALES, activity.channelId);
    const profile = profileFor(activity.channelId);
    // Carrier keywords belong to whoever owns the channel: not to Reach when another bot calls it.
    const keywords = profile.keywords && caller === null;
    const sender = keywords ? activity.from?.id : undefined;
    // An opt-out outlives the conversation's state: it is kept apart, until START.
    const optedOut = sender ? await this.optOuts.isStopped(activity.channelId, sender) : false;
    // Degraded mode: if storage fails or is slow, the decision is made without memory and still sent.
    const { result, stateless } = await this.turns.run(context, (stored) => {
      const memory: Memory = optedOut ? { ...stored, silenced: true } : stored;
      const more = profile.short && memory.more && !memory.silenced && isMore(text) ? memory.more : undefined;
      const made = decide(
        {
          text,
          // A tapped choice, "2" / "dos" for the second choice of the last menu, or MORE for the rest.
          topic: topicOf(activity.value) ?? pickFromMenu(text, memory.lastMenu) ?? more?.topic,
          hintLocale: firstLocale ? undefined : activity.locale,
          defaultLocale: firstLocale ?? config.DEFAULT_LOCALE,
          memory,
          keywords,
        },
        live,
      );
      const built = buildReplies(made.outcome, made.locale, live.base, i18n.t(made.locale), {
        caution: made.caution,
        context: made.context,
        short: profile.short,
        carrier: profile.carrier,
        stopped: memory.silenced === true && keywords,
      });
      const page = more && made.outcome.kind === 'answer' && made.outcome.topic === more.topic ? more.page : 0;
      const shaped = shapeTextTurn({
        profile,
        text,
        before: memory,
        decision: made,
        replies: built,
        base: live.base,
        t: (locale) => i18n.t(locale),
        channelDefault: firstLocale !== undefined,
        page,
      });
      // Remember the choices just offered; a silent turn (after STOP) changes nothing.
      const kept =
        shaped.memory && shaped.replies.length > 0 ? { ...shaped.memory, lastMenu: menuOf(shaped.replies) } : shaped.memory;
      return { result: { decision: made, replies: shaped.replies }, memory: kept };
    });
    const { decision, replies } = result;
    if (sender) await this.keepOptOut(activity.channelId, sender, decision.outcome);

    // After STOP a turn may have nothing to say: then nothing at all is sent.
    if (replies.length > 0) await context.sendActivities(toActivities(context, replies, i18n, config));
    if (decision.outcome.kind === 'handoff') {
      // No transcript: the contact centre gets the reason and the language, nothing the person wrote.
      const handoff = EventFactory.createHandoffInitiation(context, {
        reason: decision.outcome.reason,
        locale: decision.locale,
      });
      await context.sendActivity(handoff);
    }
    // Called as a skill: hand the conversation back with the outcome (the first reply's trace).
    if (caller !== null) await context.sendActivity(endOfSkillTurn(replies[0]?.trace));
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

  /** STOP is kept and START forgets it, before the confirmation goes out. */
  private async keepOptOut(channelId: string, sender: string, outcome: Outcome): Promise<void> {
    if (outcome.kind !== 'notice' || (outcome.notice !== 'stopped' && outcome.notice !== 'resumed')) return;
    try {
      if (outcome.notice === 'stopped') await this.optOuts.stop(channelId, sender);
      else await this.optOuts.resume(channelId, sender);
    } catch {
      // Conversation state still holds the silence until it expires; the log says it was not kept.
      this.deps.logger.warn({ code: ERROR_CODES.STATE_UNAVAILABLE, event: 'optout.unsaved' }, 'opt-out not kept');
    }
  }
}
