import { decide, EMPTY_MEMORY } from '../../src/bot/decide';
import type { SafetySignal } from '../../src/escalation/detect';
import { TIERS } from '../../src/escalation/tier';
import { realKnowledge } from '../helpers/bot';

// What the safety nets say is set per test: this file is about what decide does with a model-only sign.
let signal: SafetySignal | null = null;
jest.mock('../../src/escalation/detect', () => ({
  ...jest.requireActual<object>('../../src/escalation/detect'),
  detectSafety: () => signal,
}));

const run = async (text: string) => decide({ text, defaultLocale: 'en', memory: EMPTY_MEMORY }, (await realKnowledge()).current());

describe('a sign that only the safety model saw', () => {
  test('a close answer wins over danger the model is unsure of, with the 911 line first', async () => {
    signal = { reason: 'danger', rule: 'model:danger', source: 'model', confidence: 0.55 };
    const d = await run('que es la visa t');
    expect(d.outcome).toMatchObject({ kind: 'answer', topic: 'rights.t-visa' });
    expect(d.caution).toBe('danger');
  });

  test('without a close answer it is a handoff', async () => {
    signal = { reason: 'danger', rule: 'model:danger', source: 'model' };
    const d = await run('she mouthed something at me in the mirror');
    expect(d.outcome).toEqual({ kind: 'handoff', reason: 'danger' });
  });

  test('self-harm the model is sure of hands off, even with a close answer', async () => {
    signal = { reason: 'self-harm', rule: 'model:self-harm', source: 'model', confidence: 0.8 };
    const d = await run('quiero saber que es la visa t');
    expect(d.outcome).toEqual({ kind: 'handoff', reason: 'self-harm' });
  });

  test('self-harm the model is unsure of, with a close answer: the answer, with the 988 line first', async () => {
    signal = { reason: 'self-harm', rule: 'model:self-harm', source: 'model', confidence: 0.3 };
    const d = await run('quiero saber que es la visa t');
    expect(d.outcome).toMatchObject({ kind: 'answer', topic: 'rights.t-visa' });
    expect(d.caution).toBe('self-harm');
  });

  test('self-harm the model is unsure of, without a close answer: the 988 entry with the 988 line first, not a decline', async () => {
    signal = { reason: 'self-harm', rule: 'model:self-harm', source: 'model', confidence: 0.35 };
    const d = await run('i need to know when does the store close');
    expect(d.outcome).toMatchObject({ kind: 'answer', topic: 'help.crisis-988' });
    expect(d.caution).toBe('self-harm');
  });

  test('self-harm from the model alone, in a message with no sign of the writer: no handoff and no 988 line', async () => {
    signal = { reason: 'self-harm', rule: 'model:self-harm', source: 'model', confidence: TIERS.ownSign - 0.05 };
    const d = await run('does joel die in the last of us');
    expect(d.outcome.kind).not.toBe('handoff');
    expect(d.caution).toBeUndefined();
  });

  test('a phrase rule always hands off, even with a close answer', async () => {
    signal = { reason: 'danger', rule: 'en.locked', source: 'rules' };
    const d = await run('que es la visa t');
    expect(d.outcome).toEqual({ kind: 'handoff', reason: 'danger' });
  });
});
