/**
 * What each channel can show. A reply is built once (src/bot/replies.ts) and rendered per channel from
 * its profile (./render.ts). Channels not listed here get PLAIN: text only, numbered choices, split at
 * the SMS limit — the one form every messaging channel can show.
 */
export interface ChannelProfile {
  /** The profile's name, for logs and tests (`sms`, `webchat`, `plain`…). */
  readonly name: string;
  /** Markdown renders (bold, lists, links); otherwise it is stripped to plain text. */
  readonly markdown: boolean;
  /**
   * How choices reach the person: `actions` = suggested-action buttons that send the topic id;
   * `card` = a hero card whose buttons send the topic id; `numbered` = "1. …" lines and a reply prompt.
   */
  readonly choices: 'actions' | 'card' | 'numbered';
  /** On a numbered channel, also offer the numbers as quick-reply buttons (they send "1", "2"…). */
  readonly numberButtons: boolean;
  /** Most characters one message may hold; longer replies are split into parts. */
  readonly maxLength: number;
  /** Carrier keywords (STOP/ALTO, START, HELP/AYUDA) are honoured. */
  readonly keywords: boolean;
  /**
   * Text goes in the GSM-7 alphabet (./gsm.ts): á í ó ú as a i o u, curly quotes and dashes plain, no
   * emoji. One character outside it makes the whole SMS cost about 2.3 times as much. SMS_GSM7=off
   * turns it off.
   */
  readonly gsm: boolean;
  /**
   * A text channel where every message counts (SMS, WhatsApp): short greeting and answers
   * (./short.ts), the first-contact line, and a bilingual opener when the language is unknown.
   */
  readonly short: boolean;
  /** An SMS carrier channel: its HELP reply ends with the carrier's rates line. */
  readonly carrier: boolean;
}

/** No practical limit: the answer schema keeps answers far below what these clients accept. */
const UNLIMITED = Number.POSITIVE_INFINITY;

/**
 * Twilio (Azure's `sms` channel) and Twilio's WhatsApp sender both refuse a body over 1,600 characters;
 * that is also the unknown-channel limit, so a reply fits wherever it goes.
 */
export const SMS_LIMIT = 1600;

const RICH: ChannelProfile = Object.freeze({
  name: 'webchat',
  markdown: true,
  choices: 'actions',
  numberButtons: false,
  maxLength: UNLIMITED,
  keywords: false,
  gsm: false,
  short: false,
  carrier: false,
});

/** The safest profile: what any channel that shows text can show. */
export const PLAIN: ChannelProfile = Object.freeze({
  name: 'plain',
  markdown: false,
  choices: 'numbered',
  numberButtons: false,
  maxLength: SMS_LIMIT,
  keywords: false,
  gsm: false,
  short: false,
  carrier: false,
});

const SMS: ChannelProfile = Object.freeze({ ...PLAIN, name: 'sms', keywords: true, gsm: true, short: true, carrier: true });

const WHATSAPP: ChannelProfile = Object.freeze({ ...PLAIN, name: 'whatsapp', keywords: true, short: true });

/**
 * Profiles by `activity.channelId`.
 *
 * WhatsApp has no built-in Azure Bot Service channel: it reaches a Bot Framework bot through an adapter
 * that names the channel. `whatsapp` is the Bot Builder Community Twilio WhatsApp adapter (1,600
 * characters, Twilio's limit); `infobip-whatsapp` and `infobip-sms` are the Infobip adapters (WhatsApp
 * takes 4,096 characters; SMS is treated like Twilio's).
 */
export const PROFILES: Readonly<Record<string, ChannelProfile>> = Object.freeze({
  // Numbers are not linked here: the chat page makes them tappable itself (public/markdown.js).
  webchat: RICH,
  // The chat page in production comes through Azure's Direct Line, as would Web Chat on another site.
  directline: Object.freeze({ ...RICH, name: 'directline' }),
  emulator: Object.freeze({ ...RICH, name: 'emulator' }),
  // botbuilder's TestAdapter (the conversation tests) behaves like the Emulator.
  test: Object.freeze({ ...RICH, name: 'test' }),
  // Teams shows at most three suggested actions and only as imBack, so choices go on a card instead;
  // one message holds about 28 KB.
  msteams: Object.freeze({ ...RICH, name: 'msteams', choices: 'card', maxLength: 12000 }),
  // Messenger shows no markdown and at most 2,000 characters; quick replies carry the numbers.
  facebook: Object.freeze({ ...PLAIN, name: 'facebook', numberButtons: true, maxLength: 2000 }),
  // Telegram's markdown breaks on unbalanced symbols; plain text, up to 4,096 characters, number keyboard.
  telegram: Object.freeze({ ...PLAIN, name: 'telegram', numberButtons: true, maxLength: 4096 }),
  sms: SMS,
  'infobip-sms': Object.freeze({ ...SMS, name: 'infobip-sms' }),
  whatsapp: WHATSAPP,
  'infobip-whatsapp': Object.freeze({ ...WHATSAPP, name: 'infobip-whatsapp', maxLength: 4096 }),
});

/** The profile for a channel id; anything unknown (or missing) gets PLAIN. */
export function profileFor(channelId: string | undefined): ChannelProfile {
  const id = (channelId ?? '').toLowerCase();
  return Object.hasOwn(PROFILES, id) ? (PROFILES[id] as ChannelProfile) : PLAIN;
}

/**
 * The first-message language configured for a channel (CHANNEL_LOCALES=sms:es,whatsapp:es), if any.
 * What the person writes still decides once it shows a language.
 */
export function channelLocale(
  locales: Readonly<Record<string, 'en' | 'es'>>,
  channelId: string | undefined,
): 'en' | 'es' | undefined {
  const id = (channelId ?? '').toLowerCase();
  return Object.hasOwn(locales, id) ? locales[id] : undefined;
}
