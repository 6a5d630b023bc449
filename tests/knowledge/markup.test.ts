import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkMarkup } from '../../src/knowledge/markup';
import { ROOT } from '../helpers/fixtures';
import { copyKnowledge, entryYaml } from '../helpers/kbdir';

/** Staff markup is parsed by markdown-it at its most permissive, not matched by a regex. */
describe('checkMarkup', () => {
  const refused: [string, string, RegExp][] = [
    ['raw HTML inline', 'Call us <img src=https://evil.example/x.png> today', /raw HTML/],
    ['raw HTML as a block', 'Hello\n\n<div onclick="x()">tap</div>\n', /raw HTML/],
    ['an HTML comment', 'Hi <!-- hidden --> there', /raw HTML/],
    ['an image', '![logo](https://evil.example/x.png)', /an image/],
    ['a javascript: link', '[tap](javascript:alert(1))', /javascript: link/],
    ['a javascript: link spelled with an entity', '[tap](java&#115;cript:alert(1))', /javascript: link/],
    ['a javascript: link spelled with a hex entity and capitals', '[tap](JaVa&#x73;cript:alert(1))', /javascript: link/],
    ['a javascript: link with a tab inside', '[tap](<java\tscript:alert(1)>)', /javascript: link/],
    ['a javascript: autolink', '<javascript:alert(1)>', /javascript: link/],
    ['a javascript: link by reference', '[tap][x]\n\n[x]: javascript:alert(1)', /javascript: link/],
    ['a data: link', '[tap](data:text/html;base64,PHNjcmlwdD4=)', /data: link/],
    ['an http: link', '[site](http://example.org)', /http: link/],
    ['an http: address written out', 'see http://example.org now', /http: link/],
    ['a mailto: link', 'write to someone@example.org', /mailto: link/],
    ['a link to a relative path', '[tap](/api/messages)', /no https/],
  ];
  test.each(refused)('%s is an error', (_name, text, what) => {
    const problems = checkMarkup(text);
    expect(problems.map((p) => p.severity)).toContain('error');
    expect(problems.map((p) => p.what).join(' | ')).toMatch(what);
  });

  test.each([
    ['plain text with Markdown', '**Call 911** if you are in danger.\n\n- one\n- two'],
    ['https, tel and sms links', '[Hotline](https://humantraffickinghotline.org), [call](tel:+18883737888), [text](sms:233733)'],
    ['text that only looks like markup', 'If you are < 18 or > 65, 5 < 6 & "quotes" are fine; javascript: is a word here'],
    ['an https address written out', 'see https://humantraffickinghotline.org'],
  ])('%s passes', (_name, text) => {
    expect(checkMarkup(text)).toEqual([]);
  });

  test('a bare site name is text on the page, not a link: nothing to report', () => {
    expect(checkMarkup('Visit 988lifeline.org today')).toEqual([]);
  });

  test('problems are placed at their line and column in the text', () => {
    const problems = checkMarkup('First line.\nSecond <b>bold</b> line.\n\n[x](java&#115;cript:y)');
    expect(problems.map(({ line, col, what }) => ({ line, col, what }))).toEqual([
      { line: 2, col: 8, what: 'raw HTML' },
      { line: 2, col: 15, what: 'raw HTML' },
      { line: 4, col: 1, what: 'a javascript: link' },
    ]);
  });
});

describe('kb:check', () => {
  test('rejects raw HTML in a contact note and an entity-encoded javascript: link in an answer', async () => {
    const kb = copyKnowledge();
    try {
      const contacts = readFileSync(path.join(kb.dir, 'contacts.yaml'), 'utf8');
      const note = '      en: Call when someone is in danger right now.';
      expect(contacts).toContain(note);
      kb.write('contacts.yaml', contacts.replace(note, `${note} <img src=https://evil.example/x.png>`));
      kb.write(
        'help/test-entry.yaml',
        entryYaml('help.test-entry', {
          en: 'en:\n  title: Test entry\n  questions: [what is the test entry about]\n  answer: |\n    [Tap here](java&#115;cript:alert(1)) {{contact:nhth}}',
        }),
      );
      const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/knowledge/cli.ts', 'check', kb.dir], { cwd: ROOT });
      const failed = (await run.then(() => null, (e: { code: number; stdout: string }) => e))!;
      expect(failed?.code).toBe(1);
      const lines = failed.stdout.split('\n');
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^contacts\.yaml:\d+:\d+ {2}contacts\.emergency\.note\.en {2}raw HTML at line 1, column 43 of the text/),
          expect.stringMatching(/^help\/test-entry\.yaml:\d+:\d+ {2}en\.answer {2}a javascript: link at line 1, column 1 of the text/),
        ]),
      );
    } finally {
      kb.cleanup();
    }
  }, 60_000);
});
