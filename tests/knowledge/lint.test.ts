import { ERROR_CODES } from '../../src/errors';
import { lintBase } from '../../src/knowledge/lint';
import { KnowledgeIndex } from '../../src/knowledge/search';
import { realKnowledge } from '../helpers/bot';

describe('kb:check lint', () => {
  test('the real base has no question that reads as an emergency', async () => {
    const { base, index } = (await realKnowledge()).current();
    const emergencies = lintBase(base, index).filter((p) => p.what.includes('reads as an emergency'));
    expect(emergencies).toEqual([]);
  });

  test('a question a phrase rule treats as danger is reported, with its file and field', async () => {
    const { base } = (await realKnowledge()).current();
    const entries = base.entries.map((e) =>
      e.id === 'safety.leaving' ? { ...e, en: { ...e.en, questions: [...e.en.questions, 'he locked me in the basement'] } } : e,
    );
    const edited = { ...base, entries };
    const problems = lintBase(edited, new KnowledgeIndex(entries)).filter((p) => p.what.includes('reads as an emergency'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      severity: 'warning',
      code: ERROR_CODES.KB_CONFLICT,
      file: 'safety/leaving.yaml',
      field: `en.questions[${entries.find((e) => e.id === 'safety.leaving')!.en.questions.length - 1}]`,
    });
  });
});
