/**
 * Messages within the 2,000-character limit built to cost the most: every code point whose Unicode
 * compatibility form is long (found by scanning the whole code space, not from a list), long combining
 * sequences, long single words, and words made to defeat each step's shortcuts. The bounded-work test
 * and `npm run bench` both measure them against an ordinary message of the same length.
 */
import { SAFETY_LEXICON } from '../../src/escalation/patterns';
import { normalize } from '../../src/text/normalize';

/** The bot's limit (MAX_TEXT), counted in UTF-16 units as `String.prototype.slice` counts. */
export const LIMIT = 2000;

/** An ordinary 2,000-character message: a plain question, repeated. */
export const ORDINARY = 'My boss took my passport and says I owe him money for the trip, what are my rights here? '.repeat(30).slice(0, LIMIT);

export interface WorstMessage {
  readonly name: string;
  readonly text: string;
}

const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** How many times longer a character gets when folded (compatibility form, lower case, decomposed). */
function growth(c: string): number {
  return c.normalize('NFKC').toLowerCase().normalize('NFD').length / c.length;
}

/** Every code point (surrogates aside) that folds to at least three times its own length. */
export function longExpanders(): string[] {
  const found: string[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    if (growth(c) >= 3) found.push(c);
  }
  return found;
}

/** `prefix`, then pieces from `next` for as long as they fit in the limit. */
function fill(prefix: string, next: (i: number) => string): string {
  let text = prefix;
  for (let i = 0; ; i++) {
    const piece = next(i);
    if (text.length + piece.length > LIMIT) return text;
    text += piece;
  }
}

/** A small seeded generator, so every run builds the same messages. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The messages, one per distinct shape of normalised result (a thousand Hangul syllables cost the same
 * as any other thousand), plus mixtures and hand-built worst cases.
 */
export function worstMessages(): WorstMessage[] {
  const random = seeded(20_261_204);
  const letter = () => String.fromCharCode(97 + Math.floor(random() * 26));
  const word = (min: number, max: number) => Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, letter).join('');
  const expanders = longExpanders();
  const out: WorstMessage[] = [];
  const shapes = new Set<string>();
  for (const c of expanders) {
    // What one character becomes decides what a run of it becomes: the words it folds to, and whether
    // it joins its neighbours into one long word.
    const folded = c.normalize('NFKC');
    const shape = `${growth(c)}|${normalize(c).tokens.map((t) => t.length).join(',')}|${/^[\p{L}\p{N}]/u.test(folded)}|${/[\p{L}\p{N}]$/u.test(folded)}`;
    if (shapes.has(shape)) continue;
    shapes.add(shape);
    out.push({ name: `${hex(c)} repeated (folds to ${growth(c)}×)`, text: fill('trafficking visa ', () => c) });
  }
  const longest = [...expanders].sort((a, b) => growth(b) - growth(a));
  const lexicon = SAFETY_LEXICON.filter((w) => w.length >= 6);
  out.push(
    { name: 'U+FDFA after "trafficking visa" (the reported case)', text: fill('trafficking visa ', () => '\uFDFA') },
    { name: 'every long expander in turn', text: fill('', (i) => longest[i % longest.length]!) },
    { name: 'every long expander in turn, spaced', text: fill('', (i) => `${longest[i % longest.length]!} `) },
    { name: 'one letter and 1,999 combining accents', text: 'a' + '\u0301'.repeat(LIMIT - 1) },
    { name: 'letters each with three combining marks', text: fill('', () => `${letter()}\u0301\u0308\u0327`) },
    { name: 'one word of 2,000 random letters', text: fill('', letter) },
    { name: 'one word of 2,000 digits', text: fill('', (i) => String(i % 10)) },
    { name: 'one word of letters and digits read as letters', text: fill('', (i) => (i % 3 === 0 ? '4' : letter())) },
    { name: 'distinct words of one to three letters', text: fill('', () => `${word(1, 3)} `) },
    { name: 'distinct words of six to ten letters', text: fill('', () => `${word(6, 10)} `) },
    { name: 'one-letter typos of safety words', text: fill('', () => {
      const w = lexicon[Math.floor(random() * lexicon.length)]!;
      const at = Math.floor(random() * w.length);
      return `${w.slice(0, at)}${letter()}${w.slice(at + 1)} `;
    }) },
    { name: 'shorthand that expands to four words', text: fill('', () => 'idk ') },
    { name: 'letters spelled one by one with wide gaps', text: fill('', (i) => (i % 4 === 3 ? `${letter()}  ` : `${letter()} `)) },
    { name: 'knife emoji', text: fill('', () => '\u{1F52A}') },
    { name: 'invisible characters between letters', text: fill('', () => `${letter()}\u200B`) },
  );
  return out;
}

export interface CostRatio {
  readonly name: string;
  /** CPU time of one decision on this message over that of the ordinary message. */
  readonly ratio: number;
}

export interface WorstCost {
  /** CPU milliseconds of one decision on the ordinary message (the least of its runs). */
  readonly ordinaryMs: number;
  /** Every case, most costly first. */
  readonly ratios: readonly CostRatio[];
}

function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1000;
}

function least(xs: readonly number[]): number {
  return Math.min(...xs);
}

/**
 * What each worst message costs against the ordinary one, in this process: CPU time (wall time on a
 * shared machine is inflated at random by other work), each case the least of `runs` runs taken in
 * turn with the ordinary message, the ordinary one the least of all of its runs. The least, not the
 * median: a garbage collection or another process's cache pressure only ever adds time, and with the
 * median of three one such run in two put a case from 3.5× to 6.3× (December 2026, the same code run
 * back to back); a message that really costs more costs more in every run.
 */
export function measureWorst(turn: (text: string) => unknown, runs = 5): WorstCost {
  const cases = worstMessages();
  for (let i = 0; i < 3; i++) turn(ORDINARY); // warm the index and the regular expressions
  const ordinary: number[] = [];
  const costs = cases.map(({ name, text }) => {
    turn(text);
    const own: number[] = [];
    for (let r = 0; r < runs; r++) {
      ordinary.push(cpuMs(() => turn(ORDINARY)));
      own.push(cpuMs(() => turn(text)));
    }
    return { name, ms: least(own) };
  });
  const ordinaryMs = least(ordinary);
  const ratios = costs.map((c) => ({ name: c.name, ratio: c.ms / ordinaryMs })).sort((a, b) => b.ratio - a.ratio);
  return { ordinaryMs, ratios };
}
