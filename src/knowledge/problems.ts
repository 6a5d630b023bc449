import type { ErrorCode } from '../errors';

/** One thing wrong with the knowledge files, placed so staff can find and fix it. */
export interface Problem {
  readonly severity: 'error' | 'warning';
  readonly code: ErrorCode;
  /** Path relative to the knowledge folder. */
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** The field, e.g. `es.answer`; empty for the whole file. */
  readonly field: string;
  readonly what: string;
  readonly todo: string;
}

/** `file:line:col  field  what is wrong  what to do`, the one format staff see everywhere. */
export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.col}`;
  const tag = p.severity === 'warning' ? 'warning: ' : '';
  return `${where}  ${p.field || '-'}  ${tag}${p.what}  ${p.todo}`;
}
