import { BlobServiceClient } from '@azure/storage-blob';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { createConversationStore, type ConversationStore } from '../../src/state';
import { startAzurite, type Azurite } from '../helpers/azurite';
import { activity, post, startServer, type Running } from '../helpers/server';
import { outcomeOf } from './support';

const CONTAINER = 'reach-instances';

/** Two instances of Reach on one Azurite, as behind a load balancer. */
describe('two instances sharing state on Azure Blob Storage (Azurite)', () => {
  let azurite: Azurite;
  let a: Running;
  let b: Running;
  let env: Record<string, string>;

  beforeAll(async () => {
    azurite = await startAzurite();
    env = {
      STORAGE: 'blob',
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: CONTAINER,
      STATE_SECRET: 'instances-test-secret-0123',
      INSTANCES: '2',
      KNOWLEDGE_RELOAD: 'off',
      RATE_LIMIT_CONVERSATION_PER_MINUTE: '1000',
      RATE_LIMIT_CLIENT_PER_MINUTE: '100000',
    };
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await azurite?.close();
  });

  const turn = async (server: Running, conversation: string, text: string) => {
    const res = await post(server.url, activity(text, { conversation: { id: conversation } }));
    expect(res.status).toBe(200);
    return outcomeOf(res.activities);
  };

  test('a conversation alternating between instances keeps its language and its miss count', async () => {
    const conv = 'alternating-1';
    // The second miss in a row, counted across instances, offers the hotline.
    const secondMiss = (locale: string) => ({ kind: 'handoff', reason: 'repeated-misses', locale });
    expect(await turn(a, conv, 'español')).toMatchObject({ kind: 'language', locale: 'es' });
    expect(await turn(b, conv, 'asdfgh')).toMatchObject({ kind: 'fallback', locale: 'es' });
    expect(await turn(a, conv, 'qwertyuiop')).toMatchObject(secondMiss('es'));
    expect(await turn(b, conv, 'zxcvbnm')).toMatchObject({ kind: 'fallback', locale: 'es' });
    expect(await turn(a, conv, 'english')).toMatchObject({ kind: 'language', locale: 'en' });
    expect(await turn(b, conv, 'asdfgh')).toMatchObject(secondMiss('en'));
  });

  test('the language, the miss count and the last menu written by one instance are read by the other', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
    const stores: ConversationStore[] = [0, 1].map(() =>
      createConversationStore(config, { logger: createLogger('silent') }),
    );
    try {
      const key = 'sms/conversations/menu-carry/';
      const memory = {
        locale: 'es',
        misses: 1,
        lastMenu: ['rights.t-visa', 'help.hotline', 'signs.general'],
      };
      await stores[0]!.storage.write({ [key]: { reach: memory } });
      const read = await stores[1]!.storage.read([key]);
      expect(read[key]).toMatchObject({ reach: memory });
    } finally {
      for (const store of stores) store.close();
    }
  });

  test('turns of one conversation arriving at both instances at once lose no update', async () => {
    const conversations = Array.from({ length: 8 }, (_, i) => `concurrent-${i}`);
    const results = await Promise.all(
      conversations.map((conv) => Promise.all([turn(a, conv, 'asdfgh'), turn(b, conv, 'qwertyuiop')])),
    );
    for (const pair of results) {
      // Two misses in a row: whichever came second saw the first, so it offers the hotline.
      expect(pair.map((o) => o.kind).sort()).toEqual(['fallback', 'handoff']);
    }
  });

  test('the container holds opaque names and no conversation id or message text', async () => {
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(
      CONTAINER,
    );
    let count = 0;
    for await (const blob of container.listBlobsFlat()) {
      count += 1;
      expect(blob.name).toMatch(/^conv-[A-Za-z0-9_-]{43}$/);
      const body = (await container.getBlobClient(blob.name).downloadToBuffer()).toString('utf8');
      expect(body).not.toMatch(/alternating|concurrent|asdfgh|qwerty|espa|emulator|user-1/);
    }
    expect(count).toBeGreaterThan(8);
  });
});
