import type { Choice, Reply } from '../bot/replies';
import type { Translate } from '../i18n';
import { fold } from '../text/normalize';

/**
 * Choices where there are no buttons: numbered lines and a prompt in the reader's language, and the
 * other half — a reply of just "2" (or "dos", "two", "#2", "opción 2") picks the second one.
 */
export function numberedChoices(choices: readonly Choice[], t: Translate): string {
  const lines = choices.map((c, i) => `${i + 1}. ${c.title}`);
  return [...lines, replyPrompt(choices.length, t)].join('\n');
}

function replyPrompt(count: number, t: Translate): string {
  if (count === 1) return t('choices.replyOne');
  const numbers = Array.from({ length: count }, (_, i) => String(i + 1));
  return t('choices.reply', { list: numbers.slice(0, -1).join(', '), last: numbers[count - 1] ?? '' });
}

// prettier-ignore
const NUMBER_WORDS: Readonly<Record<string, number>> = Object.freeze({
  uno: 1, una: 1, primero: 1, primera: 1, dos: 2, segundo: 2, segunda: 2, tres: 3, tercero: 3, tercera: 3,
  cuatro: 4, cuarto: 4, cuarta: 4, cinco: 5, quinto: 5, quinta: 5, seis: 6, sexto: 6, sexta: 6,
  one: 1, first: 1, two: 2, second: 2, three: 3, third: 3, four: 4, fourth: 4, five: 5, fifth: 5, six: 6, sixth: 6,
});

/** Words people put around the number: "opción 2", "el dos", "number 2 please". */
// prettier-ignore
const FILLER = new Set(['opcion', 'option', 'numero', 'number', 'num', 'el', 'la', 'the', 'please', 'pls', 'porfa', 'por', 'favor']);

/**
 * The number a message picks, when the whole message is a number (1 to 9) in digits or words, with at
 * most a filler word or two around it. Anything else is a question, not a pick.
 */
export function pickedNumber(text: string): number | null {
  const words = fold(text)
    .replace(/[#.)!?,:;]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 4) return null;
  const numbers = words.filter((w) => !FILLER.has(w));
  if (numbers.length !== 1) return null;
  const [word] = numbers as [string];
  if (/^[1-9]$/.test(word)) return Number(word);
  return Object.hasOwn(NUMBER_WORDS, word) ? (NUMBER_WORDS[word] as number) : null;
}

/** Short replies that only make sense as an answer to a menu ("sí", "otra", "more"). */
// prettier-ignore
const LONE_REPLIES = new Set(['si', 'no', 'yes', 'otra', 'otro', 'another', 'more', 'mas', 'next', 'siguiente']);

/**
 * Whether a whole message is a reply to a menu: a number, or "sí", "no", "otra", "more"… With no menu
 * to pick from it gets the menu: searching the knowledge base for "1" finds nothing anyone meant.
 */
export function isLoneReply(text: string): boolean {
  if (pickedNumber(text) !== null) return true;
  const words = fold(text).replace(/[^a-z\s]/g, ' ').trim();
  return LONE_REPLIES.has(words);
}

/** The topic a numbered reply picks from the last menu shown, if it picks one. */
export function pickFromMenu(text: string, lastMenu: readonly string[] | undefined): string | undefined {
  if (!lastMenu || lastMenu.length === 0) return undefined;
  const n = pickedNumber(text);
  return n !== null && n <= lastMenu.length ? lastMenu[n - 1] : undefined;
}

/** The topics of the last choices a turn offered, in order; undefined when it offered none. */
export function menuOf(replies: readonly Reply[]): string[] | undefined {
  const withChoices = replies.filter((r) => r.choices.length > 0);
  const last = withChoices[withChoices.length - 1];
  return last ? last.choices.map((c) => c.topic) : undefined;
}
