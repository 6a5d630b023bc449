/**
 * Staff markup, checked the way the chat page renders it. Answers and contact lines are Markdown that
 * the page renders (public/markdown.js: links written as links, http(s) addresses, numbers) and other Bot
 * Framework channels render as Markdown; markdown-it with HTML on reads it here at its most permissive. The
 * renderers' escaping is the last line, not the rule: raw HTML (an image, an off-site link, an inline
 * handler) and links anywhere but a web page, a phone call or a text message are refused here, before
 * they are served. Links are judged after markdown-it has decoded them, so `java&#115;cript:` is
 * `javascript:`.
 */
import MarkdownIt from 'markdown-it';
import { ERROR_CODES } from '../errors';
import type { ParsedFile } from './parsed';
import type { Problem } from './problems';
import { LOCALES, type Contact, type Entry } from './schema';

/** Where a link may go: a web page over TLS, a call, a text message. */
export const ALLOWED_LINK_SCHEMES: ReadonlySet<string> = new Set(['https', 'tel', 'sms']);

export interface MarkupProblem {
  /**
   * `warning`: no markup check gives one at present. A bare site name ("988lifeline.org"), once a warning,
   * is text on the page, not a link.
   */
  readonly severity: 'error' | 'warning';
  /** 1-based line and column in the text. */
  readonly line: number;
  readonly col: number;
  readonly what: string;
  readonly todo: string;
}

type Token = ReturnType<MarkdownIt['parse']>[number];

/** markdown-it with raw HTML, linkify and typographer on, so the check sees whatever could become markup. */
// The chat page's renderer (public/markdown.js) leaves a site name written bare ("988lifeline.org") as
// text and links what is written as a link or as an http(s) address: linkify, but not of bare names.
const md = new MarkdownIt({ html: true, linkify: true, typographer: true, breaks: false });
md.linkify.set({ fuzzyLink: false });
md.validateLink = () => true;

/** The scheme a browser would follow, lower case, after percent-decoding and without control characters. */
function schemeOf(href: string): string | null {
  let decoded = href;
  try {
    decoded = decodeURIComponent(href);
  } catch {
    // Malformed escapes: judge the text as it is.
  }
  // Browsers drop tabs and newlines inside a URL, and leading spaces and controls.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a browser drops here
  const cleaned = decoded.replace(/[\u0000-\u0020\u007f]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase() ?? null;
}

/** 1-based line and column of an offset in a text. */
function position(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Offset of the first line of a block, from markdown-it's line map. */
function lineStart(text: string, line: number): number {
  let at = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at;
}

/**
 * Problems in one text field, each placed at its line and column in the text. Pure: the same text
 * always gives the same problems.
 */
export function checkMarkup(text: string): MarkupProblem[] {
  const problems: MarkupProblem[] = [];
  const add = (offset: number, what: string, todo: string, severity: MarkupProblem['severity'] = 'error') =>
    problems.push({ severity, ...position(text, offset), what, todo });
  // Inline tokens carry no positions: each is found in the source after the one before it.
  let cursor = 0;
  const find = (needle: string, from: number) => {
    const at = needle ? text.indexOf(needle, from) : -1;
    return at >= 0 ? at : from;
  };
  for (const block of md.parse(text, {})) {
    const blockStart = block.map ? lineStart(text, block.map[0]) : cursor;
    cursor = Math.max(cursor, blockStart);
    if (block.type === 'html_block') {
      add(find(block.content.trim(), blockStart), 'raw HTML', 'write plain text and Markdown (**bold**, lists, [links](https://…))');
      continue;
    }
    const children: readonly Token[] = block.children ?? [];
    children.forEach((token, i) => {
      if (token.type === 'html_inline') {
        cursor = find(token.content, cursor);
        add(cursor, 'raw HTML', 'write plain text and Markdown (**bold**, lists, [links](https://…))');
        cursor += token.content.length;
      } else if (token.type === 'image') {
        cursor = find('![', cursor);
        add(cursor, 'an image (it loads from another site)', 'remove it; answers carry text and links only');
        cursor += 2;
      } else if (token.type === 'link_open') {
        const label = children[i + 1]?.type === 'text' ? children[i + 1]!.content : '';
        cursor = token.markup === 'linkify' ? find(label, cursor) : find(token.markup === 'autolink' ? '<' : '[', cursor);
        const href = token.attrGet('href') ?? '';
        const scheme = schemeOf(href);
        if (scheme === null || !ALLOWED_LINK_SCHEMES.has(scheme)) {
          add(cursor, scheme ? `a ${scheme}: link` : 'a link with no https:// address', 'link only to https://, tel: or sms: addresses');
        }
        cursor += 1;
      }
    });
  }
  return problems;
}

/** Where crossCheck places a field of an entry's file. */
type Locate = (file: ParsedFile, path: readonly (string | number)[]) => { file: string; line: number; col: number };

function problem(where: { file: string; line: number; col: number }, field: string, p: MarkupProblem): Problem {
  return {
    severity: p.severity,
    code: ERROR_CODES.KB_UNSAFE_MARKUP,
    ...where,
    field,
    what: `${p.what} at line ${p.line}, column ${p.col} of the text`,
    todo: p.todo,
  };
}

/**
 * Every text field of every entry (title, questions, keywords, answer) and of every contact (name,
 * hours, note), checked by `checkMarkup`. Contacts carry no file positions here: their problems point at
 * contacts.yaml and name the contact and field.
 */
export function knowledgeMarkupProblems(
  items: readonly { entry: Entry; file: ParsedFile }[],
  contacts: ReadonlyMap<string, Contact>,
  at: Locate,
): Problem[] {
  const problems: Problem[] = [];
  for (const { entry, file } of items) {
    for (const locale of LOCALES) {
      const side = entry[locale];
      const fields: [readonly (string | number)[], string][] = [
        [[locale, 'title'], side.title],
        [[locale, 'answer'], side.answer],
        ...side.questions.map((q, i): [readonly (string | number)[], string] => [[locale, 'questions', i], q]),
        ...(side.keywords ?? []).map((k, i): [readonly (string | number)[], string] => [[locale, 'keywords', i], k]),
      ];
      for (const [path, value] of fields) {
        const field = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
        for (const p of checkMarkup(value)) problems.push(problem(at(file, path), field, p));
      }
    }
  }
  for (const contact of contacts.values()) {
    for (const key of ['name', 'hours', 'note'] as const) {
      const texts = contact[key];
      if (!texts) continue;
      for (const locale of LOCALES) {
        for (const p of checkMarkup(texts[locale])) {
          problems.push(problem({ file: 'contacts.yaml', line: 1, col: 1 }, `contacts.${contact.id}.${key}.${locale}`, p));
        }
      }
    }
  }
  return problems;
}
