import { decide, EMPTY_MEMORY } from '../../src/bot/decide';
import { buildReplies } from '../../src/bot/replies';
import { createI18n } from '../../src/i18n';
import { realKnowledge } from '../helpers/bot';

const i18n = createI18n();

describe('the line that goes first', () => {
  test('a weak sign of danger puts 911 above the answer; of self-harm, 988', async () => {
    const { base } = (await realKnowledge()).current();
    const answer = { kind: 'answer', topic: 'org.get-involved', confidence: 0.5 } as const;
    const danger = buildReplies(answer, 'es', base, i18n.t('es'), { caution: 'danger' })[0]!.text;
    expect(danger).toMatch(/^Si está en peligro, llame al 911\./);
    const selfHarm = buildReplies(answer, 'en', base, i18n.t('en'), { caution: 'self-harm' })[0]!.text;
    expect(selfHarm).toMatch(/^If you are thinking about ending your life, call or text 988, any time\./);
    expect(selfHarm).toMatch(/Get involved|volunteer/i);
  });
});

describe('danger from a partner', () => {
  const run = async (text: string) => decide({ text, defaultLocale: 'en', memory: EMPTY_MEMORY }, (await realKnowledge()).current());

  test.each([
    ['my husband hits me when he drinks and i am scared tonight', 'en'],
    ['mi novio me golpea y me amenaza', 'es'],
  ])('%j: the danger handoff adds the domestic violence line', async (text, locale) => {
    const d = await run(text);
    expect(d.outcome).toEqual({ kind: 'handoff', reason: 'danger', partner: true });
    const { base } = (await realKnowledge()).current();
    const reply = buildReplies(d.outcome, d.locale, base, i18n.t(d.locale))[0]!.text;
    expect(d.locale).toBe(locale);
    expect(reply).toMatch(/^(If you are in danger right now|Si está en peligro en este momento)/);
    expect(reply).toContain('1-800-799-7233');
    expect(reply).toContain('88788');
  });

  test('danger from someone else does not', async () => {
    const d = await run('my boss locked me in the trailer');
    expect(d.outcome).toEqual({ kind: 'handoff', reason: 'danger' });
    const { base } = (await realKnowledge()).current();
    expect(buildReplies(d.outcome, d.locale, base, i18n.t(d.locale))[0]!.text).not.toContain('1-800-799-7233');
  });
});
