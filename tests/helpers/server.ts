import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';

export interface Running {
  readonly app: App;
  readonly url: string;
  close(): Promise<void>;
}

/** Start the real server on a free loopback port. */
export async function startServer(env: Record<string, string> = {}, options: AppOptions = {}): Promise<Running> {
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...env });
  const app = await createApp(config, createLogger('silent'), options);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

let counter = 0;
/** A message activity as a channel would post it, asking for the replies in the response. */
export function activity(text: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    type: 'message',
    id: `a${counter}`,
    text,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    conversation: { id: `conv-${counter}` },
    from: { id: 'user-1' },
    recipient: { id: 'bot' },
    ...over,
  };
}

export interface Replies {
  readonly status: number;
  readonly activities: { type: string; text?: string; name?: string; channelData?: { reach?: Record<string, unknown> } }[];
}

export async function post(url: string, body: unknown): Promise<Replies> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as { activities?: Replies['activities'] }) : {};
  return { status: res.status, activities: parsed.activities ?? [] };
}
