import { ERROR_CODES } from '../errors';
import { normalize } from '../text/normalize';
import type { ParsedFile } from './load';
import { positionOf } from './load';
import { knowledgeMarkupProblems } from './markup';
import type { Problem } from './problems';
import { LOCALES, type Contact, type Entry } from './schema';

/** Staff are asked to re-check facts yearly. */
const STALE_AFTER_DAYS = 365;
/** Fewer question variants than this and people's real wordings are missed. */
export const MIN_QUESTIONS = 8;

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;
const CONTACT_REF = /^contact:([a-z0-9-]+)$/;

/** Markup that could run code or load things from elsewhere when an answer is rendered. */
const UNSAFE: readonly { re: RegExp; what: string }[] = [
  { re: /<\/?[a-z][^>]*>/i, what: 'raw HTML' },
  { re: /javascript:/i, what: 'a javascript: link' },
  { re: /data:[a-z]+\/[a-z]/i, what: 'a data: link' },
  { re: /!\[[^\]]*\]\(\s*(?!\))/, what: 'an image' },
];

/** Contact ids referenced in an answer, in order. Malformed placeholders come back as null. */
export function contactRefs(answer: string): (string | null)[] {
  return [...answer.matchAll(PLACEHOLDER)].map((m) => CONTACT_REF.exec(m[1] ?? '')?.[1] ?? null);
}

/** Checks across files: ids, duplicates, references, dates, markup. */
export function crossCheck(
  items: readonly { entry: Entry; file: ParsedFile }[],
  contacts: ReadonlyMap<string, Contact>,
  now: Date,
): Problem[] {
  const problems: Problem[] = [];
  const at = (file: ParsedFile, p: readonly (string | number)[]) => ({ file: file.rel, ...positionOf(file, p) });
  const ids = new Map<string, string>();
  for (const { entry, file } of items) {
    const expected = file.rel.replace(/\.ya?ml$/, '').replace('/', '.');
    if (entry.id !== expected || !entry.id.startsWith(`${entry.category}.`)) {
      problems.push({
        severity: 'error', code: ERROR_CODES.KB_ID_MISMATCH, ...at(file, ['id']), field: 'id',
        what: `id ${entry.id} does not match the file name and category`,
        todo: `use id ${expected} with category ${file.rel.split('/')[0]}, or rename the file`,
      });
    }
    const seen = ids.get(entry.id);
    if (seen) {
      problems.push({
        severity: 'error', code: ERROR_CODES.KB_DUPLICATE_ID, ...at(file, ['id']), field: 'id',
        what: `id ${entry.id} is already used by ${seen}`, todo: 'give this entry its own id',
      });
    } else ids.set(entry.id, file.rel);
  }

  const questionOwners = new Map<string, { id: string; file: ParsedFile; field: [string, string, number] }[]>();
  for (const { entry, file } of items) {
    entry.related.forEach((rel, i) => {
      if (!ids.has(rel)) {
        problems.push({
          severity: 'error', code: ERROR_CODES.KB_UNKNOWN_RELATED, ...at(file, ['related', i]), field: `related[${i}]`,
          what: `no entry has the id ${rel}`, todo: 'fix the spelling or remove it from related',
        });
      }
    });
    const ageDays = (now.getTime() - Date.parse(`${entry.reviewed}T00:00:00Z`)) / 86_400_000;
    if (ageDays > STALE_AFTER_DAYS) {
      problems.push({
        severity: 'warning', code: ERROR_CODES.KB_STALE, ...at(file, ['reviewed']), field: 'reviewed',
        what: `last reviewed ${entry.reviewed}, more than a year ago`, todo: 'check the facts and sources again, then update the date',
      });
    }
    for (const locale of LOCALES) {
      const side = entry[locale];
      if (side.questions.length < MIN_QUESTIONS) {
        problems.push({
          severity: 'warning', code: ERROR_CODES.KB_FEW_QUESTIONS, ...at(file, [locale, 'questions']), field: `${locale}.questions`,
          what: `only ${side.questions.length} questions`, todo: `add more ways people ask this (at least ${MIN_QUESTIONS})`,
        });
      }
      side.questions.forEach((q, i) => {
        const key = `${locale}:${normalize(q).text}`;
        const list = questionOwners.get(key) ?? [];
        list.push({ id: entry.id, file, field: [locale, 'questions', i] });
        questionOwners.set(key, list);
      });
      contactRefs(side.answer).forEach((ref) => {
        if (ref === null) {
          problems.push({
            severity: 'error', code: ERROR_CODES.KB_UNKNOWN_CONTACT, ...at(file, [locale, 'answer']), field: `${locale}.answer`,
            what: 'a {{...}} placeholder is not of the form {{contact:id}}', todo: 'write it as {{contact:nhth}}',
          });
        } else if (!contacts.has(ref)) {
          problems.push({
            severity: 'error', code: ERROR_CODES.KB_UNKNOWN_CONTACT, ...at(file, [locale, 'answer']), field: `${locale}.answer`,
            what: `no contact has the id ${ref}`, todo: `use one of: ${[...contacts.keys()].join(', ')}`,
          });
        }
      });
      for (const { re, what } of UNSAFE) {
        if (re.test(side.answer) || re.test(side.title)) {
          problems.push({
            severity: 'error', code: ERROR_CODES.KB_UNSAFE_MARKUP, ...at(file, [locale, 'answer']), field: `${locale}.answer`,
            what: `the answer contains ${what}`, todo: 'use plain text and markdown only (bold, lists, https links)',
          });
        }
      }
    }
  }
  problems.push(...knowledgeMarkupProblems(items, contacts, at));
  // The same question in two entries: reported in every file that has it, so staff see both sides.
  for (const owners of questionOwners.values()) {
    const ids = [...new Set(owners.map((o) => o.id))];
    if (ids.length < 2) continue;
    for (const o of owners) {
      const others = ids.filter((id) => id !== o.id).join(', ');
      problems.push({
        severity: 'error', code: ERROR_CODES.KB_DUPLICATE_QUESTION, ...at(o.file, o.field),
        field: `${o.field[0]}.questions[${o.field[2]}]`, what: `the same question is also in ${others}`,
        todo: 'keep it in the entry that answers it best and reword or remove the other',
      });
    }
  }
  return problems;
}
