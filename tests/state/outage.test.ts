import { startAzurite, type Azurite } from '../helpers/azurite';
import { activity, post, startServer, type Running } from '../helpers/server';
import { outcomeOf } from './support';

/** Poll a URL until it answers `status`, for at most `ms`; returns the last status seen. */
async function statusWithin(url: string, status: number, ms: number): Promise<number> {
  const until = Date.now() + ms;
  let last = 0;
  while (Date.now() < until) {
    last = (await fetch(url)).status;
    if (last === status) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return last;
}

describe('degraded mode: storage goes away mid-conversation', () => {
  let azurite: Azurite;
  let server: Running;

  beforeAll(async () => {
    // On disk, so what was saved before the outage is still there after it.
    azurite = await startAzurite({ persist: true });
    server = await startServer({
      STORAGE: 'blob',
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: 'reach-outage',
      STATE_SECRET: 'outage-test-secret-012345',
      KNOWLEDGE_RELOAD: 'off',
      RATE_LIMIT_CONVERSATION_PER_MINUTE: '1000',
      RATE_LIMIT_CLIENT_PER_MINUTE: '100000',
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await azurite?.close();
  });

  const turn = async (conversation: string, text: string) => {
    const res = await post(server.url, activity(text, { conversation: { id: conversation } }));
    expect(res.status).toBe(200);
    return outcomeOf(res.activities);
  };

  test('storage stopped: danger and FAQ are answered, /readyz is 503, and state works again when it returns', async () => {
    const conv = 'outage-stopped';
    expect(await turn(conv, 'español')).toMatchObject({ kind: 'language', locale: 'es' });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    await azurite.stop();
    const danger = await turn(conv, 'me tienen encerrada y no puedo salir');
    expect(danger).toMatchObject({ kind: 'handoff', reason: 'danger', locale: 'es' });
    expect(danger.text.split('\n')[0]).toMatch(/911/);
    expect(await turn(conv, 'what is a t visa')).toMatchObject({
      kind: 'answer',
      topic: 'rights.t-visa',
      locale: 'en',
    });
    expect(await turn('outage-new', 'he locked me in and took my phone')).toMatchObject({
      kind: 'handoff',
      reason: 'danger',
    });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    await azurite.restart();
    expect(await statusWithin(`${server.url}/readyz`, 200, 15_000)).toBe(200);
    // The language chosen before the outage is still remembered, and misses are counted again.
    expect(await turn(conv, 'asdfgh')).toMatchObject({ kind: 'fallback', locale: 'es' });
    expect(await turn(conv, 'qwertyuiop')).toMatchObject({
      kind: 'handoff',
      reason: 'repeated-misses',
      locale: 'es',
    });
  }, 40_000);

  test('storage that hangs: the turn is answered after the 2 s limit, and /readyz recovers when it answers again', async () => {
    const conv = 'outage-hanging';
    expect(await turn(conv, 'español')).toMatchObject({ locale: 'es' });
    azurite.pause();
    try {
      const danger = await turn(conv, 'he locked me in and took my phone');
      expect(danger).toMatchObject({ kind: 'handoff', reason: 'danger' });
      expect(danger.text.split('\n')[0]).toMatch(/911/);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    } finally {
      azurite.resume();
    }
    expect(await statusWithin(`${server.url}/readyz`, 200, 15_000)).toBe(200);
    expect(await turn(conv, 'asdfgh')).toMatchObject({ kind: 'fallback', locale: 'es' });
  }, 40_000);
});

describe('degraded mode: storage comes back empty', () => {
  test('after the storage is rebuilt without the container, new conversations are saved at once', async () => {
    const azurite = await startAzurite();
    const server = await startServer({
      STORAGE: 'blob',
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: 'reach-rebuilt',
      STATE_SECRET: 'rebuilt-test-secret-012345',
      KNOWLEDGE_RELOAD: 'off',
    });
    try {
      const turn = async (conversation: string, text: string) =>
        outcomeOf((await post(server.url, activity(text, { conversation: { id: conversation } }))).activities);
      expect(await turn('before', 'español')).toMatchObject({ locale: 'es' });
      await azurite.restart(); // in memory: everything, the container too, is gone
      expect(await turn('after', 'español')).toMatchObject({ kind: 'language', locale: 'es' });
      expect(await turn('after', 'asdfgh')).toMatchObject({ kind: 'fallback', locale: 'es' });
    } finally {
      await server.close();
      await azurite.close();
    }
  }, 40_000);
});
