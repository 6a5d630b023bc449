/** The bench's results as data (results.json), as tables (results.md) and as the search-cost chart. */
import type { Metrics } from '../src/eval/evaluate';
import { searchCostChart } from './chart';
import type { SizeCost } from './search-cost';
import type { ThroughputRow } from './throughput';
import type { PartCost } from './turn-cost';
import { worstMessageTable, type WorstMessageCost } from './worst-message';

export type PerLanguage = { readonly en: Metrics; readonly es: Metrics };

export interface StartupRow {
  readonly entries: number;
  readonly startupMs: number;
  readonly rssMb: number;
  /** Reading, validating and indexing the folder, in this process (part of start-up). */
  readonly loadMs: number;
  readonly indexMs: number;
}

export interface Target {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

export interface Results {
  readonly meta: {
    readonly date: string;
    readonly commit: string;
    readonly node: string;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly loadAverageAtStart: readonly number[];
    readonly seconds: number;
    readonly cases: number;
    readonly settings: Record<string, unknown>;
  };
  readonly quality: { readonly reach: PerLanguage; readonly fuse: PerLanguage; readonly minisearch: PerLanguage };
  readonly searchCost: readonly SizeCost[];
  readonly startup: { readonly reach: readonly StartupRow[]; readonly echoStartupMs: number; readonly echoRssMb: number };
  readonly throughput: { readonly rows: readonly ThroughputRow[]; readonly rssAfterMb: { readonly reach: number; readonly echo: number } };
  readonly turnCost: readonly PartCost[];
  readonly worstMessage: WorstMessageCost;
  readonly targets: readonly Target[];
}

const f3 = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : '—');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');
const ms = (n: number) => {
  if (!Number.isFinite(n)) return '—';
  if (n >= 1000) return `${(n / 1000).toFixed(1)} s`;
  if (n >= 100 || Number.isInteger(n)) return `${n.toFixed(0)} ms`;
  return `${n.toFixed(n >= 10 ? 1 : 2)} ms`;
};
const int = (n: number) => Math.round(n).toLocaleString('en');

export function targetsOf(r: Omit<Results, 'targets' | 'meta' | 'turnCost' | 'worstMessage'>): Target[] {
  const largest = r.searchCost[r.searchCost.length - 1]!;
  const startLargest = r.startup.reach[r.startup.reach.length - 1]!;
  const worstRatio = Math.min(...r.throughput.rows.map((row) => row.ratio));
  return [
    ...(['en', 'es'] as const).map((l) => ({
      name: `hit@1, ${l === 'en' ? 'English' : 'Spanish'} (public set)`,
      target: '≥ 0.95',
      measured: f3(r.quality.reach[l].hitAt1),
      met: r.quality.reach[l].hitAt1 >= 0.95,
    })),
    {
      name: `search p99 at ${int(largest.entries)} entries`,
      target: '≤ 5 ms',
      measured: ms(largest.reach.search.p99Ms),
      met: largest.reach.search.p99Ms <= 5,
    },
    {
      name: 'throughput against the EchoBot (worst of 20 and 50 connections)',
      target: '≥ 1.2×',
      measured: `${f2(worstRatio)}×`,
      met: worstRatio >= 1.2,
    },
    {
      name: `start-up at ${int(startLargest.entries)} entries`,
      target: '≤ 3 s',
      measured: ms(startLargest.startupMs),
      met: startLargest.startupMs <= 3000,
    },
  ];
}

function qualityTable(q: Results['quality']): string[] {
  const rows: string[] = [
    '| engine | language | hit@1 | hit@3 | danger recall | false handoffs | fallback accuracy | hit@1 vs naive |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const engines = [
    ['Reach', q.reach],
    ['naive fuse.js', q.fuse],
    ['MiniSearch (fuzzy, prefix)', q.minisearch],
  ] as const;
  for (const [name, m] of engines) {
    for (const l of ['en', 'es'] as const) {
      const x = m[l];
      rows.push(
        `| ${name} | ${l} | ${f3(x.hitAt1)} | ${f3(x.hitAt3)} | ${f3(x.dangerRecall)} | ${f3(x.falseHandoffRate)} | ` +
          `${f3(x.fallbackAccuracy)} | ${f2(x.hitAt1 / q.fuse[l].hitAt1)}× |`,
      );
    }
  }
  return rows;
}

function searchCostTable(sizes: readonly SizeCost[]): string[] {
  const rows: string[] = [
    '| entries | questions | Reach build | Reach p50 | Reach p99 | naive fuse.js build | naive p50 | naive p99 (searches) | naive p99 / Reach p99 | MiniSearch build | MiniSearch p50 | MiniSearch p99 (searches) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of sizes) {
    rows.push(
      `| ${int(s.entries)} | ${int(s.questions)} | ${ms(s.reach.buildMs)} | ${ms(s.reach.search.p50Ms)} | ${ms(s.reach.search.p99Ms)} | ` +
        `${ms(s.fuse.buildMs)} | ${ms(s.fuse.search.p50Ms)} | ${ms(s.fuse.search.p99Ms)} (${s.fuse.search.queries}) | ` +
        `${int(s.fuse.search.p99Ms / s.reach.search.p99Ms)}× | ${ms(s.minisearch.buildMs)} | ${ms(s.minisearch.search.p50Ms)} | ` +
        `${ms(s.minisearch.search.p99Ms)} (${s.minisearch.search.queries}) |`,
    );
  }
  return rows;
}

function scaleQualityTable(sizes: readonly SizeCost[]): string[] {
  const rows: string[] = [
    '| entries | hit@1 en | hit@1 es | hit@3 en | hit@3 es | fallback accuracy en | fallback accuracy es | danger recall en / es |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const s of sizes) {
    const q = s.reach.quality!;
    rows.push(
      `| ${int(s.entries)} | ${f3(q.en.hitAt1)} | ${f3(q.es.hitAt1)} | ${f3(q.en.hitAt3)} | ${f3(q.es.hitAt3)} | ` +
        `${f3(q.en.fallbackAccuracy)} | ${f3(q.es.fallbackAccuracy)} | ${f3(q.en.dangerRecall)} / ${f3(q.es.dangerRecall)} |`,
    );
  }
  return rows;
}

function throughputTable(t: Results['throughput']): string[] {
  const rows: string[] = [
    '| connections | Reach turns/s | Reach p50 | Reach p99 | Reach CPU per turn | EchoBot turns/s | EchoBot p50 | EchoBot p99 | EchoBot CPU per turn | Reach / EchoBot |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of t.rows) {
    rows.push(
      `| ${r.connections} | ${int(r.reach.turnsPerSecond)} | ${ms(r.reach.p50Ms)} | ${ms(r.reach.p99Ms)} | ${ms(r.reach.cpuMsPerTurn)} | ` +
        `${int(r.echo.turnsPerSecond)} | ${ms(r.echo.p50Ms)} | ${ms(r.echo.p99Ms)} | ${ms(r.echo.cpuMsPerTurn)} | ${f2(r.ratio)}× |`,
    );
  }
  const bad = t.rows.reduce((n, r) => n + r.reach.non2xx + r.reach.errors + r.reach.timeouts + r.echo.non2xx + r.echo.errors + r.echo.timeouts, 0);
  rows.push('', bad === 0 ? 'Every request of every run was answered 200.' : `**${bad} requests failed** (non-2xx, errors or timeouts).`);
  return rows;
}

function turnCostTable(parts: readonly PartCost[]): string[] {
  return [
    '| part of a turn (in process, real base, each evaluation message) | mean | p99 |',
    '|---|---|---|',
    ...parts.map((p) => `| ${p.part.replace(/^ +/, '&nbsp;&nbsp;')} | ${ms(p.meanMs)} | ${ms(p.p99Ms)} |`),
  ];
}

function startupTable(s: Results['startup']): string[] {
  const rows: string[] = [
    '| entries | start-up (spawn to first answer) | of which: read and validate the folder | build the index | resident memory after start |',
    '|---|---|---|---|---|',
  ];
  const whole = (n: number) => `${int(n)} ms`;
  for (const r of s.reach) rows.push(`| ${int(r.entries)} | ${whole(r.startupMs)} | ${whole(r.loadMs)} | ${whole(r.indexMs)} | ${r.rssMb} MB |`);
  rows.push(`| EchoBot (no knowledge) | ${whole(s.echoStartupMs)} | — | — | ${s.echoRssMb} MB |`);
  return rows;
}

/** The tables of one run, with the targets first. */
export function markdown(r: Results): string {
  const m = r.meta;
  const lines = [
    '# Reach benchmarks',
    '',
    `Made by \`npm run bench\` on ${m.date} (commit ${m.commit}), Node ${m.node}, ${m.cpus} × ${m.cpuModel}, ` +
      `load average ${m.loadAverageAtStart.map((x) => x.toFixed(2)).join(' / ')} at the start; the run took ${Math.round(m.seconds)} s. ` +
      'Every ratio compares figures measured in this same run.',
    '',
    '## Targets',
    '',
    '| target | wanted | measured | met |',
    '|---|---|---|---|',
    ...r.targets.map((t) => `| ${t.name} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`),
    '',
    `## Answer quality (public evaluation set, ${m.cases} cases, real base)`,
    '',
    'hit@1: the expected topic answered; hit@3: answered or among the suggestions. The baselines are plain',
    'searches (top hit answered, nothing found a fallback) with no safety layer, so they never hand off.',
    '',
    ...qualityTable(r.quality),
    '',
    '## Search cost as the base grows',
    '',
    'One search of each evaluation message, in one process, each engine starting on a collected heap. Reach (and',
    'MiniSearch on the real base) time every message three times and keep its median, so that one preemption on',
    'this shared machine does not become the p99. The synthetic entries are a seeded directory of local services',
    '(bilingual, 8 questions per language) with the 46 real entries inside. The naive baseline scans every question',
    'on every search, so only an evenly spread sample of messages is timed at the larger sizes (count in brackets);',
    'MiniSearch likewise within a time budget.',
    '',
    ...searchCostTable(r.searchCost),
    '',
    '![p99 search latency by base size](search-cost.svg)',
    '',
    '### Reach\'s quality on the real entries among the synthetic ones',
    '',
    'The same evaluation set against the larger bases. Out-of-scope questions that a local directory does answer',
    '("where can I get food") now find a directory entry, so fallback accuracy is expected to fall.',
    '',
    ...scaleQualityTable(r.searchCost),
    '',
    '## Start-up and memory',
    '',
    'The real server (`src/main.ts`, as `npm start` runs it) on a knowledge folder of each size, from spawning the',
    'process to its first answer on `/healthz`; resident memory read from `/proc` right after.',
    '',
    ...startupTable(r.startup),
    '',
    '## Throughput',
    '',
    'POST /api/messages with `deliveryMode: expectReplies`, autocannon on loopback, the evaluation set\'s messages',
    'in turn (a third of them about danger, which are handed off) over 500 conversations, each request a new',
    `activity id. Reach and the Bot Framework EchoBot (CloudAdapter, ConversationState on MemoryStorage) run side by`,
    `side and take turns, ${String(m.settings['rounds'])} rounds of ${String(m.settings['seconds'])} s per server and connection count; figures are means.`,
    '',
    ...throughputTable(r.throughput),
    '',
    `Resident memory after the load: Reach ${r.throughput.rssAfterMb.reach} MB, EchoBot ${r.throughput.rssAfterMb.echo} MB.`,
    'CPU per turn is the server process\'s own CPU time (from `/proc`) over the turns it answered.',
    '',
    ...turnCostTable(r.turnCost),
    '',
    ...worstMessageTable(r.worstMessage),
    '',
  ];
  return lines.join('\n');
}

export function chart(r: Results): string {
  const series = [
    { name: 'Reach', color: '#1b6ac9', labelBelow: true, points: r.searchCost.map((s) => ({ x: s.entries, y: s.reach.search.p99Ms, label: ms(s.reach.search.p99Ms) })) },
    { name: 'naive fuse.js', color: '#d9822b', points: r.searchCost.map((s) => ({ x: s.entries, y: s.fuse.search.p99Ms, label: ms(s.fuse.search.p99Ms) })) },
    { name: 'MiniSearch', color: '#6b8e23', dashed: true, points: r.searchCost.map((s) => ({ x: s.entries, y: s.minisearch.search.p99Ms })) },
  ];
  return searchCostChart(series, { y: 5, label: 'target 5 ms' }, 'Search latency (p99) by knowledge base size');
}
