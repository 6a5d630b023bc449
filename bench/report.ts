/** The bench's results as data (results.json), as tables (results.md) and as the search-cost chart. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EvalCase, Metrics } from '../src/eval/evaluate';
import { searchCostChart } from './chart';
import type { SizeCost } from './search-cost';
import type { ThroughputRow } from './throughput';
import type { TrainingCost } from './training-cost';
import type { PartCost } from './turn-cost';
import { worstMessageTable, type WorstMessageCost } from './worst-message';

export type PerLanguage = { readonly en: Metrics; readonly es: Metrics };

/** How many cases of each kind a set has, per language: a metric over none of them is shown as "—". */
export interface CaseCounts {
  readonly topic: number;
  readonly handoff: number;
  readonly declined: number;
  /** Greetings and the other small talk (`smalltalk.*`); `greeting` counts the greetings alone. */
  readonly smallTalk: number;
  readonly greeting?: number;
}

export function countsOf(cases: readonly EvalCase[]): { readonly en: CaseCounts; readonly es: CaseCounts } {
  const of = (locale: 'en' | 'es'): CaseCounts => {
    const mine = cases.filter((c) => c.locale === locale);
    const handoff = mine.filter((c) => c.expect.startsWith('handoff:')).length;
    const declined = mine.filter((c) => c.expect === 'fallback' || c.expect === 'out-of-scope').length;
    const smallTalk = mine.filter((c) => c.expect === 'greeting' || c.expect.startsWith('smalltalk.')).length;
    const greeting = mine.filter((c) => c.expect === 'greeting').length;
    return { topic: mine.length - handoff - declined - smallTalk, handoff, declined, smallTalk, greeting };
  };
  return { en: of('en'), es: of('es') };
}

/** One evaluation set, measured with Reach, the NLP.js peer and the two plain searches. */
export interface SetQuality {
  readonly set: string;
  readonly fresh: boolean;
  readonly counts: { readonly en: CaseCounts; readonly es: CaseCounts };
  readonly reach: PerLanguage;
  readonly nlpjs: PerLanguage;
  readonly minisearch: PerLanguage;
  readonly fuse: PerLanguage;
}

export interface StartupRow {
  readonly entries: number;
  readonly startupMs: number;
  readonly rssMb: number;
  /** Reading, validating and indexing the folder, in this process (part of start-up). */
  readonly loadMs: number;
  readonly indexMs: number;
  /** The server did not answer within the start-up limit (`startupMs` is that limit). */
  readonly timedOut?: true;
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
    /** The `--sets` option of the run, whether the fresh sets were in it, and fresh files not in the case format. */
    readonly sets: string;
    readonly freshIncluded: boolean;
    readonly skipped: readonly string[];
  };
  readonly quality: readonly SetQuality[];
  readonly searchCost: readonly SizeCost[];
  readonly startup: { readonly reach: readonly StartupRow[]; readonly echoStartupMs: number; readonly echoRssMb: number };
  readonly throughput: { readonly rows: readonly ThroughputRow[]; readonly rssAfterMb: { readonly reach: number; readonly echo: number } };
  readonly turnCost: readonly PartCost[];
  readonly worstMessage: WorstMessageCost;
  readonly training: TrainingCost & { readonly nlpjs: { readonly documents: number; readonly trainMs: number } };
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
/** A share as points: 0.053 → "5.3". */
const pts = (share: number) => (share * 100).toFixed(1);
/** A difference of shares as signed points: 0.053 → "+5.3", -0.02 → "−2.0". */
const signed = (share: number) => `${share >= 0 ? '+' : '−'}${pts(Math.abs(share))}`;

/**
 * The bench's names (`fresh/colloquial-5`) of the measured blind sets Reach now learns from
 * (tests/fixtures/learned-sets.txt): there Reach has seen the lines and NLP.js has not, so a margin on one
 * says little; the sets still measuring are the comparison that counts.
 */
export function learnedSetNames(): ReadonlySet<string> {
  const list = path.join(__dirname, '..', 'tests', 'fixtures', 'learned-sets.txt');
  if (!existsSync(list)) return new Set();
  return new Set(
    readFileSync(list, 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((rel) => rel.replace(/^tests\/eval\//, '').replace(/\.jsonl$/, '')),
  );
}

/** Points of hit@1 by which Reach must beat NLP.js on every set (issue 13). */
const PEER_MARGIN = 0.05;

export function targetsOf(r: Omit<Results, 'targets' | 'meta' | 'worstMessage'>, previousRatio: number | null): Target[] {
  const largest = r.searchCost[r.searchCost.length - 1]!;
  const startLargest = r.startup.reach[r.startup.reach.length - 1]!;
  const worstRatio = Math.min(...r.throughput.rows.map((row) => row.ratio));
  const publicSet = r.quality.find((q) => q.set === 'cases');
  const decision = r.turnCost[0]!;
  const realTraining = r.training.rows[0]!;
  const learned = learnedSetNames();
  const peer = r.quality
    .filter((q) => q.counts.en.topic + q.counts.es.topic > 0)
    .map((q) => {
      const langs = (['en', 'es'] as const).filter((l) => q.counts[l].topic > 0);
      const margin = Math.min(...langs.map((l) => q.reach[l].hitAt1 - q.nlpjs[l].hitAt1));
      return {
        name: `hit@1 over NLP.js on ${q.set}${learned.has(q.set) ? ' (Reach learns from it)' : ''} (worse language)`,
        target: `≥ +${pts(PEER_MARGIN)} points`,
        measured: `${signed(margin)} points`,
        met: margin >= PEER_MARGIN - 1e-9,
      };
    });
  return [
    ...(publicSet
      ? (['en', 'es'] as const).map((l) => ({
          name: `hit@1, ${l === 'en' ? 'English' : 'Spanish'} (public set)`,
          target: '≥ 0.95',
          measured: f3(publicSet.reach[l].hitAt1),
          met: publicSet.reach[l].hitAt1 >= 0.95,
        }))
      : []),
    ...peer,
    {
      name: 'the whole decision, p50 per message',
      target: '≤ 1 ms',
      measured: ms(decision.p50Ms),
      met: decision.p50Ms <= 1,
    },
    {
      name: `topic model training on the real base (${int(realTraining.entries)} entries)`,
      target: '≤ 2 s',
      measured: ms(realTraining.trainMs),
      met: realTraining.trainMs <= 2000,
    },
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
    ...(previousRatio === null
      ? []
      : [
          {
            name: 'throughput against the EchoBot, no lower than the last committed run',
            target: `≥ ${f2(previousRatio)}×`,
            measured: `${f2(worstRatio)}×`,
            met: worstRatio >= previousRatio,
          },
        ]),
    {
      name: `start-up at ${int(startLargest.entries)} entries`,
      target: '≤ 3 s',
      measured: `${startLargest.timedOut ? '> ' : ''}${ms(startLargest.startupMs)}`,
      met: !startLargest.timedOut && startLargest.startupMs <= 3000,
    },
  ];
}

function qualityTable(q: SetQuality): string[] {
  const rows: string[] = [
    '| engine | language | hit@1 | hit@3 | declined | small talk | danger recall | false handoffs | hit@1 vs NLP.js |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const engines = [
    ['Reach', q.reach],
    ['NLP.js (node-nlp, defaults)', q.nlpjs],
    ['MiniSearch (fuzzy, prefix)', q.minisearch],
    ['naive fuse.js', q.fuse],
  ] as const;
  for (const [name, m] of engines) {
    for (const l of ['en', 'es'] as const) {
      const x = m[l];
      const n = q.counts[l];
      if (n.topic + n.handoff + n.declined + n.smallTalk === 0) continue;
      const when = (count: number, value: string) => (count > 0 ? value : '—');
      // Greetings and the other small talk are scored apart by the evaluation: weigh them together here.
      const greetings = n.greeting ?? 0;
      const talk = n.smallTalk > 0 ? (x.greetingAccuracy * greetings + x.smallTalkAccuracy * (n.smallTalk - greetings)) / n.smallTalk : Number.NaN;
      const versus = m === q.nlpjs ? '—' : `${signed(x.hitAt1 - q.nlpjs[l].hitAt1)} pts`;
      rows.push(
        `| ${name} | ${l} | ${when(n.topic, f3(x.hitAt1))} | ${when(n.topic, f3(x.hitAt3))} | ${when(n.declined, f3(x.fallbackAccuracy))} | ` +
          `${when(n.smallTalk, f3(talk))} | ${when(n.handoff, f3(x.dangerRecall))} | ${f3(x.falseHandoffRate)} | ${when(n.topic, versus)} |`,
      );
    }
  }
  return rows;
}

function qualitySections(r: Results): string[] {
  const out: string[] = [];
  for (const q of r.quality) {
    const describe = (l: 'en' | 'es') => {
      const c = q.counts[l];
      return `${l}: ${c.topic} topic, ${c.handoff} handoff, ${c.declined} declined, ${c.smallTalk} small talk`;
    };
    out.push(`### ${q.set}${q.fresh ? ' (fresh, blind)' : ''}`, '', `\`tests/eval/${q.set}.jsonl\`: ${describe('en')}; ${describe('es')}.`, '', ...qualityTable(q), '');
  }
  return out;
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
    '| in process, real live knowledge, each message of the public sets | messages | mean | p50 | p99 |',
    '|---|---|---|---|---|',
    ...parts.map((p) => `| ${p.part.replace(/^ +/, '&nbsp;&nbsp;')} | ${int(p.messages)} | ${ms(p.meanMs)} | ${ms(p.p50Ms)} | ${ms(p.p99Ms)} |`),
  ];
}

function trainingTable(t: Results['training']): string[] {
  const real = t.rows[0]!;
  return [
    '| model | entries | lines it learns from | labels | training time (median of runs) |',
    '|---|---|---|---|---|',
    ...t.rows.map((r) => `| Reach topic model | ${int(r.entries)} | ${int(r.lines)} (titles, questions, corpus) | ${int(r.labels)} | ${ms(r.trainMs)} (${r.runs ?? t.runs}) |`),
    `| NLP.js peer (once, for the quality stage) | ${int(real.entries)} | ${int(t.nlpjs.documents)} (titles, questions) | ${int(real.entries)} | ${ms(t.nlpjs.trainMs)} (1) |`,
    '',
    `A whole reload of the real folder (read, validate, index and train: \`loadLive\`, what a staff edit costs) takes ${ms(t.reloadMs)}.`,
  ];
}

function startupTable(s: Results['startup']): string[] {
  const rows: string[] = [
    '| entries | start-up (spawn to first answer) | of which: read and validate the folder | build the index | resident memory after start |',
    '|---|---|---|---|---|',
  ];
  const whole = (n: number) => `${int(n)} ms`;
  for (const r of s.reach) {
    const up = r.timedOut ? `not up within ${whole(r.startupMs)}` : whole(r.startupMs);
    rows.push(`| ${int(r.entries)} | ${up} | ${whole(r.loadMs)} | ${whole(r.indexMs)} | ${r.timedOut ? '—' : `${r.rssMb} MB`} |`);
  }
  rows.push(`| EchoBot (no knowledge) | ${whole(s.echoStartupMs)} | — | — | ${s.echoRssMb} MB |`);
  return rows;
}

/** The tables of one run, with the targets first. */
export function markdown(r: Results): string {
  const m = r.meta;
  const lines = [
    '# Reach benchmarks',
    '',
    `Made by \`npm run bench${m.sets === 'all' ? '' : ` -- --sets ${m.sets}`}\` on ${m.date} (commit ${m.commit}), Node ${m.node}, ${m.cpus} × ${m.cpuModel}, ` +
      `load average ${m.loadAverageAtStart.map((x) => x.toFixed(2)).join(' / ')} at the start; the run took ${Math.round(m.seconds)} s. ` +
      'Every ratio compares figures measured in this same run.',
    '',
    '## Targets',
    '',
    '| target | wanted | measured | met |',
    '|---|---|---|---|',
    ...r.targets.map((t) => `| ${t.name} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`),
    '',
    '## Answer quality on every evaluation set (real base)',
    '',
    'hit@1: the expected topic answered; hit@3: answered or among the suggestions; declined: an out-of-scope',
    'message answered with a fallback or the out-of-scope reply; small talk: answered with its own reply.',
    '',
    'The peer is NLP.js (`node-nlp`) with its default settings (`new NlpManager({ languages: [\'en\', \'es\'],',
    'autoSave: false, nlu: { log: false } })`), trained on the same knowledge titles and questions as Reach\'s',
    'index, one intent per topic id, and NOT on Reach\'s training corpus; its top intent is answered when NLP.js',
    'scores it above its own default threshold (0.5, else `None`, a fallback), and it is told each message\'s',
    'language (Reach has to detect it). MiniSearch and naive fuse.js are plain searches (top hit answered,',
    'nothing found a fallback). None of the three has a safety layer or small talk, so they never hand off.',
    '',
    m.freshIncluded
      ? 'The fresh blind sets under `tests/eval/fresh/` are in this run. Those Reach learns from since round 12 ' +
        '(`tests/fixtures/learned-sets.txt`) are marked "Reach learns from it" in the targets: there Reach has seen ' +
        'the lines and NLP.js has not, so the margins that count are on the sets still measuring (the newest of each kind).'
      : `**The fresh blind sets (\`tests/eval/fresh/*.jsonl\`) were left out of this run** (\`--sets ${m.sets}\`): they are measured once, by the lead.`,
    ...(m.skipped.length > 0 ? ['', `Not in the case format, so not measured: ${m.skipped.join(', ')}.`] : []),
    '',
    ...qualitySections(r),
    '## What a decision and a training cost',
    '',
    'In this process, on the real live knowledge as `loadLive` builds it (base, index, topic model). Each message',
    'of the public sets is decided five times and its median kept; p50 and p99 are over messages. The parts are',
    'timed on their own (each from the same analysis), so they need not add up to the whole.',
    '',
    ...turnCostTable(r.turnCost),
    '',
    'The topic model trains at start and on every reload. At 1,000 entries the real base is joined by synthetic',
    'entries (see below), whose titles and questions are their training lines; the training corpus stays the real one.',
    '',
    ...trainingTable(r.training),
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
