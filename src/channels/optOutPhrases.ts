import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from '../knowledge/schema';
import { fold } from '../text/normalize';

/** The phrase lists, one phrase a line (`#` starts a comment), beside this file. */
export const OPT_OUT_DIR = path.join(__dirname, 'opt-out');

/** A message as the words the lists are written in: folded, apostrophes dropped, no punctuation. */
export function keywordWords(text: string): string[] {
  return fold(text)
    .replace(/['’]/g, '')
    .replace(/[^a-z\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

function readList(file: string): string[][] {
  return readFileSync(path.join(OPT_OUT_DIR, file), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map(keywordWords);
}

interface Lists {
  readonly phrases: readonly (readonly [Locale, readonly string[]])[];
  /** Why someone opts out ("el revisa mi cel"): said with an opt-out, it leaves it one. */
  readonly reasons: readonly (readonly string[])[];
  /** Who reads the phone, and "because": allowed only beside a reason. */
  readonly reasonWords: ReadonlySet<string>;
  readonly filler: ReadonlySet<string>;
}

let lists: Lists | undefined;

function load(): Lists {
  lists ??= {
    phrases: [
      ...readList('es.txt').map((p) => ['es', p] as const),
      ...readList('en.txt').map((p) => ['en', p] as const),
    ],
    reasons: readList('reasons.txt'),
    reasonWords: new Set(readList('reason-words.txt').flat()),
    filler: new Set(readList('filler.txt').flat()),
  };
  return lists;
}

function occursAt(words: readonly string[], phrase: readonly string[]): number {
  for (let i = 0; i + phrase.length <= words.length; i += 1) {
    if (phrase.every((w, j) => words[i + j] === w)) return i;
  }
  return -1;
}

/**
 * The language of a natural opt-out ("ya no me escriban", "stop texting me please"), or null. The whole
 * message must be opt-out phrases, with at most a few filler words around them ("I don't want these
 * messages anymore, take me off your list" is two) and a reason for it (opt-out/reasons.txt: "ya no me
 * manden mensajes, el revisa mi cel"): "stop texting me or I'll call the police" is a message, and goes
 * through safety like any other. The language is that of the first phrase found.
 */
export function optOutLocale(text: string): Locale | null {
  const words = keywordWords(text);
  if (words.length === 0 || words.length > MAX_OPT_OUT_WORDS) return null;
  const { phrases, reasons, reasonWords, filler } = load();
  let rest: readonly string[] = words;
  let first: Locale | null = null;
  // Take out the longest phrase found, then look again in what is left, until none is found.
  for (;;) {
    let best: { locale: Locale; at: number; length: number } | null = null;
    for (const [locale, phrase] of phrases) {
      if (best && phrase.length <= best.length) continue;
      const at = occursAt(rest, phrase);
      if (at >= 0) best = { locale, at, length: phrase.length };
    }
    if (!best) break;
    first ??= best.locale;
    rest = [...rest.slice(0, best.at), ...rest.slice(best.at + best.length)];
  }
  if (!first) return null;
  // A reason for opting out said with it ("…, my husband checks my phone") is part of the request.
  let reason = false;
  for (const phrase of reasons) {
    const at = occursAt(rest, phrase);
    if (at >= 0) {
      rest = [...rest.slice(0, at), ...rest.slice(at + phrase.length)];
      reason = true;
    }
  }
  return rest.every((w) => filler.has(w) || (reason && reasonWords.has(w))) ? first : null;
}

/** A longer message is a message, whatever opt-out words it holds. */
const MAX_OPT_OUT_WORDS = 16;
