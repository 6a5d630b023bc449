import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { handoffTopics, hotlineTopics, situationTopics, toldPhrases } from '../../src/escalation/situations';
import { loadKnowledge } from '../../src/knowledge/load';
import { normalize } from '../../src/text/normalize';

describe('situations', () => {
  test('the situation topics are known topic ids', () => {
    const topics = situationTopics();
    expect(topics.size).toBeGreaterThan(5);
    for (const id of topics) expect(id).toMatch(/^(signs|rights|help|about|safety)\.[a-z0-9-]+$/);
  });

  test('the hotline topics hold every situation topic, and each is an entry of the knowledge base', async () => {
    const { base } = await loadKnowledge(path.join(__dirname, '..', '..', 'knowledge'));
    const ids = new Set(base!.entries.map((e) => e.id));
    const hotline = hotlineTopics();
    for (const id of situationTopics()) expect(hotline.has(id)).toBe(true);
    expect(hotline.size).toBeGreaterThan(situationTopics().size);
    expect([...hotline].filter((id) => !ids.has(id))).toEqual([]);
  });

  test('each handoff stands for a topic; a malformed line is a clear error', () => {
    expect(handoffTopics()).toEqual(new Map([['danger', 'help.emergency'], ['self-harm', 'help.crisis-988'], ['human', 'help.hotline']]));
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'reach-')), 'handoff-topics.txt');
    writeFileSync(file, 'danger help.emergency extra\n');
    expect(() => handoffTopics(file)).toThrow(/expected "reason topic-id"/);
  });

  test.each([
    ['en', 'I was brought here and forced to work two years, they forced me to sleep in the barn'],
    ['en', 'after i got out of that place i had nowhere to go'],
    ['en', 'my trafficker still texts me from new numbers'],
    ['es', 'me obligaban a trabajar sin pago en el rancho'],
    ['es', 'ya me sali de donde me tenian, hay refugio?'],
    ['es', 'q hago si el q me explotaba me busca'],
  ])('a story that tells of exploitation that happened is told (%s): %s', (_locale, text) => {
    expect(toldPhrases().has(normalize(text).tokens)).toBe(true);
  });

  test.each([
    'what is forced labor',
    'how do i get out of my lease early',
    'que es la trata de personas',
    'el tratamiento del doctor me obliga a descansar',
    'what services are there for survivors of trafficking',
  ])('a question that tells of nothing that happened is not: %s', (text) => {
    expect(toldPhrases().has(normalize(text).tokens)).toBe(false);
  });
});
