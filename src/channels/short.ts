import type { Reply } from '../bot/replies';
import type { Translate } from '../i18n';
import { numberedChoices } from './choices';
import { countSegments, SEGMENT, toGsm7 } from './gsm';
import { keywordWords } from './optOutPhrases';
import { phoneFriendly } from './phones';
import { toPlainText } from './plain';
import { splitText } from './split';

/**
 * How long a reply may be on a text channel, in SMS segments (153 GSM-7 characters each once a message
 * is split), everything included: text, the "Reply MORE" line, the contact line and the numbered menu.
 * Each segment arrives as a separate text on some phones and is billed to the organisation (issue 18).
 * WhatsApp is not billed by the segment, but the same length keeps a reply readable on a phone, so its
 * replies are measured as the same text would be in an SMS.
 */
export const TEXT_BUDGET = Object.freeze({
  greeting: 3,
  answer: 4,
  /** A smaller part is not worth a MORE: below this many characters of answer, stop shrinking. */
  minPart: 80,
  /** How much the part's length shrinks per try while fitting it to the budget. */
  step: 10,
});

/** Words that ask for the rest of an answer ("MAS", "más", "more", "siguiente"). */
const MORE_WORDS = new Set(['more', 'mas', 'next', 'siguiente', 'sigue', 'continuar', 'continue', 'read more', 'leer mas', 'ver mas']);

/** Whether a whole message asks for the rest of the last answer. */
export function isMore(text: string): boolean {
  return MORE_WORDS.has(keywordWords(text).join(' '));
}

/** The segments `text` costs as an SMS in the GSM-7 alphabet (what the budget counts). */
export function smsSegments(text: string): number {
  return countSegments(toGsm7(text)).segments;
}

export interface PageOptions {
  readonly t: Translate;
  /** Which part of the answer: 0 is the first. */
  readonly page: number;
  /** Lines the first part carries whatever else is cut (the first-contact line). */
  readonly footer?: readonly string[];
  readonly budget?: number;
}

export interface Page {
  /** The reply with only this part's text, followed by "Reply MORE" while more remains, and the contact. */
  readonly reply: Reply;
  /** How many parts the whole answer takes. */
  readonly pages: number;
}

/**
 * One part of an answer in its short form for a text channel, computed from whatever the answer text is:
 * its first paragraphs, lines or sentences up to the budget, then "Reply MORE" if more remains, then one
 * short contact line (left out when the part already gives that number). The numbered menu that the
 * channel adds under it (./render.ts) is counted too.
 */
export function answerPage(reply: Reply, options: PageOptions): Page {
  const { t } = options;
  const budget = options.budget ?? TEXT_BUDGET.answer;
  const body = phoneFriendly(toPlainText(reply.text));
  const menu = reply.choices.length > 0 ? numberedChoices(reply.choices, t) : '';
  const contact = reply.contact ? phoneFriendly(reply.contact) : '';
  const contactNumber = contact.match(/\d[\d-]{2,}\d/)?.[0];

  const assemble = (part: string, first: boolean, more: boolean): string => {
    const lines = [part];
    if (first) lines.push(...(options.footer ?? []));
    if (more) lines.push(t('text.more'));
    if (contact && !(contactNumber && part.includes(contactNumber))) lines.push(contact);
    return lines.filter(Boolean).join('\n\n');
  };
  const fits = (text: string) => smsSegments(menu ? `${text}\n\n${menu}` : text) <= budget;

  let parts = [body];
  if (!fits(assemble(body, true, false))) {
    // No part can be longer than the whole budget in characters: start there and shrink.
    const longest = Math.min(body.length, budget * SEGMENT.gsmPart);
    for (let limit = longest - TEXT_BUDGET.step; limit >= TEXT_BUDGET.minPart; limit -= TEXT_BUDGET.step) {
      parts = splitText(body, limit);
      const last = parts.length - 1;
      if (parts.every((p, i) => fits(assemble(p, i === 0, i < last)))) break;
    }
  }
  const page = Math.min(Math.max(options.page, 0), parts.length - 1);
  const text = assemble(parts[page] ?? '', page === 0, page < parts.length - 1);
  return { reply: { ...reply, text }, pages: parts.length };
}
