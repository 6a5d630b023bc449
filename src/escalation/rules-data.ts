import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES, ReachError } from '../errors';
import { DATA_DIR } from '../text/phrases';

/**
 * Reads the safety phrase lists in `data/safety/` (format: `data/safety/README.md`) and compiles them
 * into the regular expressions detection runs. A malformed line throws `REACH_SAFETY_DATA` naming
 * `file:line`: the files are read once at start-up and checked by tests, so this fails in development.
 */

/** The folder of the safety phrase lists. */
export const SAFETY_DATA_DIR = path.join(DATA_DIR, 'safety');

export type SafetyReason = 'danger' | 'self-harm' | 'human';

export interface SafetyRule {
  readonly id: string;
  readonly reason: SafetyReason;
  /** Matched against ` normalised text ` (padded with one space each side). */
  readonly pattern: RegExp;
}

/** One meaningful line of a data file, with its place for error messages. */
interface DataLine {
  readonly text: string;
  readonly where: string;
}

/** A `[header]` line and the lines under it. */
interface Block extends DataLine {
  readonly lines: DataLine[];
}

function fail(where: string, problem: string): never {
  throw new ReachError(ERROR_CODES.SAFETY_DATA, `${where}: ${problem}`);
}

/** Non-empty, non-comment lines, trimmed (trailing spaces do not survive editors; write `{SP}`). */
function readLines(file: string): DataLine[] {
  const name = path.relative(process.cwd(), file) || file;
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((raw, i) => ({ text: raw.trim(), where: `${name}:${i + 1}` }))
    .filter((l) => l.text !== '' && !l.text.startsWith('#'));
}

function readBlocks(file: string): Block[] {
  const blocks: Block[] = [];
  for (const line of readLines(file)) {
    if (line.text.startsWith('[')) {
      if (!line.text.endsWith(']')) fail(line.where, `a header must end with "]": ${line.text}`);
      blocks.push({ text: line.text.slice(1, -1), where: line.where, lines: [] });
    } else if (blocks.length === 0) fail(line.where, 'a line before any [header]');
    else blocks[blocks.length - 1]!.lines.push(line);
  }
  return blocks;
}

/** Whether a regular expression source has a `|` outside any group or class (two phrases on one line). */
function hasTopLevelBar(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** Shared parts by name, as regular expression sources that may name other parts. */
type Parts = ReadonlyMap<string, string>;

const PART_HEADER = /^([A-Z][A-Z0-9_]*)(?: (not-after|bare))?$/;
const WRAP = { group: ['(?:', ')'], 'not-after': ['(?<!', ')'], bare: ['', ''] } as const;

function readParts(file: string): Map<string, string> {
  // {SP}: a space at the start or end of a phrase, which a trimmed line cannot show.
  const parts = new Map<string, string>([['SP', ' ']]);
  const blocks = readBlocks(file);
  for (const block of blocks) {
    const m = PART_HEADER.exec(block.text);
    if (!m) fail(block.where, `"[${block.text}]" is not a part header: write [NAME], [NAME not-after] or [NAME bare]`);
    const name = m[1]!;
    if (parts.has(name)) fail(block.where, `part ${name} is defined twice`);
    if (block.lines.length === 0) fail(block.where, `part ${name} has no lines`);
    const [open, close] = WRAP[(m[2] ?? 'group') as keyof typeof WRAP];
    parts.set(name, `${open}${block.lines.map((l) => l.text).join('|')}${close}`);
  }
  for (const block of blocks) for (const line of block.lines) checkPhrase(line, parts);
  return parts;
}

/** Replace `{NAME}` with its part, three levels deep (a part may name parts that name parts). */
function expand(source: string, parts: Parts, where: string): string {
  let out = source;
  for (let i = 0; i < 3; i++) {
    out = out.replace(/\{(\w+)\}/g, (_, name: string) => parts.get(name) ?? fail(where, `unknown part {${name}} (see parts.txt)`));
  }
  if (/\{\w+\}/.test(out)) fail(where, 'parts nest more than three levels deep');
  return out;
}

/** A phrase line must be one alternative and a valid regular expression on its own. */
function checkPhrase(line: DataLine, parts: Parts): void {
  if (hasTopLevelBar(line.text)) fail(line.where, 'one phrase a line: put each alternative after "|" on its own line');
  try {
    new RegExp(expand(line.text, parts, line.where));
  } catch (e) {
    if (e instanceof ReachError) throw e;
    fail(line.where, `not a valid phrase (${(e as Error).message}); check its brackets`);
  }
}

const RULE_HEADER = /^((en|es|any)\.[a-z0-9-]+) (danger|self-harm|human) (phrase|whole|both|ordered)( unless-hypothetical)?$/;

/** Compile one rule from its lists (one list, or two split by `---` for `both` and `ordered`). */
function compile(kind: string, lists: readonly string[], parts: Parts, where: string): RegExp {
  const [x, y] = lists.map((l) => expand(l, parts, where));
  switch (kind) {
    // A phrase: it must start and end at word boundaries.
    case 'phrase':
      return new RegExp(`\\s(?:${x})(?=\\s)`);
    // The whole message is only this ("agent", "humano por favor").
    case 'whole':
      return new RegExp(`^\\s(?:${x})(?: please| pls| por favor| porfa| now| ya)?\\s$`);
    // Two phrases anywhere in one message, in either order (an age and a sale, a condition and a threat).
    case 'both':
      return new RegExp(`\\s(?:${x})\\s(?:.*\\s)?(?:${y})(?=\\s)|\\s(?:${y})\\s(?:.*\\s)?(?:${x})(?=\\s)`);
    // Two phrases in this order ("he says … if I leave").
    default:
      return new RegExp(`\\s(?:${x})\\s(?:.*\\s)?(?:${y})(?=\\s)`);
  }
}

function readRules(file: string, lang: string, parts: Parts, into: Map<string, SafetyRule>): void {
  for (const block of readBlocks(file)) {
    const m = RULE_HEADER.exec(block.text);
    if (!m) fail(block.where, `"[${block.text}]" is not a rule header: write [${lang}.name danger|self-harm|human phrase|whole|both|ordered]`);
    const [, id, idLang, reason, kind, hypothetical] = m as unknown as [string, string, string, SafetyReason, string, string?];
    if (idLang !== lang) fail(block.where, `rule ${id} belongs in rules.${idLang}.txt`);
    if (into.has(id)) fail(block.where, `rule ${id} is defined twice`);
    const lists: string[][] = [[]];
    for (const line of block.lines) {
      if (line.text === '---') lists.push([]);
      else {
        checkPhrase(line, parts);
        lists[lists.length - 1]!.push(line.text);
      }
    }
    const two = kind === 'both' || kind === 'ordered';
    if (lists.length !== (two ? 2 : 1)) fail(block.where, two ? `a ${kind} rule has two lists split by one "---" line` : `a ${kind} rule has one list, no "---"`);
    if (lists.some((l) => l.length === 0)) fail(block.where, `rule ${id} has an empty list`);
    let pattern = compile(kind, lists.map((l) => l.join('|')), parts, block.where);
    // Not for a case put as a question about someone unnamed ("si una chava de 16…"): see parts.txt.
    if (hypothetical) pattern = new RegExp(`^(?!${expand('{HYPOTHETICAL}', parts, block.where)})[\\s\\S]*?${pattern.source}`);
    into.set(id, { id, reason, pattern });
  }
}

/** The safety rules from `rules.{en,es,any}.txt` with `parts.txt`, in the order of `order.txt`. */
export function loadSafetyRules(dir: string = SAFETY_DATA_DIR): SafetyRule[] {
  const parts = readParts(path.join(dir, 'parts.txt'));
  const byId = new Map<string, SafetyRule>();
  for (const lang of ['en', 'es', 'any']) readRules(path.join(dir, `rules.${lang}.txt`), lang, parts, byId);
  const ordered: SafetyRule[] = [];
  const orderFile = path.join(dir, 'order.txt');
  for (const line of readLines(orderFile)) {
    const rule = byId.get(line.text) ?? fail(line.where, `no rule ${line.text} in rules.*.txt`);
    if (ordered.includes(rule)) fail(line.where, `rule ${line.text} is listed twice`);
    ordered.push(rule);
  }
  const missing = [...byId.keys()].filter((id) => !ordered.some((r) => r.id === id));
  if (missing.length > 0) fail(orderFile, `add ${missing.join(', ')}: every rule is listed once`);
  return ordered;
}

/** The idioms of `idioms.txt`, one regular expression a line, each applied to the whole message. */
export function loadIdioms(file: string = path.join(SAFETY_DATA_DIR, 'idioms.txt')): RegExp[] {
  return readLines(file).map((line) => {
    try {
      return new RegExp(line.text, 'g');
    } catch (e) {
      return fail(line.where, `not a valid idiom (${(e as Error).message}); check its brackets`);
    }
  });
}

export interface Concept {
  readonly weight: number;
  /** Word starts (five letters or more) or whole words; with a space, exact words in the message. */
  readonly stems: readonly string[];
  /** Whole phrases, matched against the padded text. */
  readonly phrases?: readonly string[];
}

const CONCEPT_HEADER = /^([a-z]+) (\d+(?:\.\d+)?)$/;
const NORMALISED = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** The concepts of `concepts.txt`; exactly `names`, which the code refers to. */
export function loadConcepts<N extends string>(names: readonly N[], file: string = path.join(SAFETY_DATA_DIR, 'concepts.txt')): Record<N, Concept> {
  const out = {} as Record<N, Concept>;
  for (const block of readBlocks(file)) {
    const m = CONCEPT_HEADER.exec(block.text);
    if (!m) fail(block.where, `"[${block.text}]" is not a concept header: write [name weight]`);
    const name = m[1] as N;
    if (!names.includes(name)) fail(block.where, `unknown concept ${name}: the code knows ${names.join(', ')}`);
    if (name in out) fail(block.where, `concept ${name} is defined twice`);
    const lists: { stems: string[]; phrases?: string[] } = { stems: [] };
    let list: string[] | null = null;
    for (const line of block.lines) {
      if (line.text === 'stems:') list = lists.stems;
      else if (line.text === 'phrases:') list = lists.phrases = [];
      else if (!list) fail(line.where, 'write "stems:" or "phrases:" before the words');
      else if (!NORMALISED.test(line.text)) fail(line.where, `"${line.text}": write words normalised (lower case, no accents or punctuation)`);
      else list.push(line.text);
    }
    out[name] = { weight: Number(m[2]), ...lists };
  }
  const missing = names.filter((n) => !(n in out));
  if (missing.length > 0) fail(file, `concepts missing: ${missing.join(', ')}`);
  return out;
}

const LIST_HEADER = /^([a-z-]+) (words|phrases|patterns)$/;
const WORD = /^[a-z0-9]+$/;

/**
 * Named lists of `concept-context.txt`: `[name words]` (single normalised words), `[name phrases]`
 * (normalised phrases) or `[name patterns]` (one alternative of a regular expression a line); exactly
 * `names`, which the code uses each in its own way.
 */
export function loadLists<N extends string>(names: readonly N[], file: string = path.join(SAFETY_DATA_DIR, 'concept-context.txt')): Record<N, readonly string[]> {
  const out = {} as Record<N, readonly string[]>;
  const noParts: Parts = new Map([['SP', ' ']]);
  for (const block of readBlocks(file)) {
    const m = LIST_HEADER.exec(block.text);
    if (!m) fail(block.where, `"[${block.text}]" is not a list header: write [name words], [name phrases] or [name patterns]`);
    const name = m[1] as N;
    if (!names.includes(name)) fail(block.where, `unknown list ${name}: the code uses ${names.join(', ')}`);
    if (name in out) fail(block.where, `list ${name} is defined twice`);
    if (block.lines.length === 0) fail(block.where, `list ${name} is empty`);
    for (const line of block.lines) {
      if (m[2] === 'patterns') checkPhrase(line, noParts);
      else if (!(m[2] === 'words' ? WORD : NORMALISED).test(line.text)) fail(line.where, `"${line.text}": write ${m[2]} normalised (lower case, no accents or punctuation)`);
    }
    out[name] = block.lines.map((l) => l.text);
  }
  const missing = names.filter((n) => !(n in out));
  if (missing.length > 0) fail(file, `lists missing: ${missing.join(', ')}`);
  return out;
}
