/**
 * `npx tsx bench/render.ts`: write bench/results.md and bench/search-cost.svg again from bench/results.json
 * (after a change to the tables' layout), without measuring anything again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes';
import { chart, markdown, type Results } from './report';

const results = JSON.parse(readFileSync(path.join(ROOT, 'bench', 'results.json'), 'utf8')) as Results;
writeFileSync(path.join(ROOT, 'bench', 'results.md'), markdown(results));
writeFileSync(path.join(ROOT, 'bench', 'search-cost.svg'), chart(results));
console.log('wrote bench/results.md and bench/search-cost.svg from bench/results.json');
