import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalize } from './normalize';

/** The folder of Reach's data files (phrase lists, trained weights), beside `src/`. */
export const DATA_DIR = path.resolve(__dirname, '..', '..', 'data');

/** A phrase list: per language, the phrases as normalised token lists. */
export interface PhraseList {
  readonly en: readonly string[];
  readonly es: readonly string[];
}

/** The lines of a data file, trimmed, without blank lines and `#` comments (lists of ids, one a line). */
export function readDataLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/**
 * Read a phrase file: `[en]` / `[es]` open a language's section, `#` starts a comment, every other
 * non-empty line is one phrase, normalised as messages are. Throws with `file:line` on a phrase before
 * any section (a data file is checked by its tests, so this only ever fails in development).
 */
export function readPhraseFile(file: string): PhraseList {
  const out: { en: string[]; es: string[] } = { en: [], es: [] };
  let section: 'en' | 'es' | null = null;
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      if (line === '[en]' || line === '[es]') {
        section = line === '[en]' ? 'en' : 'es';
        return;
      }
      if (!section) throw new Error(`${file}:${i + 1}: a phrase before any [en] or [es] line`);
      const text = normalize(line).text;
      if (text) out[section].push(text);
    });
  return out;
}

/**
 * Whole-word matching of many phrases at once, bounded by the message's length: every run of up to
 * the longest phrase's length is looked up in a set (no regular expression, no backtracking).
 */
export class PhraseMatcher {
  private readonly phrases: ReadonlySet<string>;
  /**
   * The words phrases start with, each with the most words of a phrase it starts: a run is only built
   * from a word that starts one (most words of a message start none, and every run built is a string).
   */
  private readonly starts: ReadonlyMap<string, number>;

  constructor(phrases: Iterable<string>) {
    const set = new Set<string>();
    const starts = new Map<string, number>();
    for (const p of phrases) {
      set.add(p);
      const words = p.split(' ');
      starts.set(words[0]!, Math.max(starts.get(words[0]!) ?? 0, words.length));
    }
    this.phrases = set;
    this.starts = starts;
  }

  static of(list: PhraseList): PhraseMatcher {
    return new PhraseMatcher([...list.en, ...list.es]);
  }

  /** The first phrase found in the tokens, or null. */
  find(tokens: readonly string[]): string | null {
    for (let i = 0; i < tokens.length; i++) {
      const longest = this.starts.get(tokens[i]!);
      if (longest === undefined) continue;
      let run = '';
      for (let n = 0; n < longest && i + n < tokens.length; n++) {
        run = n === 0 ? tokens[i]! : `${run} ${tokens[i + n]!}`;
        if (this.phrases.has(run)) return run;
      }
    }
    return null;
  }

  has(tokens: readonly string[]): boolean {
    return this.find(tokens) !== null;
  }

  /**
   * Whether the tokens are wholly made of the phrases, one after another ("ok ya me voy, gracias por
   * todo" of "ok", "ya me voy", "gracias por todo"): no word left over. Bounded by the message's length
   * times the longest phrase.
   */
  covers(tokens: readonly string[]): boolean {
    if (tokens.length === 0) return false;
    const reached = new Array<boolean>(tokens.length + 1).fill(false);
    reached[0] = true;
    for (let i = 0; i < tokens.length; i++) {
      if (!reached[i]) continue;
      const longest = this.starts.get(tokens[i]!);
      if (longest === undefined) continue;
      let run = '';
      for (let n = 0; n < longest && i + n < tokens.length; n++) {
        run = n === 0 ? tokens[i]! : `${run} ${tokens[i + n]!}`;
        if (this.phrases.has(run)) reached[i + n + 1] = true;
      }
    }
    return reached[tokens.length]!;
  }
}

/**
 * Whole messages of a list, with filler words allowed around them: "and is that legal or not" is "is
 * that legal" when "and", "or" and "not" are fillers. The message's tokens are compared as a whole once
 * the fillers at either end are dropped (no search inside a longer message).
 */
export class WholeMessages {
  private readonly messages: ReadonlySet<string>;
  private readonly fillers: ReadonlySet<string>;

  constructor(messages: Iterable<string>, fillers: Iterable<string>) {
    this.messages = new Set(messages);
    const words = new Set<string>();
    for (const f of fillers) for (const w of f.split(' ')) words.add(w);
    this.fillers = words;
  }

  static of(messages: PhraseList, fillers: PhraseList): WholeMessages {
    return new WholeMessages([...messages.en, ...messages.es], [...fillers.en, ...fillers.es]);
  }

  /** Whether the tokens are one of the messages, fillers aside. */
  matches(tokens: readonly string[]): boolean {
    let start = 0;
    let end = tokens.length;
    while (start < end && this.fillers.has(tokens[start]!)) start++;
    while (end > start && this.fillers.has(tokens[end - 1]!)) end--;
    return start < end && this.messages.has(tokens.slice(start, end).join(' '));
  }
}
