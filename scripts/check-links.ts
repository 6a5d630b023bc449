/**
 * `npx tsx scripts/check-links.ts [files…]`: every relative link and image in README.md, docs/*.md and
 * knowledge/README.md (or the files given) must name a file or folder that exists, and a `#fragment`
 * must name a heading of the target (GitHub's heading ids). Web addresses are not fetched. Prints each
 * broken link as `file:line  target  what is wrong` and exits 1 if there is one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function headings(file: string): Set<string> {
  const ids = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (m && m[1]) ids.add(slug(m[1]));
  }
  return ids;
}

/** Relative link targets on each line, outside code: markdown links, images and `src="…"`. */
function links(text: string): { line: number; target: string }[] {
  const found: { line: number; target: string }[] = [];
  let fenced = false;
  text.split('\n').forEach((raw, i) => {
    if (raw.startsWith('```')) fenced = !fenced;
    if (fenced) return;
    const line = raw.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)|\bsrc="([^"]+)"|\bhref="([^"]+)"/g)) {
      const target = m[1] ?? m[2] ?? m[3] ?? '';
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      found.push({ line: i + 1, target });
    }
  });
  return found;
}

function defaultFiles(): string[] {
  const docs = readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join('docs', f));
  return ['README.md', ...docs, path.join('knowledge', 'README.md')];
}

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : defaultFiles();
const broken: string[] = [];
let checked = 0;
for (const rel of files) {
  const file = path.resolve(ROOT, rel);
  for (const { line, target } of links(readFileSync(file, 'utf8'))) {
    checked++;
    const [pathPart = '', fragment] = target.split('#');
    const dest = pathPart === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
    if (!existsSync(dest)) {
      broken.push(`${rel}:${line}  ${target}  no such file`);
      continue;
    }
    if (fragment && statSync(dest).isFile() && dest.endsWith('.md') && !headings(dest).has(fragment)) {
      broken.push(`${rel}:${line}  ${target}  no heading #${fragment}`);
    }
  }
}
for (const b of broken) console.log(b);
console.log(`${checked} links in ${files.length} files, ${broken.length} broken`);
process.exit(broken.length > 0 ? 1 : 0);
