import type { Translate } from '../i18n';
import type { KnowledgeBase } from '../knowledge/load';
import { hotlineValues, renderAnswer } from '../knowledge/render';
import type { Locale } from '../knowledge/schema';
import type { Caution, Outcome } from './decide';

/** The answer trace every reply carries in `channelData.reach` (a contract: keep it stable). */
export interface ReachTrace {
  readonly kind: Outcome['kind'];
  readonly locale: Locale;
  readonly topic?: string;
  readonly topics?: readonly string[];
  readonly reason?: string;
  readonly confidence?: number;
  /** The line put first above the reply: 911 (`danger`), 988 (`self-harm`) or the hotline (`hotline`). */
  readonly caution?: Caution;
  /** True when the previous topic decided the outcome (a follow-up). */
  readonly context?: true;
}

export interface Choice {
  readonly topic: string;
  readonly title: string;
}

/** A reply as data, before it becomes a Bot Framework activity for a given channel. */
export interface Reply {
  readonly text: string;
  readonly choices: readonly Choice[];
  readonly trace: ReachTrace;
  /** Handoff replies stand out where the channel can show it. */
  readonly important?: boolean;
}

/** Topics of the main menu, with the interface string that labels each. */
export const MENU_TOPICS = [
  ['signs.general', 'menu.signs'],
  ['rights.general', 'menu.rights'],
  ['help.hotline', 'menu.hotline'],
  ['rights.workers', 'menu.workers'],
  ['rights.t-visa', 'menu.tvisa'],
  ['safety.device-privacy', 'menu.safety'],
] as const;

/** Offered under the danger handoff: planning and leaving safely, and keeping the phone private. */
const SAFETY_TOPICS = ['safety.planning', 'safety.leaving', 'safety.device-privacy'] as const;

function menuChoices(base: KnowledgeBase, t: Translate): Choice[] {
  const known = new Set(base.entries.map((e) => e.id));
  return MENU_TOPICS.filter(([id]) => known.has(id)).map(([topic, key]) => ({ topic, title: t(key) }));
}

function topicChoices(base: KnowledgeBase, ids: readonly string[], locale: Locale): Choice[] {
  return ids.flatMap((id) => {
    const entry = base.entries.find((e) => e.id === id);
    return entry ? [{ topic: id, title: entry[locale].title }] : [];
  });
}

/**
 * The replies for one decision. The first reply carries the turn's outcome in its trace; a handoff
 * always starts with 911 (danger) or the line the person needs.
 */
export function buildReplies(
  outcome: Outcome,
  locale: Locale,
  base: KnowledgeBase,
  t: Translate,
  options: { caution?: Caution; context?: true } = {},
): Reply[] {
  const built = repliesFor(outcome, locale, base, t);
  const replies = options.context && built[0] ? [{ ...built[0], trace: { ...built[0].trace, context: true as const } }, ...built.slice(1)] : built;
  const first = replies[0];
  if (!options.caution || !first || outcome.kind === 'handoff') return replies;
  // A sign of harm or a situation described: its line goes first, above the answer, and the trace says which.
  const key = options.caution === 'self-harm' ? 'handoff.selfHarmFirst' : options.caution === 'hotline' ? 'handoff.hotlineFirst' : 'handoff.emergencyFirst';
  const line = t(key, hotlineValues(base.contacts));
  return [{ ...first, text: `${line}\n\n${first.text}`, trace: { ...first.trace, caution: options.caution } }, ...replies.slice(1)];
}

function repliesFor(outcome: Outcome, locale: Locale, base: KnowledgeBase, t: Translate): Reply[] {
  const v = hotlineValues(base.contacts);
  const trace = { kind: outcome.kind, locale } as const;
  switch (outcome.kind) {
    case 'handoff': {
      const withReason = { ...trace, reason: outcome.reason };
      if (outcome.reason === 'danger') {
        const lines = [t('handoff.danger', v), t('handoff.dangerHotline', v)];
        if (outcome.partner && v.dvCall) lines.push(t('handoff.dangerPartner', v));
        const text = [...lines, t('handoff.dangerSafety')].join('\n\n');
        // Safety first, but what the person may have been asking about stays one tap away.
        return [{ text, choices: topicChoices(base, SAFETY_TOPICS, locale), trace: withReason, important: true }];
      }
      if (outcome.reason === 'self-harm') {
        const text = [t('handoff.selfHarm'), t('handoff.selfHarmLine', v), t('handoff.selfHarmDanger', v)].join('\n\n');
        return [{ text, choices: [], trace: withReason, important: true }];
      }
      if (outcome.reason === 'human') {
        const text = [t('handoff.human', v), t('handoff.emergencyFirst', v)].join('\n\n');
        return [{ text, choices: [], trace: withReason, important: true }];
      }
      const text = [t('handoff.misses', v), t('handoff.emergencyFirst', v)].join('\n\n');
      return [{ text, choices: menuChoices(base, t), trace: withReason, important: true }];
    }
    case 'answer': {
      const entry = base.entries.find((e) => e.id === outcome.topic);
      if (!entry) return repliesFor({ kind: 'fallback', confidence: 0 }, locale, base, t);
      const text = `**${entry[locale].title}**\n\n${renderAnswer(entry, locale, base.contacts, t)}`;
      return [
        {
          text,
          // A near-tie's runner-up is offered first: it may be what the person meant.
          choices: topicChoices(base, [...new Set([...(outcome.runnerUp ? [outcome.runnerUp] : []), ...entry.related])], locale),
          trace: { ...trace, topic: entry.id, confidence: outcome.confidence },
        },
      ];
    }
    case 'suggestions':
      return [
        {
          text: t('suggestions.intro'),
          choices: topicChoices(base, outcome.topics, locale),
          trace: { ...trace, topics: outcome.topics, confidence: outcome.confidence },
        },
      ];
    case 'fallback':
      return [
        {
          text: [t('fallback.text'), t('menu.title'), t('fallback.hotline', v)].join('\n\n'),
          choices: menuChoices(base, t),
          trace: { ...trace, confidence: outcome.confidence },
        },
      ];
    case 'greeting':
      return [
        {
          text: [t('greeting.intro'), t('greeting.privacy'), t('greeting.hotline', v), t('greeting.prompt')].join('\n\n'),
          choices: menuChoices(base, t),
          trace,
        },
      ];
    case 'out-of-scope':
      return [
        {
          text: [t('outOfScope.text'), t('menu.title')].join('\n\n'),
          choices: menuChoices(base, t),
          trace: { ...trace, confidence: outcome.confidence },
        },
      ];
    case 'small-talk': {
      const text = t(`talk.${outcome.talk}`, v);
      // A goodbye needs no menu; thanks, an "ok" and "who are you" leave the topics one tap away.
      return [{ text, choices: outcome.talk === 'bye' ? [] : menuChoices(base, t), trace: { ...trace, confidence: outcome.confidence } }];
    }
    case 'menu':
      return [{ text: [t('menu.title'), t('greeting.hotline', v)].join('\n\n'), choices: menuChoices(base, t), trace }];
    case 'language':
      return [
        { text: [t('language.switched'), t('greeting.prompt')].join('\n\n'), choices: menuChoices(base, t), trace },
      ];
    case 'notice':
      if (outcome.notice === 'silenced') return [];
      if (outcome.notice === 'deleted') return [{ text: t('privacy.deleted'), choices: [], trace: { ...trace, reason: 'deleted' } }];
      return [{ text: t(`sms.${outcome.notice}`, v), choices: [], trace: { ...trace, reason: outcome.notice } }];
  }
}
