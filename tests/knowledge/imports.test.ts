import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/fixtures';

const DIR = path.join(ROOT, 'src', 'knowledge');

/** The files of src/knowledge each file imports (type-only imports count: they tie the files together too). */
function graph(): Map<string, string[]> {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
  return new Map(
    files.map((f) => {
      const text = readFileSync(path.join(DIR, f), 'utf8');
      const local = [...text.matchAll(/from '\.\/([\w-]+)'/g)].map((m) => `${m[1]}.ts`);
      return [f, local];
    }),
  );
}

test('no two files of src/knowledge import each other, directly or through others', () => {
  const g = graph();
  const cycles: string[] = [];
  const visit = (f: string, trail: string[]) => {
    if (trail.includes(f)) {
      cycles.push([...trail.slice(trail.indexOf(f)), f].join(' -> '));
      return;
    }
    for (const next of g.get(f) ?? []) visit(next, [...trail, f]);
  };
  for (const f of g.keys()) visit(f, []);
  expect(cycles).toEqual([]);
});
