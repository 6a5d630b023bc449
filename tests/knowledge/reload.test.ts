import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { KnowledgeStore } from '../../src/knowledge/store';
import { copyKnowledge } from '../helpers/kbdir';
import { activity, post, startServer, type Running } from '../helpers/server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// The copied folder holds the same lines as ./knowledge: its topic model is read from the kept ones once
// any test of the run has trained it (a cold start trains it here, which takes seconds on a busy machine).
const kept = { modelCache: loadConfig({}).TOPIC_MODEL_CACHE };
const COLD_START_MS = 60_000;

async function until<T>(check: () => Promise<T | undefined>, ms: number): Promise<T | undefined> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await check();
    if (v !== undefined) return v;
    await sleep(100);
  }
  return undefined;
}

describe('live reload of the knowledge folder', () => {
  let kb: ReturnType<typeof copyKnowledge>;
  let server: Running;
  beforeEach(async () => {
    kb = copyKnowledge();
    // This test is about reloads, not rate limits: one client posts hundreds of turns in a few seconds.
    server = await startServer({ KNOWLEDGE_DIR: kb.dir, RATE_LIMIT_CLIENT_PER_MINUTE: '100000', RATE_LIMIT_CONVERSATION_PER_MINUTE: '100000' });
  });
  afterEach(async () => {
    await server.close();
    kb.cleanup();
  });

  const topicOf = async (text: string) => (await post(server.url, activity(text))).activities[0]?.channelData?.reach?.topic;

  test('an edited question changes the answer within 2 seconds', async () => {
    const question = 'zanahoria morada del jardin';
    expect(await topicOf(question)).toBeUndefined();
    const file = path.join(kb.dir, 'org', 'donate.yaml');
    const text = readFileSync(file, 'utf8').replace(/^(es:\n(?:.*\n)*? {2}questions:\n)/m, `$1    - ${question}\n`);
    const started = Date.now();
    kb.write('org/donate.yaml', text);
    const topic = await until(async () => ((await topicOf(question)) === 'org.donate' ? 'org.donate' : undefined), 4000);
    expect(topic).toBe('org.donate');
    // The poll interval is one second; the reload itself is fast. Not a timing assertion: a bound on "live".
    expect(Date.now() - started).toBeLessThan(4000);
  });

  test('a broken edit keeps the last good base and shows in /healthz until fixed', async () => {
    const before = (await (await fetch(`${server.url}/healthz`)).json()) as { knowledge: { version: string } };
    const good = readFileSync(path.join(kb.dir, 'rights', 't-visa.yaml'), 'utf8');
    kb.write('rights/t-visa.yaml', good.replace('es:', 'es:\n  oops: [').replace(/^id: .*$/m, 'id: rights.t-visa'));
    const broken = await until(async () => {
      const h = (await (await fetch(`${server.url}/healthz`)).json()) as { knowledge: { lastReload?: { ok: boolean; problems: string[] } } };
      return h.knowledge.lastReload?.ok === false ? h : undefined;
    }, 4000);
    expect(broken?.knowledge.lastReload?.problems[0]).toMatch(/^rights\/t-visa\.yaml:\d+:\d+ /);
    expect(await topicOf('que es la visa t')).toBe('rights.t-visa');
    const h2 = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; knowledge: { version: string } };
    expect(h2.status).toBe('ok');
    expect(h2.knowledge.version).toBe(before.knowledge.version);

    kb.write('rights/t-visa.yaml', good);
    const fixed = await until(async () => {
      const h = (await (await fetch(`${server.url}/healthz`)).json()) as { knowledge: { lastReload?: { ok: boolean } } };
      return h.knowledge.lastReload?.ok === true ? h : undefined;
    }, 4000);
    expect(fixed).toBeDefined();
  });

  test('requests posted continuously during several reloads all succeed', async () => {
    const file = path.join(kb.dir, 'org', 'get-involved.yaml');
    const original = readFileSync(file, 'utf8');
    let stop = false;
    const statuses: number[] = [];
    const poster = (async () => {
      for (let i = 0; i < 400 && !stop; i++) {
        const { status, activities } = await post(server.url, activity(i % 2 ? 'que es la visa t' : 'he locked me in'));
        statuses.push(activities.length > 0 ? status : -1);
      }
    })();
    for (let round = 0; round < 4; round++) {
      kb.write('org/get-involved.yaml', original.replace('reviewed: 2026-11-28', `reviewed: 2026-11-${String(20 + round)}`));
      await sleep(1300);
    }
    stop = true;
    await poster;
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const h = (await (await fetch(`${server.url}/healthz`)).json()) as { knowledge: { lastReload?: { ok: boolean } } };
    expect(h.knowledge.lastReload?.ok).toBe(true);
  });
});

describe.each([
  ['notices from the system', true, 'notices'],
  ['polling, where the system gives none', false, 'polling'],
] as const)('the store follows edits by %s', (_name, notices, following) => {
  test('a saved edit is served within 2 seconds, and stop() ends the following', async () => {
    const kb = copyKnowledge();
    const store = await KnowledgeStore.open(kb.dir, undefined, kept);
    try {
      store.watch({ notices });
      expect(store.following).toBe(following);
      const before = store.current().base.version;
      const file = path.join(kb.dir, 'org', 'donate.yaml');
      kb.write('org/donate.yaml', readFileSync(file, 'utf8').replace(/^(en:\n(?:.*\n)*? {2}questions:\n)/m, '$1    - purple carrots from the garden\n'));
      const changed = await until(async () => (store.current().base.version !== before ? true : undefined), 4000);
      expect(changed).toBe(true);
      expect(store.current().index.search('purple carrots from the garden', 1)[0]?.id).toBe('org.donate');
    } finally {
      await store.stop();
      kb.cleanup();
    }
    expect(store.following).toBe('off');
  }, COLD_START_MS);
});

describe('a folder that cannot be read during a reload', () => {
  test('a training file gone between listing and reading: the last good base serves, the failure is reported, the next reload reads again', async () => {
    const kb = copyKnowledge();
    const reports: boolean[] = [];
    const store = await KnowledgeStore.open(kb.dir, (status) => reports.push(status.ok), kept);
    try {
      const before = store.current().base.version;
      const file = path.join(kb.dir, 'training', 'signs.online-grooming.txt');
      const saved = readFileSync(file, 'utf8');
      // The listing sees the file; it is gone when it is read (what an editor's save by rename can do).
      const fs = jest.requireActual<typeof import('node:fs/promises')>('node:fs/promises');
      const realReadFile = fs.readFile;
      const spy = jest.spyOn(fs, 'readFile').mockImplementation(((p: Parameters<typeof realReadFile>[0], ...rest: unknown[]) =>
        String(p) === file
          ? Promise.reject(Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT' }))
          : (realReadFile as (...a: unknown[]) => unknown)(p, ...rest)) as typeof realReadFile);
      let status;
      try {
        status = await store.reload();
      } finally {
        spy.mockRestore();
      }
      expect(status.ok).toBe(false);
      expect(status.problems[0]).toMatch(/could not be read \(ENOENT\)/);
      expect(store.current().base.version).toBe(before);
      kb.write('training/signs.online-grooming.txt', saved);
      expect((await store.reload()).ok).toBe(true);
      expect(reports).toEqual([false, true]);
    } finally {
      await store.stop();
      kb.cleanup();
    }
  }, COLD_START_MS);
});
