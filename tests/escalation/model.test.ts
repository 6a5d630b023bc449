import { detectSafety } from '../../src/escalation/detect';
import { safetyFeatures } from '../../src/escalation/features';
import { modelScores, modelSchema, safetyModel } from '../../src/escalation/model';
import { trainSafetyModel, type TrainingLine } from '../../src/escalation/train';

describe('safety features', () => {
  test('words, word pairs and four-letter pieces, after normalising', () => {
    const f = safetyFeatures('Me GOLPEÓ');
    expect(f).toEqual(expect.arrayContaining(['w:me', 'w:golpeo', 'b:me_golpeo', 'c:<gol', 'c:peo>']));
  });

  test('hyperbole the rules know is left out', () => {
    expect(safetyFeatures('this exam is going to kill me')).not.toContain('w:kill');
  });
});

describe('the safety model', () => {
  const lines: TrainingLine[] = [
    { text: 'he locked me in the room', label: 'danger' },
    { text: 'they locked us in the truck', label: 'danger' },
    { text: 'i want to die', label: 'self-harm' },
    { text: 'let me talk to a person', label: 'human' },
    { text: 'what is a t visa', label: 'none' },
    { text: 'how do i volunteer', label: 'none' },
  ];

  test('training is deterministic and the result is a valid model', () => {
    const a = trainSafetyModel(lines, ['test']);
    const b = trainSafetyModel(lines, ['test']);
    expect(a).toEqual(b);
    expect(modelSchema.safeParse(a).success).toBe(true);
    expect(modelScores(a, 'they locked me in').danger).toBeGreaterThan(modelScores(a, 'how do i get a t visa').danger);
  });

  test('the shipped model loads and separates an emergency from a question', () => {
    const model = safetyModel();
    expect(model.labels).toEqual(['danger', 'self-harm', 'human', 'situation', 'none']);
    expect(modelScores(model, 'they keep us in a storage room and we only go out with the manager').danger).toBeGreaterThan(0.5);
    expect(modelScores(model, 'what are the signs of labor trafficking').danger).toBeLessThan(0.5);
  });

  test('it only adds escalations: a message no net flags stays calm', () => {
    expect(detectSafety('what is the difference between smuggling and trafficking')).toBeNull();
    expect(detectSafety('she mouthed help at me in the mirror, we are 5 min from the hotel')?.reason).toBe('danger');
  });
});
