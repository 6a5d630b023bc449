import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { ROOT } from '../helpers/fixtures';
import { activity, post } from '../helpers/server';

/**
 * No freeze (issue 20): twenty of the costliest messages from one client, within its rate limit, used
 * to leave /healthz unanswered for 19 to 30 s. Now each message's work is bounded and turns start one
 * per pass of the event loop, so health checks and other people's conversations are answered while the
 * burst is served. The real server runs as `npm start` runs it, in its own process on port 0 of
 * loopback: in the test's own process the test's HTTP client would share (and wait on) the server's
 * event loop, and Jest's module sandbox runs the bot's code several times slower than Node does.
 */
const WORST = 'trafficking visa ' + '\uFDFA'.repeat(1983);
const BURST = 20;
/** What a load balancer's health check or a person would wait before giving up. */
const PATIENCE_MS = 2000;
const READY = /Reach is listening — open http:\/\/localhost:(\d+) for the chat; bots post to \/api\/messages/;

interface Child {
  readonly url: string;
  readonly process: ChildProcess;
}

/** `src/main.ts` with a clean environment; resolves once it prints its ready line. */
async function startReach(): Promise<Child> {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'warn', KNOWLEDGE_RELOAD: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const found = READY.exec(out)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, process: child };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0 };
}

describe('a burst of the worst messages does not freeze the server', () => {
  let reach: Child;
  beforeAll(async () => {
    reach = await startReach();
  }, 60_000);
  afterAll(async () => {
    reach.process.kill('SIGTERM');
    if (reach.process.exitCode === null) await once(reach.process, 'exit');
  });

  test(`/healthz answers within ${PATIENCE_MS / 1000} s, and another conversation is answered, while ${BURST} of the worst messages are served`, async () => {
    // Warm the server first, as a running one is: the first turn builds what later ones reuse.
    await post(reach.url, activity('hello', { conversation: { id: 'warm' } }));
    let done = 0;
    const burst = Array.from({ length: BURST }, (_, i) =>
      post(reach.url, activity(WORST, { conversation: { id: `burst-${i}` } })).then((r) => {
        done += 1;
        return r;
      }),
    );
    // Give the burst a head start, so the checks below arrive behind it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    let doneWhenHealthy = -1;
    const [health, other] = await Promise.all([
      timed(() => fetch(`${reach.url}/healthz`)).then((h) => {
        doneWhenHealthy = done;
        return h;
      }),
      post(reach.url, activity('what is a t visa', { conversation: { id: 'someone-else' } })),
    ]);

    expect(health.value.status).toBe(200);
    expect(health.ms).toBeLessThan(PATIENCE_MS);
    // The health check was answered while the burst was still being served, not after it.
    expect(doneWhenHealthy).toBeLessThan(BURST);
    // Someone else's conversation is answered too: turns wait their turn, the server does not stall.
    expect(other.status).toBe(200);
    expect(other.activities[0]?.channelData?.reach).toMatchObject({ kind: 'answer', topic: 'rights.t-visa' });

    // And every message of the burst was answered.
    const replies = await Promise.all(burst);
    for (const r of replies) {
      expect(r.status).toBe(200);
      expect(r.activities.length).toBeGreaterThan(0);
    }
  }, 60_000);
});
