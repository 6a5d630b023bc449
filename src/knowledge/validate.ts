import { ERROR_CODES } from '../errors';
import { createI18n } from '../i18n';
import { normalize } from '../text/normalize';
import { knowledgeMarkupProblems } from './markup';
import { positionOf, textLineOf, type ParsedFile } from './parsed';
import type { Problem } from './problems';
import { renderEntry } from './render';
import { LOCALES, MAX_ANSWER_CHARS, type Contact, type Entry, type Locale } from './schema';

/** Staff are asked to re-check facts yearly. */
const STALE_AFTER_DAYS = 365;
/** Fewer question variants than this and people's real wordings are missed. */
export const MIN_QUESTIONS = 8;

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;
const CONTACT_REF = /^contact:([a-z0-9-]+)(?:\s+full)?$/;

/**
 * Wording that promises something later ("will post ... soon"): it goes stale and tells a person in need
 * nothing. Leave the sentence out until staff have the detail.
 */
const PLACEHOLDER_PHRASES: readonly RegExp[] = [
  /\bwill\s+(?:post|add|publish|share|put)\b[^.\n]*\bsoon\b/i,
  /\bsoon\b[^.\n]*\bwill\s+(?:post|add|publish)\b/i,
  /\bstaff\s+will\b/i,
  /\bcoming\s+soon\b/i,
  /\b(?:TBD|TBA|TODO|FIXME|lorem ipsum)\b/,
  // Spanish words end in accented letters, which \b does not see as letters: (?!\p{L}) instead.
  /\bpublicar[áa]n?(?!\p{L})[^.\n]*\bpronto\b|\bpronto\b[^.\n]*\bpublicar[áa]n?(?!\p{L})/iu,
  /\bpersonal\b[^.\n]*\b(?:publicar|agregar|añadir|pondr)[áa](?!\p{L})/iu,
  /\bpr[óo]ximamente\b/iu,
];

/** A US phone number written out (1-888-373-7888, (919) 555-0100, 1-800-THE-LOST). */
const PHONE = /(?<![\w-])(?:\+?1[-. ])?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-])|\b1-8\d\d-[A-Z0-9]*[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\b/;

/** A line that starts a list item in markdown. */
const LIST_ITEM = /^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+\S/;

/** Sentences shorter than this may repeat ("Call 911.") without anyone noticing. */
const MIN_REPEATED_SENTENCE = 24;

let renderer: ReturnType<typeof createI18n> | undefined;
/** The real interface strings, so the length measured is the length a reader gets. */
function translator(locale: Locale) {
  renderer ??= createI18n();
  return renderer.t(locale);
}

/** Numbers a contact is reached on, long enough that typing one into an answer is a mistake. */
function contactNumbers(contacts: ReadonlyMap<string, Contact>): Set<string> {
  const out = new Set<string>();
  for (const c of contacts.values()) {
    for (const n of [c.call, c.text, c.tty]) if (n && n.replace(/\D/g, '').length >= 5) out.add(n.replace(/\D/g, ''));
  }
  return out;
}

/** Sentences said twice in one answer as shown (a contact line that repeats the text, for example). */
export function repeatedSentences(shown: string): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const raw of shown.split(/(?<=[.!?])\s+|\n+/)) {
    const s = raw.replace(/[*_]/g, '').replace(/^[-\s]+/, '').trim().toLowerCase();
    if (s.length < MIN_REPEATED_SENTENCE) continue;
    if (seen.has(s)) twice.add(s);
    seen.add(s);
  }
  return [...twice];
}

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
  options: { readonly unreadable?: ReadonlySet<string>; readonly contactsOk?: boolean } = {},
): Problem[] {
  const problems: Problem[] = [];
  const contactsOk = options.contactsOk ?? true;
  const numbers = contactNumbers(contacts);
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
      if (!ids.has(rel) && !options.unreadable?.has(rel)) {
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
      problems.push(...answerProblems(entry, locale, file, contacts, numbers, contactsOk));
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

/** The answer's own text as written in the file (untrimmed, so its lines match the file's lines). */
function rawAnswer(file: ParsedFile, locale: Locale, fallback: string): string {
  const side = (file.data as Record<string, unknown> | undefined)?.[locale];
  const value = side && typeof side === 'object' ? (side as Record<string, unknown>).answer : undefined;
  return typeof value === 'string' ? value : fallback;
}

/** Line by line checks of one answer, each reported at the line of the file that has the problem. */
function answerProblems(
  entry: Entry,
  locale: Locale,
  file: ParsedFile,
  contacts: ReadonlyMap<string, Contact>,
  numbers: ReadonlySet<string>,
  contactsOk: boolean,
): Problem[] {
  const problems: Problem[] = [];
  const field = `${locale}.answer`;
  const lines = rawAnswer(file, locale, entry[locale].answer).split('\n');
  const at = (i: number) => ({ file: file.rel, ...textLineOf(file, [locale, 'answer'], i) });
  let inList = false;
  lines.forEach((line, i) => {
    for (const m of line.matchAll(PLACEHOLDER)) {
      const ref = CONTACT_REF.exec(m[1] ?? '')?.[1];
      if (ref === undefined) {
        problems.push({
          severity: 'error', code: ERROR_CODES.KB_UNKNOWN_CONTACT, ...at(i), field,
          what: `${m[0]} is not of the form {{contact:id}} or {{contact:id full}}`, todo: 'write it as {{contact:nhth}}',
        });
      } else if (contactsOk && !contacts.has(ref)) {
        problems.push({
          severity: 'error', code: ERROR_CODES.KB_UNKNOWN_CONTACT, ...at(i), field,
          what: `no contact has the id ${ref}`, todo: `use one of: ${[...contacts.keys()].join(', ')}`,
        });
      }
    }
    const withoutPlaceholders = line.replace(PLACEHOLDER, '');
    const phone = PHONE.exec(withoutPlaceholders)?.[0] ??
      withoutPlaceholders.match(/\b\d[\d-]{3,}\d\b/g)?.find((n) => numbers.has(n.replace(/\D/g, '')));
    if (phone) {
      problems.push({
        severity: 'error', code: ERROR_CODES.KB_PHONE_IN_ANSWER, ...at(i), field,
        what: `the phone number ${phone} is typed into the answer`,
        todo: 'numbers live in knowledge/contacts.yaml only: write {{contact:id}} here (add the contact there first if it is new)',
      });
    }
    const stale = PLACEHOLDER_PHRASES.find((re) => re.test(line));
    if (stale) {
      problems.push({
        severity: 'error', code: ERROR_CODES.KB_PLACEHOLDER_TEXT, ...at(i), field,
        what: `"${stale.exec(line)![0]}" promises something later, and a reader gets nothing from it`,
        todo: 'leave the sentence out until staff have the detail (a contact goes in contacts.yaml)',
      });
    }
    // Markdown reads a line right under a list as part of the last bullet.
    const blank = line.trim() === '';
    if (LIST_ITEM.test(line)) inList = true;
    else if (blank) inList = false;
    else if (inList && !/^\s{2,}\S/.test(line)) {
      problems.push({
        severity: 'error', code: ERROR_CODES.KB_LIST_SPACING, ...at(i), field,
        what: 'this line comes right after a list, so it would be shown inside the last bullet',
        todo: 'leave an empty line between the list and this line',
      });
      inList = false;
    }
  });
  if (contactsOk && problems.every((p) => p.code !== ERROR_CODES.KB_UNKNOWN_CONTACT)) {
    const shown = renderEntry(entry, locale, contacts, translator(locale));
    if (shown.length > MAX_ANSWER_CHARS) {
      problems.push({
        severity: 'error', code: ERROR_CODES.KB_ANSWER_TOO_LONG, file: file.rel, ...positionOf(file, [locale, 'answer']), field,
        what: `as shown (title and contact lines included) the answer is ${shown.length} characters, more than ${MAX_ANSWER_CHARS}`,
        todo: 'shorten it, use the short contact line {{contact:id}} instead of a full card, or move detail to a related entry',
      });
    }
    for (const sentence of repeatedSentences(shown)) {
      problems.push({
        severity: 'error', code: ERROR_CODES.KB_REPEATED_SENTENCE, file: file.rel, ...positionOf(file, [locale, 'answer']), field,
        what: `"${sentence}" is said twice in the answer as shown (a contact line may already say it)`,
        todo: 'say it once',
      });
    }
  }
  return problems;
}
