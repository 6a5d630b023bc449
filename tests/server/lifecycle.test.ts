import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { TestAdapter, type TurnContext } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { createI18n } from '../../src/i18n';
import { createLogger } from '../../src/log';
import { createAdapter } from '../../src/server/adapter';
import { Lifecycle } from '../../src/server/lifecycle';
import { connectionStringFor } from '../helpers/azurite';
import { realKnowledge } from '../helpers/bot';
import { ROOT } from '../helpers/fixtures';
import { activity, startServer } from '../helpers/server';

/** A storage endpoint that accepts connections and never answers: every call is slow. */
async function blackHole(): Promise<{ port: number; connected: Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let connectedNow!: () => void;
  const connected = new Promise<void>((resolve) => (connectedNow = resolve));
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    connectedNow();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    connected,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('readiness and graceful shutdown', () => {
  test('/readyz is 200 while serving and 503 once shutdown begins; /healthz stays 200', async () => {
    const server = await startServer({ KNOWLEDGE_RELOAD: 'off' });
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready' });

      const stopping = server.app.shutdown();
      const draining = await fetch(`${server.url}/readyz`, { headers: { connection: 'close' } });
      expect(draining.status).toBe(503);
      expect(await draining.json()).toMatchObject({ status: 'draining' });
      expect((await fetch(`${server.url}/healthz`, { headers: { connection: 'close' } })).status).toBe(200);
      expect(await stopping).toBe(true);
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    } finally {
      await server.close();
    }
  });

  test("a turn that outruns the limit ends with the calm message and the hotline, in the person's language", async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const deps = { knowledge: await realKnowledge(), i18n: createI18n(), logger: createLogger('silent') };
    const lifecycle = new Lifecycle({
      ready: async () => true,
      logger: deps.logger,
      limits: { turnLimitMs: 100 },
    });
    const adapter = new TestAdapter(() => new Promise<void>(() => undefined));
    adapter.use(lifecycle.turnLimit());
    adapter.onTurnError = createAdapter(config, deps).onTurnError;

    await adapter.send({ type: 'message', text: 'hola', locale: 'es-US' }).assertReply((reply) => {
      expect(reply.text).toMatch(/^Disculpe/);
      expect(reply.text).toMatch(/911/);
      expect(reply.text).toMatch(/1-888-373-7888/);
    });
  });

  test('a connector that never takes the calm message does not hold the turn past its own limit', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const deps = { knowledge: await realKnowledge(), i18n: createI18n(), logger: createLogger('silent') };
    const onTurnError = createAdapter(config, deps, 50).onTurnError!;
    let asked = 0;
    const hanging = {
      activity: { type: 'message', text: 'hola', locale: 'es-US' },
      sendActivity: () => {
        asked++;
        return new Promise(() => undefined);
      },
    } as unknown as TurnContext;
    // Resolves (after the 50 ms limit given above) although the send never does.
    await expect(onTurnError(hanging, new Error('boom'))).resolves.toBeUndefined();
    expect(asked).toBe(1);
  });

  test('SIGTERM during a slow turn: the turn completes with 200 and the process exits 0', async () => {
    const storage = await blackHole();
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/main.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        KNOWLEDGE_RELOAD: 'off',
        STORAGE: 'blob',
        BLOB_CONNECTION_STRING: connectionStringFor(storage.port),
        STATE_SECRET: 'lifecycle-test-secret-0123',
      },
    });
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    child.stderr.resume();
    try {
      // The child logs JSON lines; wait for a given message.
      const events: Record<string, unknown>[] = [];
      const waiting: { msg: string; resolve: (event: Record<string, unknown>) => void }[] = [];
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.startsWith('{')) return;
        const event = JSON.parse(line) as Record<string, unknown>;
        events.push(event);
        for (const w of waiting) if (w.msg === event.msg) w.resolve(event);
      });
      const seen = (msg: string) =>
        new Promise<Record<string, unknown>>((resolve) => {
          const found = events.find((e) => e.msg === msg);
          if (found) resolve(found);
          else waiting.push({ msg, resolve });
        });
      const { port } = await seen('Reach is listening');
      const url = `http://127.0.0.1:${port as number}`;

      const turn = fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity('what is a t visa', { conversation: { id: 'sigterm-1' } })),
      });
      await storage.connected; // the turn is now waiting on storage
      child.kill('SIGTERM');
      await seen('shutting down: /readyz is 503');
      expect((await fetch(`${url}/readyz`, { headers: { connection: 'close' } })).status).toBe(503);

      const res = await turn;
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        activities: { channelData?: { reach?: { kind: string; topic?: string } } }[];
      };
      expect(body.activities[0]?.channelData?.reach).toMatchObject({
        kind: 'answer',
        topic: 'rights.t-visa',
      });
      const [code, signal] = await exited;
      expect(signal).toBeNull();
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await storage.close();
    }
  }, 40_000);
});
