import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './fixtures';

/** Azurite's published development account and key (the same in every Azurite; not a secret). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const BLOB_MAIN = path.join(ROOT, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');
const LISTENING = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/;

export interface Azurite {
  readonly port: number;
  readonly connectionString: string;
  /** Stop the storage (a crash or an outage); `restart()` brings it back on the same port. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Freeze the process (SIGSTOP): connections open but nothing answers, a storage that hangs. */
  pause(): void;
  resume(): void;
  /** Stop it and remove its folder. */
  close(): Promise<void>;
}

export interface AzuriteOptions {
  /** Keep blobs on disk in the temp folder, so they survive `stop()` and `restart()`. */
  readonly persist?: boolean;
}

/** A connection string for Azurite's development account at a loopback port. */
export function connectionStringFor(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`;
}

function launch(dir: string, port: number, persist: boolean): Promise<{ child: ChildProcess; port: number }> {
  const args = [
    BLOB_MAIN,
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    String(port),
    // Azurite reports usage to Microsoft unless told not to; tests make no calls off this machine.
    '--disableTelemetry',
    // The storage SDK may be newer than this Azurite (the last release that runs on Node 20).
    '--skipApiVersionCheck',
    '--silent',
    ...(persist ? ['--location', dir] : ['--inMemoryPersistence', '--extentMemoryLimit', '64']),
  ];
  const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within 20 s:\n${output}`)), 20_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const onExit = (code: number | null) =>
      fail(new Error(`Azurite exited (${code}) before listening:\n${output}`));
    child.once('exit', onExit);
  });
}

function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGCONT');
    child.kill('SIGTERM');
  });
}

/** Start Azurite's blob service from the npm package on a free loopback port, in a temp folder. */
export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  const dir = mkdtempSync(path.join(tmpdir(), 'reach-azurite-'));
  const persist = options.persist ?? false;
  let running: ChildProcess | null;
  let port: number;
  try {
    ({ child: running, port } = await launch(dir, 0, persist));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const stop = async () => {
    if (running) await ended(running);
    running = null;
  };
  return {
    port,
    connectionString: connectionStringFor(port),
    stop,
    restart: async () => {
      await stop();
      ({ child: running } = await launch(dir, port, persist));
    },
    pause: () => void running?.kill('SIGSTOP'),
    resume: () => void running?.kill('SIGCONT'),
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
