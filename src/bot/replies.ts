import type { Translate } from '../i18n';
import type { KnowledgeBase } from '../knowledge/load';
import { hotlineValues, renderAnswer } from '../knowledge/render';
import type { Contact, Entry, Locale } from '../knowledge/schema';
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
  /** An answer's contact in one short line, for the short form text channels send (channels/short.ts). */
  readonly contact?: string;
}

export interface ReplyOptions {
  /** A line above the reply: 911 (`danger`), 988 (`self-harm`) or the hotline for a situation told (`hotline`). */
  readonly caution?: Caution;
  /** The previous topic decided the outcome: the trace says so. */
  readonly context?: true;
  /** A text channel (SMS, WhatsApp), where every message costs: the short greeting. */
  readonly short?: boolean;
  /** An SMS carrier channel: its HELP reply carries the carrier's rates line. */
  readonly carrier?: boolean;
  /**
   * The person texted STOP: a safety handoff offers no numbered choices (a number would only get
   * silence back) and does not invite them to keep writing.
   */
  readonly stopped?: boolean;
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
  options: ReplyOptions = {},
): Reply[] {
  const built = repliesFor(outcome, locale, base, t, options);
  const replies = options.context && built[0] ? [{ ...built[0], trace: { ...built[0].trace, context: true as const } }, ...built.slice(1)] : built;
  const first = replies[0];
  if (!options.caution || !first || outcome.kind === 'handoff') return replies;
  // A sign of harm or a situation described: its line goes first, above the answer, and the trace says which.
  const key = options.caution === 'self-harm' ? 'handoff.selfHarmFirst' : options.caution === 'hotline' ? 'handoff.hotlineFirst' : 'handoff.emergencyFirst';
  const line = t(key, hotlineValues(base.contacts));
  return [{ ...first, text: `${line}\n\n${first.text}`, trace: { ...first.trace, caution: options.caution } }, ...replies.slice(1)];
}

/**
 * A contact in one line, as short as a text message wants it: "National Human Trafficking Hotline:
 * 1-888-373-7888, text 233733". Numbers come from contacts.yaml.
 */
export function shortContact(contact: Contact, locale: Locale, t: Translate): string {
  const ways: string[] = [];
  if (contact.call) ways.push(contact.call);
  if (contact.text && contact.text !== contact.call) {
    ways.push(
      contact.textKeyword
        ? t('text.textKeyword', { keyword: contact.textKeyword, number: contact.text })
        : t('text.text', { number: contact.text }),
    );
  }
  if (ways.length === 0 && contact.web) ways.push(contact.web);
  return t('text.contact', { name: contact.name[locale], ways: ways.join(', ') });
}

/** The contact an answer names first (`{{contact:id}}`), or the hotline when it names none. */
function answerContact(entry: Entry, locale: Locale, base: KnowledgeBase, t: Translate): string | undefined {
  const named = [...entry[locale].answer.matchAll(/\{\{\s*contact:([a-z0-9-]+)\s*\}\}/g)]
    .map((m) => base.contacts.get(m[1] ?? ''))
    .find((c): c is Contact => c !== undefined && c.id !== 'emergency');
  const contact = named ?? base.contacts.get('nhth');
  return contact ? shortContact(contact, locale, t) : undefined;
}

/** The line a text channel's first reply carries: nothing is saved, and how to stop and get help. */
export function firstContactLine(t: Translate): string {
  return t('text.firstContact');
}

/**
 * The first reply when the first message shows no language and the channel has no default: short, in
 * both languages, with 911, the hotline and how to stop. The next message decides the language.
 */
export function bilingualOpener(base: KnowledgeBase, es: Translate, en: Translate, options: { readonly menu?: boolean } = {}): Reply {
  const v = hotlineValues(base.contacts);
  const text = [es('text.opener'), en('text.opener'), es('text.openerBoth', v)].join('\n\n');
  if (!options.menu) return { text, choices: [], trace: { kind: 'greeting', locale: 'es' } };
  // A bare "1" or "sí" opened the conversation: the menu, numbered, in both languages, so that the
  // next number picks a topic whichever language the person reads.
  const english = new Map(menuChoices(base, en).map((c) => [c.topic, c.title]));
  const choices = menuChoices(base, es).map((c) => ({ topic: c.topic, title: `${c.title} / ${english.get(c.topic) ?? c.title}` }));
  return { text, choices, trace: { kind: 'menu', locale: 'en' } };
}

function repliesFor(
  outcome: Outcome,
  locale: Locale,
  base: KnowledgeBase,
  t: Translate,
  options: ReplyOptions,
): Reply[] {
  const v = hotlineValues(base.contacts);
  const trace = { kind: outcome.kind, locale } as const;
  switch (outcome.kind) {
    case 'handoff': {
      const withReason = { ...trace, reason: outcome.reason };
      if (outcome.reason === 'danger') {
        const lines = [t('handoff.danger', v), t('handoff.dangerHotline', v)];
        if (outcome.partner && v.dvCall) lines.push(t('handoff.dangerPartner', v));
        const text = [...lines, t(options.stopped ? 'text.deleteAfter' : 'handoff.dangerSafety')].join('\n\n');
        // Safety first, but what the person may have been asking about stays one tap away.
        const choices = options.stopped ? [] : topicChoices(base, SAFETY_TOPICS, locale);
        return [{ text, choices, trace: withReason, important: true }];
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
      if (!entry) return repliesFor({ kind: 'fallback', confidence: 0 }, locale, base, t, options);
      const text = `**${entry[locale].title}**\n\n${renderAnswer(entry, locale, base.contacts, t)}`;
      return [
        {
          text,
          // A near-tie's runner-up is offered first: it may be what the person meant.
          choices: topicChoices(base, [...new Set([...(outcome.runnerUp ? [outcome.runnerUp] : []), ...entry.related])], locale),
          trace: { ...trace, topic: entry.id, confidence: outcome.confidence },
          contact: answerContact(entry, locale, base, t),
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
      if (options.short) {
        // Three SMS segments at most, menu included: who Reach is, the first-contact line, 911 and the hotline.
        const text = [t('text.greeting'), firstContactLine(t), t('text.hotline', v)].join('\n\n');
        return [{ text, choices: menuChoices(base, t), trace }];
      }
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
      // "Msg & data rates may apply" is an SMS carrier's line, not WhatsApp's.
      if (outcome.notice === 'help' && !options.carrier) return [{ text: t('sms.helpChat', v), choices: [], trace: { ...trace, reason: 'help' } }];
      return [{ text: t(`sms.${outcome.notice}`, v), choices: [], trace: { ...trace, reason: outcome.notice } }];
  }
}
