/**
 * `npm run bench`: answer quality on every evaluation set against NLP.js and two plain searches, what a
 * decision and a training of the topic model cost, search cost as the base grows, start-up and memory,
 * and turns per second against the Bot Framework EchoBot, all in one run so that every ratio is measured
 * side by side on the same machine. Writes bench/results.md, bench/results.json and
 * bench/search-cost.svg; scratch files (the generated knowledge folders, CPU profiles) go to bench/out/.
 *
 *   npm run bench                  the full run (under 10 minutes on 2 cores)
 *   npm run bench -- --quick       smaller bases and shorter loads, to try the bench itself
 *   npm run bench -- --profile     also profile Reach under load (node --cpu-prof) into bench/out/
 *   npm run bench -- --sets public only the public evaluation sets (see bench/sets.ts): the fresh blind
 *                                  sets under tests/eval/fresh/ are measured once, by the lead, not while
 *                                  developing
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { evaluate, reachDecider, readCases } from '../src/eval/evaluate';
import { loadKnowledge } from '../src/knowledge/load';
import { KnowledgeIndex } from '../src/knowledge/search';
import { loadLive } from '../src/knowledge/store';
import { loadTraining } from '../src/knowledge/training';
import { miniSearch, naiveFuse, searchDecider } from './baselines';
import { nlpJsDecider, trainNlpJs } from './nlpjs';
import { ROOT, residentMb, startEchoBot, startReach } from './processes';
import { formatSummary, readProfile, summarize } from './profile';
import { chart, countsOf, markdown, targetsOf, type Results, type SetQuality, type StartupRow } from './report';
import { measureSearchCost } from './search-cost';
import { PUBLIC_SETS, selectSets } from './sets';
import { nowMs, progress, round, timed } from './stats';
import { syntheticEntries, writeBase } from './synthetic';
import { measureThroughput } from './throughput';
import { measureTraining } from './training-cost';
import { measureTurnCost } from './turn-cost';
import { measureWorstMessage } from './worst-message';

const argv = process.argv.slice(2);
const args = new Set(argv);
const QUICK = args.has('--quick');
const PROFILE = args.has('--profile');
/** `--sets <list>` or `--sets=<list>`; every set (public and fresh) when absent. */
const SETS = (() => {
  const i = argv.findIndex((a) => a === '--sets' || a.startsWith('--sets='));
  if (i < 0) return 'all';
  const value = argv[i]!.includes('=') ? argv[i]!.slice('--sets='.length) : argv[i + 1];
  if (!value) throw new Error('--sets wants a list: public, all, fresh, or names such as cases,blind-2');
  return value;
})();
/** Longest wait for the server to answer at start-up, in stage 4. */
const STARTUP_LIMIT_MS = 60_000;
/** The topic model's training is timed at these sizes: the real base and 1,000 entries. */
const TRAINING_SIZES = 1000;

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
const EVAL_DIR = path.join(ROOT, 'tests', 'eval');
const CASES = path.join(EVAL_DIR, 'cases.jsonl');

/** The worst Reach / EchoBot ratio of the last committed run, before this run overwrites it. */
function previousRatio(): number | null {
  try {
    const before = JSON.parse(readFileSync(path.join(ROOT, 'bench', 'results.json'), 'utf8')) as { throughput?: { rows?: { ratio: number }[] } };
    const ratios = (before.throughput?.rows ?? []).map((r) => r.ratio).filter((r) => Number.isFinite(r));
    return ratios.length > 0 ? Math.min(...ratios) : null;
  } catch {
    return null;
  }
}

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

  // 1. Quality on the real base, on every evaluation set, against NLP.js and the two plain searches.
  const selection = selectSets(EVAL_DIR, SETS);
  for (const name of selection.skipped) progress(`  skipped ${name}: not in the case format ({locale, text, expect})`);
  if (!selection.freshIncluded) progress('  the fresh sets (tests/eval/fresh/) are left out of this run');
  progress(`stage 1/5 quality: training NLP.js on the knowledge questions and titles`);
  const nlpjs = await trainNlpJs(real);
  progress(`  NLP.js trained on ${nlpjs.documents} lines in ${round(nlpjs.trainMs, 0)} ms`);
  const mini = miniSearch(real);
  const fuse = naiveFuse(real);
  const quality: SetQuality[] = [];
  for (const set of selection.sets) {
    progress(`stage 1/5 quality on ${set.name} (${set.cases.length} cases): Reach, NLP.js, MiniSearch, naive fuse.js (about 60 ms a message)`);
    const pick = (q: ReturnType<typeof evaluate>) => ({ en: q.en, es: q.es });
    const row: SetQuality = {
      set: set.name,
      fresh: set.fresh,
      counts: countsOf(set.cases),
      reach: pick(evaluate(set.cases, reachDecider(live))),
      nlpjs: pick(evaluate(set.cases, await nlpJsDecider(nlpjs, set.cases))),
      minisearch: pick(evaluate(set.cases, searchDecider(mini))),
      fuse: pick(evaluate(set.cases, searchDecider(fuse))),
    };
    quality.push(row);
    progress(
      `  hit@1 en/es: Reach ${row.reach.en.hitAt1}/${row.reach.es.hitAt1}, NLP.js ${row.nlpjs.en.hitAt1}/${row.nlpjs.es.hitAt1}, ` +
        `MiniSearch ${row.minisearch.en.hitAt1}/${row.minisearch.es.hitAt1}, naive ${row.fuse.en.hitAt1}/${row.fuse.es.hitAt1}`,
    );
  }

  // 2. What a decision and a training cost, in this process.
  progress('stage 2/5 the whole decision per message, on the public sets\' messages');
  const publicTexts = PUBLIC_SETS.flatMap((name) => readCases(path.join(EVAL_DIR, `${name}.jsonl`)).map((c) => c.text));
  const turnCost = measureTurnCost(live, publicTexts);
  progress(`  decide(): p50 ${turnCost[0]!.p50Ms} ms, p99 ${turnCost[0]!.p99Ms} ms over ${turnCost[0]!.messages} messages`);
  progress(`stage 2/5 training the topic model on the real base and on ${TRAINING_SIZES.toLocaleString('en')} entries`);
  const corpus = await loadTraining(KNOWLEDGE, real.map((e) => e.id));
  const training = {
    ...(await measureTraining(KNOWLEDGE, base, corpus, synthetic, [real.length, TRAINING_SIZES])),
    nlpjs: { documents: nlpjs.documents, trainMs: round(nlpjs.trainMs, 1) },
  };

  // 2. Search cost by base size.
  progress(`stage 3/5 search cost at ${SETTINGS.sizes.join(', ')} entries`);
  const searchCost = measureSearchCost(real, synthetic, SETTINGS.sizes, cases, {
    topics: live.topics,
    fuseBudgetSeconds: SETTINGS.fuseBudgetSeconds,
    miniBudgetSeconds: SETTINGS.miniBudgetSeconds,
  });

  // 3. Start-up and memory: the real server on a folder of each size.
  progress('stage 4/5 start-up and memory');
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
    const measured = { entries: size, loadMs: round(loaded.ms, 0), indexMs: round(indexed.ms, 0) };
    // The server trains its topic model before it answers, and that grows with the number of topics: past
    // the start-up limit a size is recorded as not up in time, and the larger ones are not tried.
    if (startupRows.some((r) => r.timedOut)) {
      startupRows.push({ ...measured, startupMs: STARTUP_LIMIT_MS, rssMb: Number.NaN, timedOut: true });
      progress(`  ${size.toLocaleString('en')} entries: not tried (a smaller base did not answer within ${STARTUP_LIMIT_MS / 1000} s)`);
      continue;
    }
    let server;
    try {
      server = await startReach(dir, { timeoutMs: STARTUP_LIMIT_MS });
    } catch {
      startupRows.push({ ...measured, startupMs: STARTUP_LIMIT_MS, rssMb: Number.NaN, timedOut: true });
      progress(`  ${size.toLocaleString('en')} entries: did not answer within ${STARTUP_LIMIT_MS / 1000} s`);
      continue;
    }
    const rssMb = residentMb(server.pid);
    await server.stop();
    startupRows.push({ ...measured, startupMs: round(server.startupMs, 0), rssMb });
    progress(`  ${size.toLocaleString('en')} entries: up in ${round(server.startupMs, 0)} ms, ${rssMb} MB resident`);
  }
  const echoAlone = await startEchoBot();
  const echoStartup = { ms: round(echoAlone.startupMs, 0), rss: residentMb(echoAlone.pid) };
  await echoAlone.stop();

  // 4. Throughput, side by side with the EchoBot.
  progress('  the costliest message within the length limit, against an ordinary one');
  const worstMessage = measureWorstMessage(real, live.topics);
  progress(`  worst: ${worstMessage.worst.name}, ${worstMessage.worst.ratio}× an ordinary message`);
  progress('stage 5/5 throughput against the EchoBot');
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
    turnCost,
    training,
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
      sets: SETS,
      freshIncluded: selection.freshIncluded,
      skipped: selection.skipped,
    },
    ...partial,
    worstMessage,
    targets: targetsOf(partial, previousRatio()),
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
