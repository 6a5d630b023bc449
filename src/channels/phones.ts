/**
 * Numbers and addresses written so a phone offers to call, text or open them. Phones' own detectors
 * (iOS data detectors, Android's linkify) reliably pick up a North American number written in one piece
 * with its area code and a web address that starts with https://; a short code or a three-digit number
 * is only linked by some of them, so there it matters most that nothing is glued to the digits.
 */

/** A North American number however it was typed: 1-888-373-7888, (888) 373-7888, +1 888.373.7888. */
const NANP = /(?<![\d+])(?:\+?1[\s.-]?)?\(?([2-9]\d{2})\)?[\s.-]?(\d{3})[\s.-](\d{4})(?!\d)/g;

/** Links and web addresses, which must never be rewritten from inside. */
const PROTECTED = /\[[^\]]*\]\([^)]*\)|<[^>\s]+>|\bhttps?:\/\/[^\s)]+/g;

/** Apply `change` to the text outside links and addresses only. */
function outsideLinks(text: string, change: (plain: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PROTECTED)) {
    out += change(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + change(text.slice(last));
}

/** Every North American number in the one form phones and people read best: 1-888-373-7888. */
export function canonicalPhones(text: string): string {
  return outsideLinks(text, (s) =>
    s.replace(NANP, (_m, area: string, mid: string, line: string) => `1-${area}-${mid}-${line}`),
  );
}

/** Web addresses written without a scheme get https://, the form every phone makes tappable. */
export function fullUrls(text: string): string {
  return outsideLinks(text, (s) =>
    s.replace(
      /(?<![\w@/.:-])((?:[a-z0-9-]+\.)+(?:org|gov|com|net|edu|us)(?:\/[^\s),]*)?)(?![\w-])/gi,
      'https://$1',
    ),
  );
}

/**
 * Plain-text form for phones: numbers in one piece, addresses with their scheme, and no character that
 * a detector would stop at (no-break and thin spaces become ordinary spaces).
 */
export function phoneFriendly(text: string): string {
  return fullUrls(canonicalPhones(text.replace(/[\u00A0\u2007\u202F\u2009]/g, ' ')));
}
