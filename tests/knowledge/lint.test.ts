import { ERROR_CODES } from '../../src/errors';
import { lintBase } from '../../src/knowledge/lint';
import { fileLocator } from '../../src/knowledge/parsed';
import { KnowledgeIndex } from '../../src/knowledge/search';
import { realKnowledge } from '../helpers/bot';
import { KNOWLEDGE_DIR } from '../helpers/fixtures';

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

  test('the untouched base gets no warning at all', async () => {
    const { base, index } = (await realKnowledge()).current();
    expect(lintBase(base, index, fileLocator(KNOWLEDGE_DIR))).toEqual([]);
  });

  test('a question that leads to another entry is reported at its own line', async () => {
    const { base } = (await realKnowledge()).current();
    // "what is a t visa" belongs to rights.t-visa; copied into about.myths, it leans back there.
    const entries = base.entries.map((e) =>
      e.id === 'about.myths' ? { ...e, en: { ...e.en, questions: ['what is a t visa', ...e.en.questions] } } : e,
    );
    const problems = lintBase({ ...base, entries }, new KnowledgeIndex(entries), fileLocator(KNOWLEDGE_DIR));
    const hit = problems.find((p) => p.file === 'about/myths.yaml' && p.field === 'en.questions[0]')!;
    expect(hit.what).toMatch(/rights\.t-visa/);
    // The first question of the English side, where staff would look: not line 1.
    expect(hit.line).toBeGreaterThan(1);
  });
});
