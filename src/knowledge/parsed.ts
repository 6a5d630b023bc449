import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { isScalar, LineCounter, parseDocument, Scalar, type Document } from 'yaml';

/** A place in a knowledge file, 1-based, as staff see it in their editor. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

/**
 * One file of the folder. Its data comes from a fast YAML parser; the slower parser that keeps line
 * positions only runs for a file that has a problem to point at (see `doc`), so that a statewide folder
 * of thousands of entries loads in a fraction of the time while every problem still names its line.
 * (Shared by load.ts, which reads files, and validate.ts, which points at them: neither imports the other.)
 */
export class ParsedFile {
  /** The file's data, or undefined when it is not valid YAML (then `doc.errors` says why and where). */
  readonly data: unknown;
  readonly syntaxOk: boolean;
  /** Lines (1-based) holding a tab: YAML refuses tabs in indentation, and staff get that message alone. */
  readonly tabLines: readonly number[];
  private positioned: { doc: Document.Parsed; lines: LineCounter } | undefined;

  constructor(
    readonly rel: string,
    /** The file's text as staff wrote it. */
    readonly source: string,
  ) {
    const text = source;
    this.tabLines = text.includes('\t')
      ? text.split('\n').flatMap((l, i) => (l.includes('\t') ? [i + 1] : []))
      : [];
    try {
      // The YAML 1.2 core schema, as the positioned parser uses: dates stay text, duplicate keys fail.
      this.data = loadYaml(text, { schema: CORE_SCHEMA, filename: rel });
      this.syntaxOk = true;
    } catch {
      // The positioned parser has the last word, and its errors name the line.
      const doc = this.positionedDoc();
      this.syntaxOk = doc.errors.length === 0;
      this.data = this.syntaxOk ? doc.toJS() : undefined;
    }
  }

  private positionedDoc(): Document.Parsed {
    if (!this.positioned) {
      const lines = new LineCounter();
      const doc = parseDocument(this.source, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
      this.positioned = { doc, lines };
    }
    return this.positioned.doc;
  }

  /** The document with positions, parsed on first use. */
  get doc(): Document.Parsed {
    return this.positionedDoc();
  }

  get lines(): LineCounter {
    this.positionedDoc();
    return this.positioned!.lines;
  }
}

/** Line and column (1-based) of the node at `fieldPath`, or of its nearest existing parent. */
export function positionOf(file: ParsedFile, fieldPath: readonly PropertyKey[]): Position {
  for (let depth = fieldPath.length; depth >= 0; depth--) {
    const keys = fieldPath.slice(0, depth).map((k) => (typeof k === 'symbol' ? String(k) : k));
    const node = keys.length === 0 ? file.doc.contents : file.doc.getIn(keys, true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) {
      const pos = file.lines.linePos(range[0]);
      return { line: pos.line, col: pos.col };
    }
  }
  return { line: 1, col: 1 };
}

/**
 * Where line `index` (0-based) of a text field's value stands in the file. In a block (`answer: |`) the
 * value's lines are the file's lines under the `|`; a one-line value sits on the field's own line.
 */
export function textLineOf(file: ParsedFile, fieldPath: readonly (string | number)[], index: number): Position {
  const node = file.doc.getIn(fieldPath, true);
  if (isScalar(node) && node.range) {
    const start = file.lines.linePos(node.range[0]);
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
      const line = start.line + 1 + index;
      return { line, col: 1 + indentOf(file, line) };
    }
    return { line: start.line + index, col: start.col };
  }
  return positionOf(file, fieldPath);
}

/** Spaces before the text on a line of the file. */
function indentOf(file: ParsedFile, line: number): number {
  const starts = file.lines.lineStarts;
  const from = starts[line - 1] ?? 0;
  const to = starts[line] ?? from;
  const raw = file.source.slice(from, to);
  return raw.length - raw.trimStart().length;
}

/**
 * Positions for tools that hold a loaded base but not its parsed files (kb:check's search warnings):
 * each file is read and parsed once, on the first question about it.
 */
export function fileLocator(dir: string): (rel: string, fieldPath: readonly (string | number)[]) => Position {
  const cache = new Map<string, ParsedFile>();
  return (rel, fieldPath) => {
    let file = cache.get(rel);
    if (!file) {
      try {
        file = new ParsedFile(rel, readFileSync(path.join(dir, rel), 'utf8'));
      } catch {
        return { line: 1, col: 1 };
      }
      cache.set(rel, file);
    }
    return positionOf(file, fieldPath);
  };
}
