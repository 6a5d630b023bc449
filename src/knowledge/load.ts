import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors';
import type { Problem } from './problems';
import { CATEGORIES, contactsFileSchema, entrySchema, MAX_ANSWER_CHARS, type Contact, type Entry } from './schema';
import { crossCheck } from './validate';

export const CONTACTS_FILE = 'contacts.yaml';
/** Safety messages are built from these contacts; a base without them is never served. */
export const REQUIRED_CONTACTS = ['emergency', 'nhth', 'lifeline'] as const;

export interface KnowledgeBase {
  readonly entries: readonly Entry[];
  readonly contacts: ReadonlyMap<string, Contact>;
  /** Short hash of every file's bytes: changes whenever staff change anything. */
  readonly version: string;
  /** Where each entry came from (relative path), for tools that point staff at a file. */
  readonly files: ReadonlyMap<string, string>;
}

export interface LoadResult {
  /** Null when any error was found: a base with errors is never served. */
  readonly base: KnowledgeBase | null;
  readonly problems: readonly Problem[];
}

/**
 * One file of the folder. Its data comes from a fast YAML parser; the slower parser that keeps line
 * positions only runs for a file that has a problem to point at (see `doc`), so that a statewide folder
 * of thousands of entries loads in a fraction of the time while every problem still names its line.
 */
class ParsedFile {
  /** The file's data, or undefined when it is not valid YAML (then `doc.errors` says why and where). */
  readonly data: unknown;
  readonly syntaxOk: boolean;
  private positioned: { doc: Document.Parsed; lines: LineCounter } | undefined;

  constructor(
    readonly rel: string,
    private readonly text: string,
  ) {
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
      const doc = parseDocument(this.text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
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
export function positionOf(file: ParsedFile, fieldPath: readonly PropertyKey[]): { line: number; col: number } {
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

function classify(issue: z.core.$ZodIssue): { code: ErrorCode; what: string; todo: string } {
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    return {
      code: ERROR_CODES.KB_UNKNOWN_FIELD,
      what: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`,
      todo: 'check the spelling or remove it (allowed: id, category, reviewed, sources, related, en, es; in a language: title, questions, keywords, answer)',
    };
  }
  if ((field === 'en' || field === 'es') && issue.code === 'invalid_type') {
    return {
      code: ERROR_CODES.KB_MISSING_LANGUAGE,
      what: `the ${field === 'en' ? 'English' : 'Spanish'} side is missing`,
      todo: `add an "${field}:" section with title, questions and answer`,
    };
  }
  if (field === 'reviewed') {
    return { code: ERROR_CODES.KB_BAD_DATE, what: `reviewed ${issue.message}`, todo: 'write the date you checked the facts, like 2026-11-01' };
  }
  if (field.endsWith('answer') && issue.code === 'too_big') {
    return {
      code: ERROR_CODES.KB_ANSWER_TOO_LONG,
      what: `the answer is too long (at most ${MAX_ANSWER_CHARS} characters)`,
      todo: 'shorten it, or move part of it to a related entry',
    };
  }
  if (issue.code === 'too_small' || (issue.code === 'invalid_type' && issue.input === undefined)) {
    return { code: ERROR_CODES.KB_EMPTY, what: `${field || 'the file'} is missing or empty`, todo: 'fill it in' };
  }
  return { code: ERROR_CODES.KB_SCHEMA, what: `${field || 'the file'} ${issue.message}`, todo: 'compare with the example in knowledge/README.md' };
}

function yamlProblems(file: ParsedFile): Problem[] {
  return file.doc.errors.map((err) => ({
    severity: 'error' as const,
    code: ERROR_CODES.KB_YAML,
    file: file.rel,
    line: err.linePos?.[0]?.line ?? 1,
    col: err.linePos?.[0]?.col ?? 1,
    field: '',
    what: `YAML syntax: ${err.message.split('\n')[0]}`,
    todo: 'check indentation and quotes on that line (a colon inside text needs quotes)',
  }));
}

function schemaProblems(file: ParsedFile, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    const { code, what, todo } = classify(issue);
    const pos = positionOf(file, issue.path);
    return { severity: 'error' as const, code, file: file.rel, ...pos, field: issue.path.join('.'), what, todo };
  });
}

async function listYamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const top = await readdir(dir, { withFileTypes: true });
  for (const d of top) {
    if (d.isFile() && /\.ya?ml$/.test(d.name)) out.push(d.name);
    if (d.isDirectory() && !d.name.startsWith('.')) {
      for (const f of await readdir(path.join(dir, d.name), { withFileTypes: true })) {
        if (f.isFile() && /\.ya?ml$/.test(f.name)) out.push(`${d.name}/${f.name}`);
      }
    }
  }
  return out.sort();
}

/** Files read at once: a statewide directory has thousands, and reading them one by one mostly waits. */
const READ_CONCURRENCY = 32;

/** Every file's text, in the order given, read a few dozen at a time. */
async function readAll(dir: string, files: readonly string[]): Promise<string[]> {
  const texts = new Array<string>(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      texts[i] = await readFile(path.join(dir, files[i]!), 'utf8');
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  return texts;
}


/**
 * Read and validate a knowledge folder. Every problem in every file is collected (never just the first);
 * the base is returned only when there are no errors.
 */
export async function loadKnowledge(dir: string, now: Date = new Date()): Promise<LoadResult> {
  const problems: Problem[] = [];
  let files: string[];
  try {
    files = await listYamlFiles(dir);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    problems.push({
      severity: 'error', code: ERROR_CODES.KB_READ, file: dir, line: 1, col: 1, field: '',
      what: `the knowledge folder cannot be read (${reason})`, todo: 'check KNOWLEDGE_DIR points at the knowledge folder',
    });
    return { base: null, problems };
  }
  const hash = createHash('sha256');
  const parsed: ParsedFile[] = [];
  const texts = await readAll(dir, files);
  files.forEach((rel, i) => {
    const text = texts[i]!;
    hash.update(rel).update('\0').update(text).update('\0');
    parsed.push(new ParsedFile(rel, text));
  });

  let contacts = new Map<string, Contact>();
  const contactsFile = parsed.find((f) => f.rel === CONTACTS_FILE);
  if (!contactsFile) {
    problems.push({
      severity: 'error', code: ERROR_CODES.KB_NO_CONTACTS, file: CONTACTS_FILE, line: 1, col: 1, field: '',
      what: 'contacts.yaml is missing', todo: 'restore knowledge/contacts.yaml: every phone number lives there',
    });
  } else if (!contactsFile.syntaxOk) {
    problems.push(...yamlProblems(contactsFile));
  } else {
    const result = contactsFileSchema.safeParse(contactsFile.data);
    if (result.success) {
      contacts = new Map(result.data.contacts.map((c) => [c.id, c]));
      for (const id of REQUIRED_CONTACTS) {
        if (!contacts.has(id)) {
          problems.push({
            severity: 'error', code: ERROR_CODES.KB_NO_CONTACTS, file: CONTACTS_FILE, line: 1, col: 1, field: 'contacts',
            what: `the contact ${id} is missing`, todo: 'restore it: every safety message uses it',
          });
        }
      }
    } else problems.push(...schemaProblems(contactsFile, result.error));
  }

  const entries: { entry: Entry; file: ParsedFile }[] = [];
  for (const file of parsed) {
    if (file === contactsFile) continue;
    if (!file.rel.includes('/')) {
      problems.push({
        severity: 'error', code: ERROR_CODES.KB_ID_MISMATCH, file: file.rel, line: 1, col: 1, field: '',
        what: 'an entry file is outside a category folder', todo: `move it into one of: ${CATEGORIES.join(', ')}`,
      });
      continue;
    }
    if (!file.syntaxOk) {
      problems.push(...yamlProblems(file));
      continue;
    }
    const data = file.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      problems.push({
        severity: 'error', code: ERROR_CODES.KB_EMPTY, file: file.rel, line: 1, col: 1, field: '',
        what: 'the file holds no entry', todo: 'start from the example in knowledge/README.md',
      });
      continue;
    }
    const result = entrySchema.safeParse(data);
    if (!result.success) {
      problems.push(...schemaProblems(file, result.error));
      continue;
    }
    entries.push({ entry: result.data, file });
  }

  problems.push(...crossCheck(entries, contacts, now));
  const hasErrors = problems.some((p) => p.severity === 'error');
  if (hasErrors) return { base: null, problems };
  return {
    base: {
      entries: entries.map((e) => e.entry),
      contacts,
      version: hash.digest('hex').slice(0, 12),
      files: new Map(entries.map((e) => [e.entry.id, e.file.rel])),
    },
    problems,
  };
}

export type { ParsedFile };
