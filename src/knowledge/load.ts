import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors';
import { ParsedFile, positionOf } from './parsed';
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

/** The value at `fieldPath` in a file's data, or undefined. */
function valueAt(data: unknown, fieldPath: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of fieldPath) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** `en.questions.3` as staff read it: `en.questions[3]`. */
function fieldName(fieldPath: readonly PropertyKey[]): string {
  return fieldPath.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i > 0 ? '.' : ''}${String(k)}`)).join('');
}

const COLON_TODO = 'put the whole text in double quotes (title: "Papers: who keeps them" or - "my boss: can he keep my passport"), or remove the colon';

function classify(issue: z.core.$ZodIssue, data: unknown): { code: ErrorCode; what: string; todo: string } {
  const field = fieldName(issue.path);
  const value = valueAt(data, issue.path);
  // `- can i work: i have no papers` is read by YAML as a field named "can i work", not as text.
  if (issue.path.length > 1 && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const key = Object.keys(value)[0] ?? '';
    return {
      code: ERROR_CODES.KB_YAML,
      what: `${field} has a colon followed by a space ("${key}: ..."), so YAML reads it as a field name instead of text`,
      todo: COLON_TODO,
    };
  }
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

/** Parser messages that, in a knowledge file, nearly always mean a colon inside text. */
const COLON_ERRORS = /nested mappings|implicit keys|mapping values|compact mappings/i;

function yamlProblems(file: ParsedFile): Problem[] {
  // A tab is reported alone, in plain words: it also makes the parser print several confusing messages.
  if (file.tabLines.length > 0) {
    return file.tabLines.map((line) => ({
      severity: 'error' as const, code: ERROR_CODES.KB_TAB, file: file.rel, line, col: 1, field: '',
      what: 'this line has a tab character; YAML files may only be indented with spaces',
      todo: 'replace the tab with spaces (set your editor to insert spaces for the Tab key)',
    }));
  }
  const sourceLines = file.source.split('\n');
  return file.doc.errors.map((err) => {
    const line = err.linePos?.[0]?.line ?? 1;
    const col = err.linePos?.[0]?.col ?? 1;
    const text = sourceLines[line - 1] ?? '';
    const colon = COLON_ERRORS.test(err.message) && /\S: \S/.test(text.replace(/^\s*-?\s*[\w.-]+: /, ''));
    return {
      severity: 'error' as const,
      code: ERROR_CODES.KB_YAML,
      file: file.rel,
      line,
      col,
      field: '',
      what: colon
        ? 'the text on this line has a colon followed by a space, which YAML reads as the start of a new field'
        : `YAML syntax: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      todo: colon ? COLON_TODO : 'check indentation and quotes on that line (a colon inside text needs quotes)',
    };
  });
}

function schemaProblems(file: ParsedFile, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    const { code, what, todo } = classify(issue, file.data);
    const pos = positionOf(file, issue.path);
    return { severity: 'error' as const, code, file: file.rel, ...pos, field: fieldName(issue.path), what, todo };
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
  // Entries that fail are still "there" for other files: one broken file must not make every `related`
  // list that names it report an error too.
  const unreadable = new Set<string>();
  const contactsOk = contactsFile !== undefined && !problems.some((p) => p.file === CONTACTS_FILE);
  for (const file of parsed) {
    if (file === contactsFile) continue;
    if (file.rel.includes('/')) unreadable.add(file.rel.replace(/\.ya?ml$/, '').replace('/', '.'));
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
    unreadable.delete(file.rel.replace(/\.ya?ml$/, '').replace('/', '.'));
    entries.push({ entry: result.data, file });
  }

  problems.push(...crossCheck(entries, contacts, now, { unreadable, contactsOk }));
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

