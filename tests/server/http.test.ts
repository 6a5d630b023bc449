import { activity, post, startServer, type Running } from '../helpers/server';

describe('HTTP service', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  test('GET /healthz reports status, entries and knowledge version', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; knowledge: { entries: number; version: string; following: string } };
    expect(body.status).toBe('ok');
    expect(body.knowledge.entries).toBe(46);
    // Live reload is on by default and Linux gives notices of edits.
    expect(body.knowledge.following).toBe('notices');
    expect(body.knowledge.version).toMatch(/^[0-9a-f]{12}$/);
  });

  test('"que es la visa t" gets a Spanish answer about the T visa', async () => {
    const { status, activities } = await post(server.url, activity('que es la visa t'));
    expect(status).toBe(200);
    expect(activities[0]?.channelData?.reach).toMatchObject({ kind: 'answer', topic: 'rights.t-visa', locale: 'es' });
  });

  test('"he locked me in and took my phone" gets the handoff, 911 on the first line', async () => {
    const { status, activities } = await post(server.url, activity('he locked me in and took my phone'));
    expect(status).toBe(200);
    expect(activities[0]?.channelData?.reach).toMatchObject({ kind: 'handoff', reason: 'danger', locale: 'en' });
    expect(activities[0]?.text?.split('\n')[0]).toMatch(/911/);
    expect(activities.some((a) => a.type === 'event' && a.name === 'handoff.initiate')).toBe(true);
  });

  test('every reply to a user message carries the answer trace', async () => {
    for (const text of ['hola', 'what are the signs of labor trafficking', 'asdfgh', 'english', 'quiero hablar con una persona']) {
      const { activities } = await post(server.url, activity(text));
      const messages = activities.filter((a) => a.type === 'message');
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) expect(m.channelData?.reach).toEqual(expect.objectContaining({ kind: expect.any(String), locale: expect.stringMatching(/^(en|es)$/) }));
    }
  });

  test('a body that is not an activity gets 400 and no stack trace', async () => {
    for (const body of [{}, [], null, { type: 42 }]) {
      const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      expect(await res.text()).not.toMatch(/Error|at .*\.js/);
    }
  });
});
