import autocannon from 'autocannon';
import { startAzurite, type Azurite } from '../helpers/azurite';
import { activity, startServer, type Running } from '../helpers/server';

/** Messages of every kind: answers, misses, danger, language switches, menus, greetings and wipes. */
const TEXTS = [
  'que es la visa t',
  'what are the signs of labor trafficking',
  'asdfgh',
  'he locked me in and took my phone',
  'español',
  'menu',
  'hola',
  'qwertyuiop',
  'english',
  'borrar',
];
/** Few conversations, so both instances keep saving the same ones at the same moments. */
const CONVERSATIONS = 12;
const PER_INSTANCE = 300;

describe('load on two instances with blob state (autocannon, loopback, bounded)', () => {
  let azurite: Azurite;
  let servers: Running[];

  beforeAll(async () => {
    azurite = await startAzurite();
    const env = {
      STORAGE: 'blob',
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: 'reach-load',
      STATE_SECRET: 'load-test-secret-0123456789',
      INSTANCES: '2',
      KNOWLEDGE_RELOAD: 'off',
      // The limits guard against abuse; this test is about state under load.
      RATE_LIMIT_CONVERSATION_PER_MINUTE: '100000',
      RATE_LIMIT_CLIENT_PER_MINUTE: '1000000',
    };
    servers = await Promise.all([startServer(env), startServer(env)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all((servers ?? []).map((s) => s.close()));
    await azurite?.close();
  });

  test(`${PER_INSTANCE} turns on each instance, on ${CONVERSATIONS} shared conversations: every one answered`, async () => {
    let unanswered = 0;
    const run = (url: string, offset: number) => {
      let n = offset;
      return autocannon({
        url: `${url}/api/messages`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections: 6,
        amount: PER_INSTANCE,
        timeout: 15,
        requests: [
          {
            setupRequest: (request) => {
              n += 1;
              const body = activity(TEXTS[n % TEXTS.length]!, {
                conversation: { id: `load-${n % CONVERSATIONS}` },
              });
              return { ...request, body: JSON.stringify(body) };
            },
            onResponse: (status, body) => {
              const parsed =
                status === 200
                  ? (JSON.parse(body) as { activities?: { channelData?: { reach?: unknown } }[] })
                  : {};
              if (!parsed.activities?.some((a) => a.channelData?.reach)) unanswered += 1;
            },
          },
        ],
      });
    };
    const results = await Promise.all(servers.map((s, i) => run(s.url, i * 7)));
    for (const result of results) {
      expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({
        errors: 0,
        timeouts: 0,
        non2xx: 0,
      });
      expect(result['2xx']).toBe(PER_INSTANCE);
    }
    expect(unanswered).toBe(0);
  }, 90_000);
});
