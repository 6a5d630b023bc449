import type { Decision, Memory } from '../bot/decide';
import { bilingualOpener, firstContactLine, type Reply } from '../bot/replies';
import type { Translate } from '../i18n';
import type { KnowledgeBase } from '../knowledge/load';
import type { Locale } from '../knowledge/schema';
import type { ChannelProfile } from './profiles';
import { answerPage } from './short';

export interface TextTurn {
  readonly profile: ChannelProfile;
  /** The message, only to see whether it shows a language; it is not kept. */
  readonly text: string;
  /** The memory the turn was decided on (with the kept opt-out folded in as `silenced`). */
  readonly before: Memory;
  readonly decision: Decision;
  readonly replies: readonly Reply[];
  readonly base: KnowledgeBase;
  readonly t: (locale: Locale) => Translate;
  /** CHANNEL_LOCALES names a first language for this channel. */
  readonly channelDefault: boolean;
  /** The part of the answer asked for with MORE (0: the first). */
  readonly page: number;
}

export interface ShapedTurn {
  readonly replies: Reply[];
  readonly memory: Memory | null;
}

/** Outcomes that say nothing a person asked for yet (an "ok" or a 👍 included): a bilingual opener may stand in for them. */
const OPENERS = new Set<Decision['outcome']['kind']>(['greeting', 'menu', 'fallback', 'suggestions', 'small-talk']);

/**
 * A turn's replies as a text channel (SMS, WhatsApp) sends them: answers in their short form with MORE
 * for the rest; the first reply of a conversation with the line saying it is not saved and how to stop;
 * and a short bilingual opener when the first message shows no language.
 */
export function shapeTextTurn(turn: TextTurn): ShapedTurn {
  const { profile, before, decision } = turn;
  const replies = [...turn.replies];
  let memory = decision.memory;
  if (!profile.short || replies.length === 0) return { replies, memory };
  const kind = decision.outcome.kind;
  const stopped = before.silenced === true;

  // A new conversation: no state, or its state expired. The opted-out only get safety and HELP.
  const fresh = !before.welcomed && !stopped && kind !== 'notice';
  if (fresh && !turn.channelDefault && !before.locale && OPENERS.has(kind) && !decision.shown) {
    const opener = bilingualOpener(turn.base, turn.t('es'), turn.t('en'), { menu: kind === 'menu' });
    // No language is remembered: the next message decides it.
    return { replies: [opener], memory: memory && { ...memory, locale: undefined, welcomed: true, more: undefined } };
  }

  const t = turn.t(decision.locale);
  const line = fresh && kind !== 'greeting' ? [firstContactLine(t)] : [];
  let more: Memory['more'];
  const first = replies[0] as Reply;
  if (decision.outcome.kind === 'answer' && first.trace.kind === 'answer') {
    const { reply, pages } = answerPage(first, { t, page: turn.page, footer: line });
    replies[0] = reply;
    const next = turn.page + 1;
    if (next < pages) more = { topic: decision.outcome.topic, page: next };
  } else if (line.length > 0) {
    replies[0] = { ...first, text: `${first.text}\n\n${line[0]}` };
  }
  if (memory) memory = { ...memory, more, welcomed: before.welcomed || fresh || undefined };
  return { replies, memory };
}
