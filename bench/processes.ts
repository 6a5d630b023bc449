/** Servers under test, each in its own process on loopback: start, wait until it answers, weigh, stop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { nowMs } from './stats';

export const ROOT = path.resolve(__dirname, '..');

export interface Running {
  readonly url: string;
  readonly pid: number;
  /** From spawning the process to the first answer of its health route. */
  readonly startupMs: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Environment of the child: nothing is inherited, so the bench never picks up a developer's settings. */
  readonly env?: Record<string, string>;
  /** Write a V8 CPU profile of the child into this folder when it exits. */
  readonly cpuProfileDir?: string;
  readonly timeoutMs?: number;
}

/** A port free on loopback right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process, in MB (Linux), or NaN where /proc is not available. */
export function residentMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Math.round((Number(kb) / 1024) * 10) / 10 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU time a process has used so far (user and system), in ms (Linux), or NaN. */
export function cpuMs(pid: number): number {
  try {
    // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are
    // the 12th and 13th, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Run a TypeScript entry point with node and tsx's loader (as `npm start` does, without tsx's extra
 * wrapper process, so that the pid measured is the server's), then poll `/healthz` until it answers.
 */
export async function startServer(entry: string, args: readonly string[], port: number, options: StartOptions = {}): Promise<Running> {
  const nodeArgs = ['--import', 'tsx'];
  if (options.cpuProfileDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
  const started = nowMs();
  const child = spawn(process.execPath, [...nodeArgs, entry, ...args], {
    cwd: ROOT,
    env: options.env ?? {},
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}: ${stderr}`);
    if (nowMs() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not answer within ${options.timeoutMs ?? 60_000} ms: ${stderr}`);
    }
    const ok = await fetch(`${url}/healthz`)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const startupMs = nowMs() - started;
  return {
    url,
    pid: child.pid!,
    startupMs,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 35_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}

/** Reach as `npm start` runs it, with the bench's settings. */
export async function startReach(knowledgeDir: string, options: Omit<StartOptions, 'env'> = {}): Promise<Running> {
  const port = await freePort();
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    KNOWLEDGE_DIR: knowledgeDir,
    // Every request of the load comes from one address and a few hundred conversations: the abuse
    // limits would refuse most of them, and they are not what is measured.
    RATE_LIMIT_CLIENT_PER_MINUTE: '1000000000',
    RATE_LIMIT_CONVERSATION_PER_MINUTE: '1000000000',
  };
  return startServer('src/main.ts', [], port, { ...options, env });
}

export async function startEchoBot(options: Omit<StartOptions, 'env'> = {}): Promise<Running> {
  const port = await freePort();
  return startServer('bench/echo-bot.ts', [String(port)], port, options);
}
