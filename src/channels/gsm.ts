/**
 * The SMS alphabet. A message written only in GSM-7 (3GPP TS 23.038, default alphabet and its
 * extension table) costs one segment per 160 characters, 153 per part once it is split; one character
 * outside it and the whole message goes as UCS-2: 70 per segment, 67 per part. Spanish loses only á, í,
 * ó, ú (and capitals) to that: ñ, é, ü, ¿ and ¡ are in the alphabet.
 */

// prettier-ignore
const BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters sent as an escape plus a code: two septets each. */
const EXTENSION = '\f^{}\\[~]|€';

const BASIC_SET = new Set([...BASIC].filter((c) => c !== '\u001b'));
const EXTENSION_SET = new Set([...EXTENSION]);

/** Carrier sizes: one segment, and each part of a concatenated message (the rest carries the header). */
export const SEGMENT = Object.freeze({
  gsmSingle: 160,
  gsmPart: 153,
  ucsSingle: 70,
  ucsPart: 67,
});

/** Replacements that keep the meaning; anything else outside the alphabet loses its accent or goes. */
// prettier-ignore
const REPLACE: Readonly<Record<string, string>> = Object.freeze({
  'á': 'a', 'í': 'i', 'ó': 'o', 'ú': 'u', 'Á': 'A', 'Í': 'I', 'Ó': 'O', 'Ú': 'U',
  '‘': "'", '’': "'", '‚': "'", '′': "'", '´': "'", '`': "'",
  '“': '"', '”': '"', '„': '"', '″': '"', '«': '"', '»': '"',
  '–': '-', '—': '-', '−': '-', '‐': '-', '‑': '-', '•': '-', '→': '->',
  '…': '...', '·': ',', '\t': ' ', '\u00a0': ' ', '\u2007': ' ', '\u2009': ' ', '\u202f': ' ',
});

/** True when every character of `text` can go in GSM-7 (default alphabet or extension table). */
export function isGsm7(text: string): boolean {
  for (const c of text) if (!BASIC_SET.has(c) && !EXTENSION_SET.has(c)) return false;
  return true;
}

function gsmChar(c: string): string {
  if (BASIC_SET.has(c) || EXTENSION_SET.has(c)) return c;
  if (Object.hasOwn(REPLACE, c)) return REPLACE[c] as string;
  // A letter with a mark GSM-7 lacks (â, ç, õ) keeps its base letter; symbols and emoji go.
  const base = c.normalize('NFD').replace(/\p{M}/gu, '');
  return base !== c && isGsm7(base) ? base : '';
}

/**
 * `text` in the GSM-7 alphabet: á í ó ú become a i o u, curly quotes straight, dashes hyphens, " · " a
 * comma, emoji and other symbols are dropped; ñ, é, ü, ¿ and ¡ stay.
 */
export function toGsm7(text: string): string {
  const out = [...text.replace(/ · /g, ', ')].map(gsmChar).join('');
  // A dropped emoji leaves its spaces behind.
  return out.replace(/[ ]{2,}/g, ' ').replace(/ +\n/g, '\n').replace(/\n +/g, '\n').trim();
}

export interface SegmentCount {
  readonly encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7, extension characters count two) or UTF-16 code units (UCS-2). */
  readonly units: number;
  readonly segments: number;
}

/** Pack units into parts of `size`, never splitting an escape pair or a surrogate pair across two. */
function parts(widths: readonly number[], size: number): number {
  let count = 1;
  let used = 0;
  for (const w of widths) {
    if (used + w > size) {
      count += 1;
      used = 0;
    }
    used += w;
  }
  return count;
}

/** How many segments carriers bill for one message. An empty message is none. */
export function countSegments(text: string): SegmentCount {
  if (isGsm7(text)) {
    const widths = [...text].map((c) => (EXTENSION_SET.has(c) ? 2 : 1));
    const units = widths.reduce((a, b) => a + b, 0);
    const segments = units === 0 ? 0 : units <= SEGMENT.gsmSingle ? 1 : parts(widths, SEGMENT.gsmPart);
    return { encoding: 'GSM-7', units, segments };
  }
  const widths = [...text].map((c) => c.length);
  const units = text.length;
  const segments = units <= SEGMENT.ucsSingle ? 1 : parts(widths, SEGMENT.ucsPart);
  return { encoding: 'UCS-2', units, segments };
}
