/**
 * The evaluation sets the bench measures: the public ones (tests/eval/cases.jsonl and the blind-N sets)
 * and every file of tests/eval/fresh/ in the case format, found by glob when the bench runs. The fresh
 * sets are blind: they are measured once, by whoever runs the full bench, and nobody develops against
 * them; `--sets public` leaves them out (and does not even list the folder).
 *
 *   --sets all                 (default) the public sets and every fresh set
 *   --sets public              cases, blind-1, blind-2, blind-3
 *   --sets cases,blind-2       these sets only (a fresh one as fresh/<name>)
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { readCases, type EvalCase } from '../src/eval/evaluate';

export interface EvalSet {
  /** `cases`, `blind-1`, `fresh/<name>`: the file under tests/eval without `.jsonl`. */
  readonly name: string;
  readonly fresh: boolean;
  readonly cases: readonly EvalCase[];
}

export const PUBLIC_SETS = ['cases', 'blind-1', 'blind-2', 'blind-3'] as const;
const FRESH = 'fresh';

export interface SetSelection {
  readonly sets: readonly EvalSet[];
  /** Whether the fresh sets were asked for (false: left out of this run). */
  readonly freshIncluded: boolean;
  /** Files under fresh/ that are not in the case format (another shape of data), by name only. */
  readonly skipped: readonly string[];
}

function freshNames(evalDir: string): string[] {
  try {
    return readdirSync(path.join(evalDir, FRESH), { withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith('.jsonl'))
      .map((d) => `${FRESH}/${d.name.slice(0, -'.jsonl'.length)}`)
      .sort();
  } catch {
    return [];
  }
}

/** The sets named by `--sets` (see the file comment), read and checked. */
export function selectSets(evalDir: string, option = 'all'): SetSelection {
  const wanted = option.split(',').map((s) => s.trim()).filter(Boolean);
  const names: string[] = [];
  let freshIncluded = false;
  for (const w of wanted) {
    if (w === 'all' || w === 'public') names.push(...PUBLIC_SETS);
    if (w === 'all' || w === FRESH) {
      names.push(...freshNames(evalDir));
      freshIncluded = true;
    }
    if (!['all', 'public', FRESH].includes(w)) {
      names.push(w);
      if (w.startsWith(`${FRESH}/`)) freshIncluded = true;
    }
  }
  const sets: EvalSet[] = [];
  const skipped: string[] = [];
  for (const name of [...new Set(names)]) {
    const fresh = name.startsWith(`${FRESH}/`);
    let cases: EvalCase[];
    try {
      cases = readCases(path.join(evalDir, `${name}.jsonl`));
    } catch (error) {
      // A fresh file in another format is skipped; its error is not printed, as it may quote a line.
      if (fresh) {
        skipped.push(name);
        continue;
      }
      throw error;
    }
    if (cases.length > 0) sets.push({ name, fresh, cases });
  }
  return { sets, freshIncluded, skipped };
}
