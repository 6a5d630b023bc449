/**
 * Stage 3: turns per second through POST /api/messages with `expectReplies`, measured with autocannon on
 * loopback, for Reach and the EchoBot anchor in the same run: both servers up at once, runs alternated
 * so that a noisy moment on the machine falls on both.
 */
import autocannon from 'autocannon';
import { cpuMs, residentMb, type Running } from './processes';
import { progress, round } from './stats';

export interface LoadRun {
  readonly turnsPerSecond: number;
  /** CPU time the server used per turn answered (from /proc, so loopback and the load generator aside). */
  readonly cpuMsPerTurn: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

export interface ThroughputRow {
  readonly connections: number;
  readonly reach: LoadRun;
  readonly echo: LoadRun;
  /** Reach's turns per second over the EchoBot's. */
  readonly ratio: number;
}

export interface ThroughputOptions {
  readonly connections: readonly number[];
  readonly seconds: number;
  readonly rounds: number;
  readonly warmupSeconds: number;
}

/** How many conversations the load spreads over (each keeps its state between its turns). */
const CONVERSATIONS = 500;

/** A message activity as a channel posts it, with a fresh id, asking for the replies in the response. */
export function activityBody(text: string, n: number): string {
  return JSON.stringify({
    type: 'message',
    id: `bench-${n}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    conversation: { id: `bench-conv-${n % CONVERSATIONS}` },
    from: { id: `bench-user-${n % CONVERSATIONS}` },
    recipient: { id: 'bot' },
    locale: 'en-US',
    text,
  });
}

let sent = 0;

async function load(server: Running, texts: readonly string[], connections: number, seconds: number): Promise<LoadRun> {
  const cpuBefore = cpuMs(server.pid);
  const result = await autocannon({
    url: `${server.url}/api/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    duration: seconds,
    timeout: 15,
    requests: [
      {
        setupRequest: (request) => {
          sent += 1;
          return { ...request, body: activityBody(texts[sent % texts.length]!, sent) };
        },
      },
    ],
  });
  const cpu = cpuMs(server.pid) - cpuBefore;
  return {
    turnsPerSecond: round(result['2xx'] / seconds, 1),
    cpuMsPerTurn: round(cpu / Math.max(1, result['2xx']), 3),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

function mean(runs: readonly LoadRun[]): LoadRun {
  const avg = (f: (r: LoadRun) => number) => round(runs.reduce((s, r) => s + f(r), 0) / runs.length, 1);
  const sum = (f: (r: LoadRun) => number) => runs.reduce((s, r) => s + f(r), 0);
  return {
    turnsPerSecond: avg((r) => r.turnsPerSecond),
    cpuMsPerTurn: round(runs.reduce((s, r) => s + r.cpuMsPerTurn, 0) / runs.length, 3),
    p50Ms: avg((r) => r.p50Ms),
    p99Ms: avg((r) => r.p99Ms),
    requests: sum((r) => r.requests),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
  };
}

/** One turn each, checked: a bench of refusals or empty replies would measure nothing. */
export async function smokeTest(server: Running, name: string, expectTrace: boolean): Promise<void> {
  const res = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: activityBody('what is a t visa', 0),
  });
  const body = (await res.json().catch(() => ({}))) as { activities?: { text?: string; channelData?: { reach?: unknown } }[] };
  const first = body.activities?.[0];
  if (res.status !== 200 || !first?.text || (expectTrace && !first.channelData?.reach)) {
    throw new Error(`${name} did not answer a turn (status ${res.status})`);
  }
}

export async function measureThroughput(
  reach: Running,
  echo: Running,
  texts: readonly string[],
  options: ThroughputOptions,
): Promise<{ rows: ThroughputRow[]; rssAfterMb: { reach: number; echo: number } }> {
  await smokeTest(reach, 'Reach', true);
  await smokeTest(echo, 'EchoBot', false);
  progress(`throughput: warming both servers up (${options.warmupSeconds} s each)`);
  await load(echo, texts, options.connections[0]!, options.warmupSeconds);
  await load(reach, texts, options.connections[0]!, options.warmupSeconds);
  const rows: ThroughputRow[] = [];
  for (const connections of options.connections) {
    const runs = { reach: [] as LoadRun[], echo: [] as LoadRun[] };
    for (let r = 0; r < options.rounds; r++) {
      // Alternate which goes first, so that neither always follows the other's garbage.
      const order = r % 2 === 0 ? (['echo', 'reach'] as const) : (['reach', 'echo'] as const);
      for (const which of order) {
        const server = which === 'reach' ? reach : echo;
        const run = await load(server, texts, connections, options.seconds);
        runs[which].push(run);
        progress(
          `throughput: ${which === 'reach' ? 'Reach  ' : 'EchoBot'} ${connections} connections, round ${r + 1}: ` +
            `${run.turnsPerSecond} turns/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.cpuMsPerTurn} ms CPU per turn` +
            (run.non2xx + run.errors + run.timeouts > 0 ? ` (${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts)` : ''),
        );
      }
    }
    const row = { connections, reach: mean(runs.reach), echo: mean(runs.echo) };
    rows.push({ ...row, ratio: round(row.reach.turnsPerSecond / row.echo.turnsPerSecond, 2) });
  }
  return { rows, rssAfterMb: { reach: residentMb(reach.pid), echo: residentMb(echo.pid) } };
}
