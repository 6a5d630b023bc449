import { ERROR_CODES, type ErrorCode } from '../../src/errors';
import { createI18n } from '../../src/i18n';
import { loadKnowledge } from '../../src/knowledge/load';
import { formatProblem } from '../../src/knowledge/problems';
import { renderEntry } from '../../src/knowledge/render';
import { LOCALES, MAX_ANSWER_CHARS } from '../../src/knowledge/schema';
import { KNOWLEDGE_DIR } from '../helpers/fixtures';
import { copyKnowledge, entryYaml } from '../helpers/kbdir';

describe('the real knowledge base', () => {
  test('loads with no errors: 46 entries, each in English and Spanish with 8+ questions', async () => {
    const { base, problems } = await loadKnowledge(KNOWLEDGE_DIR);
    expect(problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
    expect(base?.entries).toHaveLength(46);
    for (const e of base!.entries) {
      expect(e.en.questions.length).toBeGreaterThanOrEqual(8);
      expect(e.es.questions.length).toBeGreaterThanOrEqual(8);
      expect(e.sources.length).toBeGreaterThan(0);
    }
  });

  test('never states a phone number in an answer: numbers live in contacts.yaml', async () => {
    const { base } = await loadKnowledge(KNOWLEDGE_DIR);
    for (const e of base!.entries) {
      for (const side of [e.en, e.es]) expect([e.id, side.answer]).not.toEqual([e.id, expect.stringMatching(/\d{3}-\d{3}-\d{4}|\b233733\b/)]);
    }
  });

  test('every answer as the website shows it (title and contacts) fits a phone, in both languages', async () => {
    const { base } = await loadKnowledge(KNOWLEDGE_DIR);
    const i18n = createI18n();
    const over = base!.entries.flatMap((e) =>
      LOCALES.map((l) => [e.id, l, renderEntry(e, l, base!.contacts, i18n.t(l)).length] as const).filter(([, , n]) => n > MAX_ANSWER_CHARS),
    );
    expect(over).toEqual([]);
  });

  test('makes none of the retired hotline promises, states no rescinded rule and shows no placeholder', async () => {
    const { base } = await loadKnowledge(KNOWLEDGE_DIR);
    const i18n = createI18n();
    const retired = [
      /only if you agree|you decide whether|with your consent|reasonable steps/i,
      /si usted est[áa] de acuerdo|usted decide si|medidas razonables/i,
      /\bsoon\b|coming soon|\bTBD\b|pronto|pr[óo]ximamente/i,
    ];
    for (const e of base!.entries) {
      for (const l of LOCALES) {
        const shown = renderEntry(e, l, base!.contacts, i18n.t(l));
        for (const re of retired) expect([e.id, l, shown]).not.toEqual([e.id, l, expect.stringMatching(re)]);
      }
    }
  });

  test('shows the Trafficking Hotline above the ICE tip line wherever both appear', async () => {
    const { base } = await loadKnowledge(KNOWLEDGE_DIR);
    const i18n = createI18n();
    const both: string[] = [];
    for (const e of base!.entries) {
      for (const l of LOCALES) {
        const shown = renderEntry(e, l, base!.contacts, i18n.t(l));
        const hotline = shown.indexOf(base!.contacts.get('nhth')!.call!);
        const ice = shown.indexOf(base!.contacts.get('hsi-tipline')!.call!);
        if (ice >= 0) {
          both.push(`${e.id}:${l}`);
          expect([e.id, l, hotline >= 0 && hotline < ice]).toEqual([e.id, l, true]);
        }
      }
    }
    expect(both.length).toBeGreaterThan(0);
  });

  test('never repeats the source article’s wrong TVPA date', async () => {
    const { base } = await loadKnowledge(KNOWLEDGE_DIR);
    for (const e of base!.entries) {
      for (const side of [e.en, e.es]) expect(side.answer).not.toMatch(/TVPA[^.]*2010|2010[^.]*TVPA|UNDOC/);
    }
  });
});

interface BrokenCase {
  readonly name: string;
  readonly file: string;
  readonly text: string;
  readonly code: ErrorCode;
  readonly line: number;
}

/** The English side of an entry with one question and this answer (a YAML value, written as it stands in the file). */
const english = (question: string, answer: string) => `en:\n  title: T\n  questions: [${question}]\n  answer: ${answer}`;

const broken: BrokenCase[] = [
  { name: 'bad YAML', file: 'about/broken.yaml', text: 'id: about.broken\ncategory: about\nreviewed: when: yesterday\n', code: ERROR_CODES.KB_YAML, line: 3 },
  {
    name: 'the same field twice',
    file: 'about/twice.yaml',
    text: 'id: about.twice\ncategory: about\nreviewed: 2026-11-01\nreviewed: 2026-11-02\n',
    code: ERROR_CODES.KB_YAML,
    line: 4,
  },
  {
    name: 'a tab in the indentation',
    file: 'about/tabbed.yaml',
    text: 'id: about.tabbed\ncategory: about\nsources:\n\t- https://example.org\n',
    code: ERROR_CODES.KB_TAB,
    line: 4,
  },
  {
    name: 'missing Spanish side',
    file: 'about/no-es.yaml',
    text: entryYaml('about.no-es', { es: '' }),
    code: ERROR_CODES.KB_MISSING_LANGUAGE,
    line: 1,
  },
  {
    name: 'unknown field',
    file: 'about/extra.yaml',
    text: entryYaml('about.extra', { extra: 'author: someone\n' }),
    code: ERROR_CODES.KB_UNKNOWN_FIELD,
    line: 1,
  },
  {
    name: 'duplicate id',
    file: 'help/copy.yaml',
    text: entryYaml('help.hotline').replace('help.hotline', 'help.hotline'),
    code: ERROR_CODES.KB_ID_MISMATCH,
    line: 1,
  },
  {
    name: 'unknown contact',
    file: 'about/contact.yaml',
    text: entryYaml('about.contact', { en: english('what is the unknown contact test', '|\n    Some words first.\n    Call {{contact:nobody}}') }),
    code: ERROR_CODES.KB_UNKNOWN_CONTACT,
    line: 11,
  },
  {
    name: 'a full card asked for with a misspelt word',
    file: 'about/fulll.yaml',
    text: entryYaml('about.fulll', { en: english('what is the misspelt card test', '|\n    Call {{contact:nhth fulll}}') }),
    code: ERROR_CODES.KB_UNKNOWN_CONTACT,
    line: 10,
  },
  {
    name: 'a colon inside a question',
    file: 'about/colon.yaml',
    text: entryYaml('about.colon', { en: english('my boss: can he keep my passport', 'A.') }),
    code: ERROR_CODES.KB_YAML,
    line: 8,
  },
  {
    name: 'a colon inside a title',
    file: 'about/colon-title.yaml',
    text: entryYaml('about.colon-title', { en: 'en:\n  title: Papers: who may keep them\n  questions: [who may keep my papers test]\n  answer: A.' }),
    code: ERROR_CODES.KB_YAML,
    line: 7,
  },
  {
    name: 'a phone number typed into an answer',
    file: 'about/phone.yaml',
    text: entryYaml('about.phone', { en: english('what is the phone number test', '|\n    Some words first.\n    Call 1-888-373-7888 any time.') }),
    code: ERROR_CODES.KB_PHONE_IN_ANSWER,
    line: 11,
  },
  {
    name: 'a short code typed into an answer',
    file: 'about/shortcode.yaml',
    text: entryYaml('about.shortcode', { en: english('what is the short code test', '"Text 233733."') }),
    code: ERROR_CODES.KB_PHONE_IN_ANSWER,
    line: 9,
  },
  {
    name: 'a promise to post something later (English)',
    file: 'org/soon.yaml',
    text: entryYaml('org.soon', { en: english('what is the soon test', '"Staff will post contact details soon."') }),
    code: ERROR_CODES.KB_PLACEHOLDER_TEXT,
    line: 9,
  },
  {
    name: 'a promise to post something later (Spanish)',
    file: 'org/pronto.yaml',
    text: entryYaml('org.pronto', { es: 'es:\n  title: T\n  questions: [de que trata la prueba de pronto]\n  answer: El personal publicará pronto sus datos.' }),
    code: ERROR_CODES.KB_PLACEHOLDER_TEXT,
    line: 14,
  },
  {
    name: 'a paragraph right after a list',
    file: 'about/list.yaml',
    text: entryYaml('about.list', { en: english('what is the list spacing test', '|\n    Intro:\n    - one\n    - two\n    After the list.') }),
    code: ERROR_CODES.KB_LIST_SPACING,
    line: 13,
  },
  {
    name: 'an answer too long once its title and contact card are shown',
    file: 'about/shown.yaml',
    text: entryYaml('about.shown', { en: english('what is the shown length test', `"${'word '.repeat(125)}{{contact:nhth full}}"`) }),
    code: ERROR_CODES.KB_ANSWER_TOO_LONG,
    line: 9,
  },
  {
    name: 'the same sentence twice in an answer',
    file: 'about/twice-said.yaml',
    text: entryYaml('about.twice-said', { en: english('what is the repeated sentence test', '|\n    The hotline is open every day of the year.\n    The hotline is open every day of the year.') }),
    code: ERROR_CODES.KB_REPEATED_SENTENCE,
    line: 9,
  },
  {
    name: 'wrong date',
    file: 'about/date.yaml',
    text: entryYaml('about.date', { reviewed: '2026-13-45' }),
    code: ERROR_CODES.KB_BAD_DATE,
    line: 3,
  },
  {
    name: 'empty answer',
    file: 'about/empty.yaml',
    text: entryYaml('about.empty', { en: english('what is the empty answer test', '""') }),
    code: ERROR_CODES.KB_EMPTY,
    line: 9,
  },
  {
    name: 'answer too long',
    file: 'about/long.yaml',
    text: entryYaml('about.long', { en: english('what is the long answer test', `"${'word '.repeat(200)}"`) }),
    code: ERROR_CODES.KB_ANSWER_TOO_LONG,
    line: 9,
  },
  {
    name: 'unknown related id',
    file: 'about/related.yaml',
    text: entryYaml('about.related', { related: '[rights.nothing-here]' }),
    code: ERROR_CODES.KB_UNKNOWN_RELATED,
    line: 5,
  },
  {
    name: 'same question as another entry',
    file: 'about/dupq.yaml',
    text: entryYaml('about.dupq', { en: english('what is a t visa', 'A.') }),
    code: ERROR_CODES.KB_DUPLICATE_QUESTION,
    line: 8,
  },
  {
    name: 'raw HTML in an answer',
    file: 'about/html.yaml',
    text: entryYaml('about.html', { en: english('what is the html test', '"<script>alert(1)</script>"') }),
    code: ERROR_CODES.KB_UNSAFE_MARKUP,
    line: 9,
  },
  {
    name: 'javascript link',
    file: 'about/js.yaml',
    text: entryYaml('about.js', { en: english('what is the link test', '"[tap](javascript:alert(1))"') }),
    code: ERROR_CODES.KB_UNSAFE_MARKUP,
    line: 9,
  },
  {
    name: 'id does not match the file',
    file: 'signs/misnamed.yaml',
    text: entryYaml('signs.other-name'),
    code: ERROR_CODES.KB_ID_MISMATCH,
    line: 1,
  },
];

/** Run `check` on a private copy of the knowledge folder, removed afterwards whatever happens. */
async function inCopy(check: (kb: ReturnType<typeof copyKnowledge>) => Promise<void>): Promise<void> {
  const kb = copyKnowledge();
  try {
    await check(kb);
  } finally {
    kb.cleanup();
  }
}

describe('broken files are rejected with their own code, file and line', () => {
  test.each(broken.map((b) => [b.name, b] as const))('%s', (_name, b) =>
    inCopy(async (kb) => {
      kb.write(b.file, b.text);
      const { base, problems } = await loadKnowledge(kb.dir);
      expect(base).toBeNull();
      const mine = problems.filter((p) => p.severity === 'error' && p.file === b.file);
      expect(mine.map((p) => p.code)).toContain(b.code);
      const hit = mine.find((p) => p.code === b.code)!;
      expect(hit.line).toBe(b.line);
      expect(formatProblem(hit)).toMatch(new RegExp(`^${b.file.replace('.', '\\.')}:${b.line}:\\d+  `));
    }));

  test('every problem is reported at once, not just the first', () =>
    inCopy(async (kb) => {
      for (const b of broken.slice(0, 5)) kb.write(b.file, b.text);
      const { problems } = await loadKnowledge(kb.dir);
      const files = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file));
      for (const b of broken.slice(0, 5)) expect(files).toContain(b.file);
    }));

  test('a missing contacts file stops the base', () =>
    inCopy(async (kb) => {
      kb.write('contacts.yaml', 'reviewed: 2026-11-01\ncontacts:\n  - id: emergency\n    name: {en: E, es: E}\n    call: "911"\n');
      const { base, problems } = await loadKnowledge(kb.dir);
      expect(base).toBeNull();
      expect(problems.map((p) => p.code)).toContain(ERROR_CODES.KB_NO_CONTACTS);
    }));
});

describe('messages staff can act on', () => {
  test('a tab is reported alone, in plain words, on its line', () =>
    inCopy(async (kb) => {
      kb.write('about/tabbed.yaml', 'id: about.tabbed\ncategory: about\nsources:\n\t- https://example.org\n\t- https://example.com\n');
      const { problems } = await loadKnowledge(kb.dir);
      const mine = problems.filter((p) => p.file === 'about/tabbed.yaml');
      expect(mine.map((p) => [p.code, p.line])).toEqual([
        [ERROR_CODES.KB_TAB, 4],
        [ERROR_CODES.KB_TAB, 5],
      ]);
      expect(mine[0]!.what).toMatch(/tab/);
    }));

  test.each([
    ['a question', entryYaml('about.colon', { en: english('my boss: can he keep my passport', 'A.') })],
    ['a title', entryYaml('about.colon', { en: 'en:\n  title: Papers: who may keep them\n  questions: [who may keep my papers test]\n  answer: A.' })],
  ])('a colon inside %s is explained as a colon, with the fix', (_name, text) =>
    inCopy(async (kb) => {
      kb.write('about/colon.yaml', text);
      const { problems } = await loadKnowledge(kb.dir);
      const mine = problems.filter((p) => p.file === 'about/colon.yaml');
      expect(mine).toHaveLength(1);
      expect(mine[0]!.what).toMatch(/colon/);
      expect(mine[0]!.what).not.toMatch(/missing or empty/);
      expect(mine[0]!.todo).toMatch(/quotes/);
    }));

  test('a phone number in an answer points to contacts.yaml', () =>
    inCopy(async (kb) => {
      kb.write('about/phone.yaml', entryYaml('about.phone', { en: english('what is the phone number test', '"Call (919) 555-0100."') }));
      const { problems } = await loadKnowledge(kb.dir);
      const hit = problems.find((p) => p.code === ERROR_CODES.KB_PHONE_IN_ANSWER)!;
      expect(hit.file).toBe('about/phone.yaml');
      expect(hit.todo).toMatch(/contacts\.yaml/);
    }));

  test('one broken entry does not make the related lists that name it fail too', () =>
    inCopy(async (kb) => {
      kb.write('rights/t-visa.yaml', 'id: rights.t-visa\ncategory: rights\nreviewed: when: yesterday\n');
      const { problems } = await loadKnowledge(kb.dir);
      expect(problems.filter((p) => p.severity === 'error').map((p) => p.file)).toEqual(['rights/t-visa.yaml']);
    }));
});

describe('warnings', () => {
  test('an old review date and few questions warn but still load', () =>
    inCopy(async (kb) => {
      kb.write('about/old.yaml', entryYaml('about.old', { reviewed: '2020-01-01' }));
      const { base, problems } = await loadKnowledge(kb.dir, new Date('2026-11-28T00:00:00Z'));
      expect(base).not.toBeNull();
      const codes = problems.filter((p) => p.file === 'about/old.yaml').map((p) => p.code);
      expect(codes).toEqual(expect.arrayContaining([ERROR_CODES.KB_STALE, ERROR_CODES.KB_FEW_QUESTIONS]));
    }));
});
