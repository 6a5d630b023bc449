import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';

/** public/markdown.js exactly as the browser runs it, with the numbers the page passes it. */
function loadRenderer(): (markdown: string) => string {
  const window: {
    ReachMarkdown?: { create(links: { number: string; href: string }[]): (markdown: string) => string };
  } = {};
  runInNewContext(readFileSync(path.join(__dirname, '..', '..', 'public', 'markdown.js'), 'utf8'), {
    window,
  });
  return window.ReachMarkdown!.create([
    { number: '1-888-373-7888', href: 'tel:+18883737888' },
    { number: '233733', href: 'sms:233733' },
    { number: '911', href: 'tel:911' },
  ]);
}

const render = loadRenderer();

/** What an answer may contain, and the HTML the page draws from it (inside its `reach-md` wrapper). */
const CASES: readonly { name: string; markdown: string; html: string }[] = [
  {
    name: 'markup is text',
    markdown: 'a <script>alert(1)</script> & "b"',
    html: '<p>a &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;b&#34;</p>',
  },
  {
    name: 'an image tag is text',
    markdown: '<img src=x onerror=alert(1)>',
    html: '<p>&#60;img src=x onerror=alert(1)&#62;</p>',
  },
  {
    name: 'a javascript: link stays text',
    markdown: '[tap](javascript:alert(1))',
    html: '<p>[tap](javascript:alert(1))</p>',
  },
  { name: 'a data: link is not a link', markdown: '[tap](data:text/html,hi)', html: '<p>tap</p>' },
  {
    name: 'an https link opens apart, without the referrer',
    markdown: '[the hotline](https://humantraffickinghotline.org)',
    html: '<p><a href="https://humantraffickinghotline.org" target="_blank" rel="noopener noreferrer">the hotline</a></p>',
  },
  {
    name: 'a quote in a link cannot leave the attribute',
    markdown: '[x](https://a.example/"onclick="b)',
    html: '<p><a href="https://a.example/&#34;onclick=&#34;b" target="_blank" rel="noopener noreferrer">x</a></p>',
  },
  {
    name: 'numbers are tappable',
    markdown: 'Call 1-888-373-7888 or text 233733.',
    html: '<p>Call <a href="tel:+18883737888">1-888-373-7888</a> or text <a href="sms:233733">233733</a>.</p>',
  },
  {
    name: 'a number inside a longer one is not',
    markdown: 'Case 19112 is closed.',
    html: '<p>Case 19112 is closed.</p>',
  },
  {
    name: 'bold, italic and code',
    markdown: '**Call 911** now, *quietly*: `<b>`',
    html: '<p><strong>Call <a href="tel:911">911</a></strong> now, <em>quietly</em>: <code>&#60;b&#62;</code></p>',
  },
  {
    name: 'a paragraph after a list is not in its last bullet',
    markdown: '- one\n- two\nAfter.',
    html: '<ul><li>one</li><li>two</li></ul><p>After.</p>',
  },
  {
    name: 'numbered lists keep their start',
    markdown: '3. three\n4. four',
    html: '<ol start="3"><li>three</li><li>four</li></ol>',
  },
  {
    name: 'a heading is a bold line',
    markdown: '## Your rights',
    html: '<p><strong>Your rights</strong></p>',
  },
  {
    name: 'a single newline is a line break',
    markdown: 'one\ntwo\n\nthree',
    html: '<p>one<br>two</p><p>three</p>',
  },
];

describe("the chat page's Markdown (public/markdown.js)", () => {
  test.each(CASES)('$name', ({ markdown, html }) => {
    expect(render(markdown)).toBe(`<div class="reach-md">${html}</div>`);
  });
});
