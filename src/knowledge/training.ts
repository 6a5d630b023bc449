import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ERROR_CODES } from '../errors';
import { TOPIC_EXTRA_LABELS, type TrainingExample } from '../understanding/topics';
import type { Problem } from './problems';
import { LOCALES, type Locale } from './schema';

/** The folder, inside the knowledge folder, of the lines that teach the topic model. */
export const TRAINING_DIR = 'training';
/** Longest example line: a long story is welcome, a pasted document is not a message. */
export const MAX_TRAINING_LINE = 400;

export interface TrainingCorpus {
  readonly examples: readonly TrainingExample[];
  readonly problems: readonly Problem[];
  /** Files read, relative to the knowledge folder. */
  readonly files: readonly string[];
}

/**
 * Parse one training file: `[en]` or `[es]` opens a language's section, every other non-empty line that
 * does not start with `#` is one example of the file's label (the file name without `.txt`).
 */
export function parseTrainingFile(rel: string, text: string, known: ReadonlySet<string>): TrainingCorpus {
  const label = path.basename(rel, '.txt');
  const problems: Problem[] = [];
  const examples: TrainingExample[] = [];
  const problem = (line: number, what: string, todo: string, severity: Problem['severity'] = 'error'): void => {
    problems.push({ severity, code: ERROR_CODES.KB_TRAINING, file: rel, line, col: 1, field: '', what, todo });
  };
  if (!known.has(label)) {
    problem(1, `"${label}" is not a topic id`, `name the file after an entry id (e.g. rights.t-visa.txt) or one of: ${[...TOPIC_EXTRA_LABELS].join(', ')}`);
    return { examples, problems, files: [rel] };
  }
  let locale: Locale | null = null;
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const n = i + 1;
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const section = /^\[([a-z]+)\]$/.exec(line);
    if (section) {
      const name = section[1] as Locale;
      if ((LOCALES as readonly string[]).includes(name)) locale = name;
      else problem(n, `unknown section [${section[1]}]`, 'use [en] or [es]');
      return;
    }
    if (!locale) {
      problem(n, 'an example before any [en] or [es] line', 'put [en] or [es] on a line of its own above it');
      return;
    }
    if (line.length > MAX_TRAINING_LINE) {
      problem(n, `an example of ${line.length} characters`, `shorten it to at most ${MAX_TRAINING_LINE}, or split it into two messages`);
      return;
    }
    const key = `${locale}\u0000${line.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problem(n, `the same example as line ${first}`, 'delete one of them', 'warning');
      return;
    }
    seen.set(key, n);
    examples.push({ label, locale, text: line });
  });
  for (const l of LOCALES) {
    if (!examples.some((e) => e.locale === l)) problem(1, `no [${l}] examples`, `add a [${l}] section with examples in that language`, 'warning');
  }
  return { examples, problems, files: [rel] };
}

/**
 * Every training file of a knowledge folder, in a fixed order (the same files give the same model). A
 * folder without training files is valid: the model then learns from the entries' questions alone.
 */
export async function loadTraining(dir: string, topicIds: Iterable<string>): Promise<TrainingCorpus> {
  const known = new Set([...topicIds, ...TOPIC_EXTRA_LABELS]);
  const folder = path.join(dir, TRAINING_DIR);
  let names: string[];
  try {
    names = (await readdir(folder, { withFileTypes: true })).filter((d) => d.isFile() && d.name.endsWith('.txt')).map((d) => d.name).sort();
  } catch {
    return { examples: [], problems: [], files: [] };
  }
  const examples: TrainingExample[] = [];
  const problems: Problem[] = [];
  const files: string[] = [];
  for (const name of names) {
    const rel = `${TRAINING_DIR}/${name}`;
    const parsed = parseTrainingFile(rel, await readFile(path.join(folder, name), 'utf8'), known);
    examples.push(...parsed.examples);
    problems.push(...parsed.problems);
    files.push(rel);
  }
  return { examples, problems, files };
}
