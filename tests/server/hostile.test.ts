import { request } from 'node:http';
import type { Request } from 'restify';
import { exposureWarning, loadConfig } from '../../src/config';
import { MANIFEST_PATH } from '../../src/channels/manifest';
import { clientAddress } from '../../src/server/security';
import { readyLine } from '../../src/server/ready';
import { startServer, type Running } from '../helpers/server';

/** What a hostile review tried (issue 20), each answered as a client on the network would see it. */

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

async function send(url: string, path: string, body: string | undefined, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const JSON_TYPE = { 'content-type': 'application/json' };

async function session(url: string): Promise<{ token: string; conversationId: string; domain: string }> {
  const { body } = await send(url, '/api/directline/token', '{}', JSON_TYPE);
  const s = body as unknown as { token: string; conversationId: string; domain: string };
  const started = await send(url, `${s.domain}/conversations`, undefined, { authorization: `Bearer ${s.token}` });
  expect(started.status).toBe(201);
  return s;
}

describe('the Direct Line routes read JSON only, 16 KB, with the bot endpoint guards', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer({ KNOWLEDGE_RELOAD: 'off' });
  });
  afterAll(() => server.close());

  const activities = (s: { domain: string; conversationId: string }) => `${s.domain}/conversations/${s.conversationId}/activities`;

  test('a form-encoded post gets 415 on every Direct Line route', async () => {
    const s = await session(server.url);
    const form = { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${s.token}` };
    for (const path of ['/api/directline/token', `${s.domain}/conversations`, activities(s), `${s.domain}/tokens/refresh`]) {
      expect({ path, status: (await send(server.url, path, 'type=message&text=hola', form)).status }).toEqual({ path, status: 415 });
    }
  });

  test('a post above 16 KB gets 413, declared or not', async () => {
    const s = await session(server.url);
    const big = JSON.stringify({ type: 'message', text: 'a'.repeat(17 * 1024) });
    const auth = { ...JSON_TYPE, authorization: `Bearer ${s.token}` };
    expect((await send(server.url, activities(s), big, auth)).status).toBe(413);
    expect((await send(server.url, '/api/directline/token', big, JSON_TYPE)).status).toBe(413);
    // Streamed without a declared length: counted while reading.
    const streamed = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const res = await fetch(`${server.url}${activities(s)}`, { method: 'POST', headers: auth, body: streamed, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    // Just under the limit is still a message.
    expect((await send(server.url, activities(s), JSON.stringify({ type: 'message', text: 'hola' }), auth)).status).toBe(200);
  });

  test('a message with JSON nested past the depth limit gets 400', async () => {
    const s = await session(server.url);
    const auth = { ...JSON_TYPE, authorization: `Bearer ${s.token}` };
    // Small enough for every other check: only the depth limit refuses it (the page never sends this).
    const deep = `{"type":"message","text":"hola","value":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`;
    expect((await send(server.url, activities(s), deep, auth)).status).toBe(400);
    expect((await send(server.url, activities(s), '{"type":"message","text":"hola","value":{"a":{"b":1}}}', auth)).status).toBe(200);
  });
});

describe('TRUST_PROXY: the client address behind a load balancer', () => {
  const req = (socket: string, forwarded?: string) =>
    ({ socket: { remoteAddress: socket }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as Request;

  test.each([
    ['no proxy trusted: the socket, whatever the header says', 0, '10.0.0.4', '203.0.113.7', '10.0.0.4'],
    ['one proxy: the address it appended, not what the client wrote before it', 1, '10.0.0.4', '198.51.100.1, 203.0.113.7', '203.0.113.7'],
    ['two proxies: the address the outer one appended', 2, '10.0.0.4', '198.51.100.1, 203.0.113.7, 10.0.0.9', '203.0.113.7'],
    ['a proxy that sent no header: the socket', 1, '10.0.0.4', undefined, '10.0.0.4'],
    ['an entry that is not an address: the socket', 1, '10.0.0.4', 'unknown', '10.0.0.4'],
    ['fewer entries than hops: the leftmost', 3, '10.0.0.4', '203.0.113.7', '203.0.113.7'],
    ['an address written with its port: without the port', 1, '10.0.0.4', '203.0.113.7:51234', '203.0.113.7'],
    ['an IPv6 address in brackets with a port', 1, '10.0.0.4', '[2001:db8::1]:443', '2001:db8::1'],
  ])('%s', (_name, hops, socket, forwarded, expected) => {
    expect(clientAddress(req(socket, forwarded), hops)).toBe(expected);
  });

  test('the setting is a small whole number, 0 by default', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(0);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });
});

describe('the skill manifest does not copy the Host header into a cacheable answer', () => {
  function getManifest(url: string, host: string): Promise<{ headers: Record<string, string | string[] | undefined>; endpoint: string }> {
    return new Promise((resolve, reject) => {
      const req = request(new URL(MANIFEST_PATH, url), { headers: { host } }, (res) => {
        let data = '';
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => {
          const body = JSON.parse(data) as { endpoints: { endpointUrl: string }[] };
          resolve({ headers: res.headers, endpoint: body.endpoints[0]!.endpointUrl });
        });
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('with PUBLIC_URL the endpoint is the configured address, whatever Host says', async () => {
    const server = await startServer({ KNOWLEDGE_RELOAD: 'off', PUBLIC_URL: 'https://reach.example.org' });
    try {
      const { endpoint } = await getManifest(server.url, 'attacker.example');
      expect(endpoint).toBe('https://reach.example.org/api/messages');
    } finally {
      await server.close();
    }
  });

  test('without it the answer varies by Host and is never stored', async () => {
    const server = await startServer({ KNOWLEDGE_RELOAD: 'off' });
    try {
      const { headers, endpoint } = await getManifest(server.url, 'reach.example.org');
      expect(endpoint).toBe('https://reach.example.org/api/messages');
      expect(String(headers.vary)).toMatch(/\bHost\b/i);
      expect(headers['cache-control']).toBe('no-store');
    } finally {
      await server.close();
    }
  });

  test('PUBLIC_URL must be an origin', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'https://reach.example.org/path' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ PUBLIC_URL: 'https://reach.example.org/' }).PUBLIC_URL).toBe('https://reach.example.org');
  });
});

describe('local mode is not exposed by accident', () => {
  test('without an app id Reach listens on this machine only, unless HOST says otherwise', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  test('local mode on a non-loopback host prints a clear warning; loopback or an app id does not', () => {
    expect(exposureWarning(loadConfig({ HOST: '0.0.0.0' }))).toMatch(/local mode.*HOST=0\.0\.0\.0.*without authentication/);
    expect(exposureWarning(loadConfig({}))).toBeNull();
    expect(exposureWarning(loadConfig({ HOST: '::1' }))).toBeNull();
    expect(exposureWarning(loadConfig({ HOST: '0.0.0.0', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }))).toBeNull();
  });

  test('the ready line says where to open the chat', () => {
    expect(readyLine('127.0.0.1', 3978)).toBe('Reach is listening — open http://localhost:3978 for the chat; bots post to /api/messages');
    expect(readyLine('0.0.0.0', 8080)).toContain('http://localhost:8080');
  });
});
