import { ActivityTypes, CardFactory, type Activity, type CardAction } from 'botbuilder';
import type { Reply } from '../bot/replies';
import type { Translate } from '../i18n';
import { numberedChoices } from './choices';
import { toGsm7 } from './gsm';
import { phoneFriendly } from './phones';
import { toPlainText } from './plain';
import type { ChannelProfile } from './profiles';
import { splitText } from './split';

export interface RenderOptions {
  readonly profile: ChannelProfile;
  /** Interface strings in the reply's language (the numbered-choice prompt). */
  readonly t: Translate;
  /** Suggested actions are addressed to the person who wrote. */
  readonly userId?: string;
}

function message(text: string, reply: Reply, format: 'markdown' | 'plain'): Partial<Activity> {
  // Every part carries the answer trace; the first part of a turn's first reply is its outcome.
  return { type: ActivityTypes.Message, text, textFormat: format, channelData: { reach: reply.trace } };
}

function topicActions(reply: Reply): CardAction[] {
  return reply.choices.map((c) => ({
    type: 'messageBack',
    title: c.title,
    text: c.title,
    displayText: c.title,
    value: { topic: c.topic },
  }));
}

function rich(reply: Reply, { profile, userId }: RenderOptions): Partial<Activity>[] {
  const parts = splitText(reply.text, profile.maxLength).map((p) => message(p, reply, 'markdown'));
  const last = parts[parts.length - 1] as Partial<Activity>;
  if (reply.choices.length > 0 && profile.choices === 'card') {
    last.attachments = [CardFactory.heroCard('', undefined, topicActions(reply))];
  } else if (reply.choices.length > 0) {
    last.suggestedActions = { actions: topicActions(reply), to: userId ? [userId] : [] };
  }
  return parts;
}

function plain(reply: Reply, { profile, t, userId }: RenderOptions): Partial<Activity>[] {
  const clean = (s: string) => (profile.gsm ? toGsm7(s) : s);
  const parts = splitText(clean(phoneFriendly(toPlainText(reply.text))), profile.maxLength);
  if (reply.choices.length > 0) {
    // The numbered list stays in one piece, under the text when it fits there.
    const menu = clean(numberedChoices(reply.choices, t));
    const lastIndex = parts.length - 1;
    const joined = `${parts[lastIndex] ?? ''}\n\n${menu}`.trim();
    if (joined.length <= profile.maxLength) parts[lastIndex] = joined;
    else parts.push(...splitText(menu, profile.maxLength));
  }
  const activities = parts.map((p) => message(p, reply, 'plain'));
  const last = activities[activities.length - 1] as Partial<Activity>;
  if (reply.choices.length > 0 && profile.numberButtons) {
    const actions: CardAction[] = reply.choices.map((_c, i) => ({
      type: 'imBack',
      title: String(i + 1),
      value: String(i + 1),
    }));
    last.suggestedActions = { actions, to: userId ? [userId] : [] };
  }
  return activities;
}

/**
 * One reply as the messages a channel can show: markdown with buttons where it renders, plain text with
 * numbered choices where it does not, split into parts no longer than the channel accepts.
 */
export function toActivities(reply: Reply, options: RenderOptions): Partial<Activity>[] {
  const activities = options.profile.markdown ? rich(reply, options) : plain(reply, options);
  const first = activities[0];
  if (reply.important && first) first.importance = 'high';
  return activities;
}
