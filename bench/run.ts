/**
 * `npm run bench`: answer quality against two baselines, search cost as the base grows, start-up and
 * memory, and turns per second against the Bot Framework EchoBot, all in one run so that every ratio is
 * measured side by side on the same machine. Writes bench/results.md, bench/results.json and
 * bench/search-cost.svg; scratch files (the generated knowledge folders, CPU profiles) go to bench/out/.
 *
 *   npm run bench                  the full run (under 10 minutes on 2 cores)
 *   npm run bench -- --quick       smaller bases and shorter loads, to try the bench itself
 *   npm run bench -- --profile     also profile Reach under load (node --cpu-prof) into bench/out/
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { evaluate, reachDecider, readCases } from '../src/eval/evaluate';
import { loadKnowledge } from '../src/knowledge/load';
import { KnowledgeIndex } from '../src/knowledge/search';
import { loadLive } from '../src/knowledge/store';
import { miniSearch, naiveFuse, searchDecider } from './baselines';
import { ROOT, residentMb, startEchoBot, startReach } from './processes';
import { formatSummary, readProfile, summarize } from './profile';
import { chart, markdown, targetsOf, type Results, type StartupRow } from './report';
import { measureSearchCost } from './search-cost';
import { nowMs, progress, round, timed } from './stats';
import { syntheticEntries, writeBase } from './synthetic';
import { measureThroughput } from './throughput';
import { measureTurnCost } from './turn-cost';
import { measureWorstMessage } from './worst-message';

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const PROFILE = args.has('--profile');

const SETTINGS = {
  sizes: QUICK ? [46, 1000] : [46, 1000, 5000, 10_000],
  connections: [20, 50],
  seconds: QUICK ? 3 : 10,
  rounds: QUICK ? 1 : 2,
  warmupSeconds: QUICK ? 1 : 3,
  fuseBudgetSeconds: QUICK ? 3 : 12,
  miniBudgetSeconds: QUICK ? 2 : 8,
};

const OUT = path.join(ROOT, 'bench', 'out');
const KNOWLEDGE = path.join(ROOT, 'knowledge');
const CASES = path.join(ROOT, 'tests', 'eval', 'cases.jsonl');

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const began = nowMs();
  const loadAverageAtStart = os.loadavg();
  await mkdir(OUT, { recursive: true });
  const { live } = await loadLive(KNOWLEDGE);
  if (!live) throw new Error('the knowledge base has errors: run npm run kb:check');
  const { base } = live;
  const real = base.entries;
  const cases = readCases(CASES);
  const texts = cases.map((c) => c.text);
  const largest = Math.max(...SETTINGS.sizes);
  const reviewed = real.map((e) => e.reviewed).sort().at(-1)!;
  const synthetic = syntheticEntries(largest - real.length, reviewed);
  progress(`${real.length} real entries, ${synthetic.length.toLocaleString('en')} synthetic ones, ${cases.length} evaluation cases`);

  // 1. Quality on the real base.
  progress('stage 1/4 quality: Reach');
  const reachQuality = evaluate(cases, reachDecider(live));
  progress('stage 1/4 quality: MiniSearch');
  const miniQuality = evaluate(cases, searchDecider(miniSearch(real)));
  progress('stage 1/4 quality: naive fuse.js (scans every question per message, about a minute)');
  const fuseQuality = evaluate(cases, searchDecider(naiveFuse(real)));
  const pick = (q: ReturnType<typeof evaluate>) => ({ en: q.en, es: q.es });
  const quality = { reach: pick(reachQuality), fuse: pick(fuseQuality), minisearch: pick(miniQuality) };
  progress(
    `  hit@1 en/es: Reach ${quality.reach.en.hitAt1}/${quality.reach.es.hitAt1}, ` +
      `naive ${quality.fuse.en.hitAt1}/${quality.fuse.es.hitAt1}, MiniSearch ${quality.minisearch.en.hitAt1}/${quality.minisearch.es.hitAt1}`,
  );

  // 2. Search cost by base size.
  progress(`stage 2/4 search cost at ${SETTINGS.sizes.join(', ')} entries`);
  const searchCost = measureSearchCost(real, synthetic, SETTINGS.sizes, cases, {
    topics: live.topics,
    fuseBudgetSeconds: SETTINGS.fuseBudgetSeconds,
    miniBudgetSeconds: SETTINGS.miniBudgetSeconds,
  });

  // 3. Start-up and memory: the real server on a folder of each size.
  progress('stage 3/4 start-up and memory');
  const startupRows: StartupRow[] = [];
  for (const size of SETTINGS.sizes) {
    const dir = size === real.length ? KNOWLEDGE : path.join(OUT, `knowledge-${size}`);
    if (dir !== KNOWLEDGE) await writeBase(dir, KNOWLEDGE, synthetic.slice(0, size - real.length));
    const loaded = await (async () => {
      const t0 = nowMs();
      const result = await loadKnowledge(dir);
      return { result, ms: nowMs() - t0 };
    })();
    if (!loaded.result.base) throw new Error(`the generated base at ${dir} has errors`);
    const indexed = timed(() => new KnowledgeIndex(loaded.result.base!.entries));
    const server = await startReach(dir);
    const rssMb = residentMb(server.pid);
    await server.stop();
    startupRows.push({ entries: size, startupMs: round(server.startupMs, 0), rssMb, loadMs: round(loaded.ms, 0), indexMs: round(indexed.ms, 0) });
    progress(`  ${size.toLocaleString('en')} entries: up in ${round(server.startupMs, 0)} ms, ${rssMb} MB resident`);
  }
  const echoAlone = await startEchoBot();
  const echoStartup = { ms: round(echoAlone.startupMs, 0), rss: residentMb(echoAlone.pid) };
  await echoAlone.stop();

  // 4. Throughput, side by side with the EchoBot.
  progress('stage 4/4 throughput against the EchoBot (first: what a decision costs in process)');
  const turnCost = measureTurnCost(real, cases, live.topics);
  progress('  the costliest message within the length limit, against an ordinary one');
  const worstMessage = measureWorstMessage(real, live.topics);
  progress(`  worst: ${worstMessage.worst.name}, ${worstMessage.worst.ratio}× an ordinary message`);
  const reach = await startReach(KNOWLEDGE);
  const echo = await startEchoBot();
  let throughput;
  try {
    throughput = await measureThroughput(reach, echo, texts, SETTINGS);
  } finally {
    await Promise.all([reach.stop(), echo.stop()]);
  }

  const partial = {
    quality,
    searchCost,
    startup: { reach: startupRows, echoStartupMs: echoStartup.ms, echoRssMb: echoStartup.rss },
    throughput,
  };
  const results: Results = {
    meta: {
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      commit: commit(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      loadAverageAtStart,
      seconds: (nowMs() - began) / 1000,
      cases: cases.length,
      settings: SETTINGS,
    },
    ...partial,
    turnCost,
    worstMessage,
    targets: targetsOf(partial),
  };
  if (!QUICK) {
    await writeFile(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    await writeFile(path.join(ROOT, 'bench', 'results.md'), markdown(results));
    await writeFile(path.join(ROOT, 'bench', 'search-cost.svg'), chart(results));
  } else {
    await writeFile(path.join(OUT, 'results-quick.md'), markdown(results));
    await writeFile(path.join(OUT, 'search-cost-quick.svg'), chart(results));
  }
  for (const t of results.targets) progress(`target ${t.met ? 'met    ' : 'NOT met'}  ${t.name}: ${t.measured} (wanted ${t.target})`);
  progress(QUICK ? 'quick run: wrote bench/out/results-quick.md' : 'wrote bench/results.md, bench/results.json, bench/search-cost.svg');

  if (PROFILE) await profileUnderLoad(texts);
}

/** Reach under the same load with `node --cpu-prof`; the summary goes to bench/out/profile-reach.txt. */
async function profileUnderLoad(texts: readonly string[]): Promise<void> {
  const dir = path.join(OUT, 'profile');
  await rm(dir, { recursive: true, force: true });
  progress('profile: Reach under load with --cpu-prof');
  const reach = await startReach(KNOWLEDGE, { cpuProfileDir: dir });
  const echo = await startEchoBot();
  try {
    await measureThroughput(reach, echo, texts, { connections: [20], seconds: 15, rounds: 1, warmupSeconds: 2 });
  } finally {
    await Promise.all([reach.stop(), echo.stop()]);
  }
  // The main thread's profile is the largest (tsx's loader thread writes a small one too).
  const files = (await readdir(dir)).map((f) => path.join(dir, f));
  const main = files
    .map((f) => ({ f, n: readProfile(f).samples.length }))
    .sort((a, b) => b.n - a.n)[0]!.f;
  const text = formatSummary(summarize(readProfile(main), 40));
  await writeFile(path.join(OUT, 'profile-reach.txt'), `${text}\n`);
  console.log(text.split('\n').slice(0, 30).join('\n'));
  progress(`profile: ${path.relative(ROOT, main)}, summary in bench/out/profile-reach.txt`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
