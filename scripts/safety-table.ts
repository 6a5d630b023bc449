// Safety detection on a table of utterances (tests/fixtures/*.jsonl): recall per label and language,
// false alarms on the "none" lines, and every line the detector gets wrong.
import { readFileSync } from 'node:fs';
import { detectSafety } from '../src/escalation/detect';

interface Line {
  readonly locale: 'en' | 'es';
  readonly text: string;
  readonly expect: 'danger' | 'self-harm' | 'human' | 'none';
}

const file = process.argv[2];
if (!file) {
  console.error('usage: npx tsx scripts/safety-table.ts tests/fixtures/safety.jsonl');
  process.exit(2);
}
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Line);
const tally = new Map<string, { right: number; all: number }>();
const wrong: string[] = [];
for (const line of lines) {
  const signal = detectSafety(line.text);
  const got = signal && signal.reason !== 'caution' ? signal.reason : 'none';
  const key = `${line.locale} ${line.expect}`;
  const t = tally.get(key) ?? { right: 0, all: 0 };
  t.all += 1;
  if (got === line.expect) t.right += 1;
  else wrong.push(`[${line.locale}] expected ${line.expect}, got ${got}${signal ? ` (${signal.rule})` : ''}: ${line.text}`);
  tally.set(key, t);
}
console.log('| language | label | right | share |');
console.log('|---|---|---|---|');
for (const [key, t] of [...tally].sort()) {
  const [locale, label] = key.split(' ');
  console.log(`| ${locale} | ${label} | ${t.right}/${t.all} | ${(t.right / t.all).toFixed(3)} |`);
}
console.log(wrong.length ? `\n${wrong.join('\n')}` : '\nEvery line right.');
