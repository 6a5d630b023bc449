import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { MANIFEST_PATH } from '../../src/channels/manifest';
import { ROOT } from '../helpers/fixtures';
import { activity, post, startServer, type Running } from '../helpers/server';

const committed = JSON.parse(readFileSync(path.join(ROOT, 'manifest', 'reach-skill.json'), 'utf8')) as Record<
  string,
  unknown
>;

// The rules of https://schemas.botframework.com/schemas/skills/v2.1/skill-manifest.json that a manifest
// can break (required fields, no unknown fields, GUID app ids, the activity shapes), written as zod.
const jsonSchema = z.record(z.string(), z.unknown());
const endpoint = z.strictObject({
  name: z.string(),
  protocol: z.string().optional(),
  description: z.string().optional(),
  endpointUrl: z.string().url(),
  msAppId: z.string().regex(/^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/),
});
const described = {
  description: z.string().optional(),
  value: jsonSchema.optional(),
  resultValue: jsonSchema.optional(),
};
const activityShape = z.union([
  z.strictObject({ type: z.literal('message'), ...described }),
  z.strictObject({ type: z.enum(['event', 'invoke']), name: z.string(), ...described }),
  z
    .object({
      type: z.enum([
        'endOfConversation',
        'conversationUpdate',
        'typing',
        'handoff',
        'trace',
        'messageReaction',
      ]),
    })
    .passthrough(),
]);
const manifestSchema = z.strictObject({
  $schema: z.literal('https://schemas.botframework.com/schemas/skills/v2.1/skill-manifest.json'),
  $id: z.string(),
  name: z.string(),
  version: z.string(),
  description: z.string().optional(),
  publisherName: z.string(),
  privacyUrl: z.string().url().optional(),
  copyright: z.string().optional(),
  license: z.string().optional(),
  iconUrl: z.string().url().optional(),
  tags: z.array(z.string()).optional(),
  endpoints: z.array(endpoint).min(1),
  dispatchModels: jsonSchema.optional(),
  activities: z.record(z.string(), activityShape).optional(),
  activitiesSent: z.record(z.string(), activityShape).optional(),
  definitions: z.record(z.string(), jsonSchema).optional(),
});
type Manifest = z.infer<typeof manifestSchema>;

/** GET the manifest with a chosen Host header, as a caller on the internet would reach it. */
function getManifest(url: string, host?: string): Promise<{ status: number; body: Manifest }> {
  return new Promise((resolve, reject) => {
    const target = new URL(MANIFEST_PATH, url);
    const req = request(target, { headers: host ? { host } : {} }, (res) => {
      let data = '';
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) as Manifest }));
    });
    req.on('error', reject);
    req.end();
  });
}

const traceSchema = (m: Manifest) =>
  (m.definitions?.trace as { properties: Record<string, { enum?: string[] }>; required: string[] }) ?? {
    properties: {},
    required: [],
  };

test('the committed manifest follows the skill manifest schema, version 2.1', () => {
  const parsed = manifestSchema.safeParse(committed);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
});

describe('the manifest the running bot serves, in local mode', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer({ KNOWLEDGE_RELOAD: 'off' });
  });
  afterAll(() => server.close());

  test('points at this server, and a message sent there is answered with a trace the manifest describes', async () => {
    const { status, body } = await getManifest(server.url);
    expect(status).toBe(200);
    expect(manifestSchema.safeParse(body).success).toBe(true);
    const [ep] = body.endpoints;
    expect(ep!.endpointUrl).toBe(`${server.url}/api/messages`);
    // No app id in local mode: the placeholder stays, nothing is authenticated.
    expect(ep!.msAppId).toBe('00000000-0000-0000-0000-000000000000');

    const reply = await post(
      new URL(ep!.endpointUrl).origin,
      activity('que es la visa t', { recipient: { id: 'bot', role: 'skill' } }),
    );
    expect(reply.status).toBe(200);
    const trace = reply.activities[0]?.channelData?.reach as Record<string, unknown>;
    const schema = traceSchema(body);
    for (const field of schema.required) expect(trace).toHaveProperty(field);
    for (const field of Object.keys(trace)) expect(Object.keys(schema.properties)).toContain(field);
    expect(schema.properties.kind?.enum).toContain(trace.kind);
  });

  test('the handoff event the bot sends carries the name the manifest announces', async () => {
    const { body } = await getManifest(server.url);
    const reply = await post(server.url, activity('me tienen encerrada'));
    const event = reply.activities.find((a) => a.type === 'event');
    expect(event?.name).toBe((body.activitiesSent?.handoff as { name?: string }).name);
    const handoff = body.definitions?.handoff as { properties: { reason: { enum: string[] } } };
    expect(handoff.properties.reason.enum).toContain(reply.activities[0]?.channelData?.reach?.reason);
  });

  test('the activities it accepts are the ones the bot handles', async () => {
    const { body } = await getManifest(server.url);
    expect(
      Object.values(body.activities ?? {})
        .map((a) => a.type)
        .sort(),
    ).toEqual(['endOfConversation', 'message']);
    const end = await post(server.url, activity('', { type: 'endOfConversation', text: undefined }));
    expect(end.status).toBe(200);
    expect(end.activities).toEqual([]);
  });
});

describe('the manifest with an app id', () => {
  const APP_ID = '6c1d7a2e-3b7f-4a51-9f0e-2d8c4b1a9e77';
  let server: Running;
  beforeAll(async () => {
    server = await startServer({
      KNOWLEDGE_RELOAD: 'off',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret',
    });
  });
  afterAll(() => server.close());

  test('carries the configured app id and the public https address the caller used', async () => {
    const { body } = await getManifest(server.url, 'reach.example.org');
    expect(body.endpoints).toEqual([
      expect.objectContaining({ msAppId: APP_ID, endpointUrl: 'https://reach.example.org/api/messages' }),
    ]);
  });

  test('a Host header that is not a host name is not echoed back', async () => {
    const { body } = await getManifest(server.url, 'evil.example/<script>');
    expect(body.endpoints[0]!.endpointUrl).toBe('http://localhost/api/messages');
  });
});
