/**
 * Summary of a V8 CPU profile (`node --cpu-prof`): where the time went, by function (self time) and by
 * package (self time of every function in it), so a profile can be read without DevTools.
 *
 *   npx tsx bench/profile.ts bench/out/profiles/CPU....cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileLine {
  readonly name: string;
  readonly share: number;
}

/** Where a script lives, shortened: the npm package, or the file inside the project. */
function owner(url: string): string {
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  const project = /\/(src|bench|tests)\/(.*)$/.exec(url);
  return project ? `${project[1]}/${project[2]}` : url;
}

/** Samples that are not work: the process waiting, or V8's own bookkeeping. */
const IDLE = new Set(['(idle)', '(program)']);

/**
 * Self time per function and per package, and total time (self and callees) per function, as shares of
 * the busy samples (idle time left out), largest first.
 */
export function summarize(profile: CpuProfile, top = 25): { functions: ProfileLine[]; packages: ProfileLine[]; inclusive: ProfileLine[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const label = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    return { fn: `${functionName || '(anonymous)'} ${owner(url)}${url ? `:${lineNumber + 1}` : ''}`, where: owner(url), name: functionName };
  };
  let total = 0;
  const fns = new Map<string, number>();
  const pkgs = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { fn, where, name } = label(id);
    if (IDLE.has(name)) continue;
    total += us;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
    pkgs.set(where, (pkgs.get(where) ?? 0) + us);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) onStack.add(label(at).fn);
    for (const f of onStack) incl.set(f, (incl.get(f) ?? 0) + us);
  }
  const lines = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, share: us / (total || 1) }));
  return { functions: lines(fns), packages: lines(pkgs), inclusive: lines(incl) };
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** The summary as text: shares of the busy time. */
export function formatSummary(summary: ReturnType<typeof summarize>): string {
  const pct = (s: number) => `${(s * 100).toFixed(1).padStart(5)}%`;
  const block = (title: string, lines: readonly ProfileLine[]) => [title, ...lines.map((l) => `  ${pct(l.share)}  ${l.name}`)].join('\n');
  return [
    block('Self time by package (share of busy time):', summary.packages),
    block('Self time by function:', summary.functions),
    block('Total time (self and callees) by function:', summary.inclusive),
  ].join('\n\n');
}

if (require.main === module) {
  const [file, topArg] = process.argv.slice(2);
  if (!file) {
    console.error('usage: tsx bench/profile.ts FILE.cpuprofile [top]');
    process.exit(1);
  }
  console.log(formatSummary(summarize(readProfile(file), Number(topArg ?? 25))));
}
