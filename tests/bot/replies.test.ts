import { decide, EMPTY_MEMORY } from '../../src/bot/decide';
import { buildReplies, shortContact } from '../../src/bot/replies';
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

describe('text-channel forms', () => {
  test.each(['en', 'es'] as const)('in %s the short greeting says who, not saved, how to stop, 911 and the hotline', async (locale) => {
    const { base } = (await realKnowledge()).current();
    const [long] = buildReplies({ kind: 'greeting' }, locale, base, i18n.t(locale));
    const [short] = buildReplies({ kind: 'greeting' }, locale, base, i18n.t(locale), { short: true });
    expect(short!.text.length).toBeLessThan(long!.text.length * 0.7);
    expect(short!.text).toMatch(locale === 'es' ? /no se guarda.*ALTO.*AYUDA/ : /not saved.*STOP.*HELP/);
    expect(short!.text).toMatch(/911[\s\S]*1-888-373-7888[\s\S]*233733/);
    expect(short!.choices).toEqual(long!.choices);
  });

  test('HELP mentions message rates only on an SMS carrier channel', async () => {
    const { base } = (await realKnowledge()).current();
    const help = { kind: 'notice', notice: 'help' } as const;
    for (const locale of ['en', 'es'] as const) {
      const sms = buildReplies(help, locale, base, i18n.t(locale), { carrier: true })[0]!.text;
      const chat = buildReplies(help, locale, base, i18n.t(locale), { carrier: false })[0]!.text;
      expect(sms).toMatch(/rates may apply|tarifas/);
      expect(chat).not.toMatch(/rates|tarifas/);
      expect(chat).toMatch(/911.*1-888-373-7888/s);
    }
  });

  test('an answer carries one short line for the contact it names first', async () => {
    const { base } = (await realKnowledge()).current();
    const [reply] = buildReplies({ kind: 'answer', topic: 'help.labor-complaint', confidence: 1 }, 'es', base, i18n.t('es'));
    expect(reply!.contact).toMatch(/^Departamento del Trabajo.*: 1-866-487-9243$/);
    const nhth = base.contacts.get('nhth')!;
    expect(shortContact(nhth, 'en', i18n.t('en'))).toBe('National Human Trafficking Hotline: 1-888-373-7888, text 233733');
  });

  test('the danger handoff sent while stopped offers no choices and no invitation to keep writing', async () => {
    const { base } = (await realKnowledge()).current();
    const danger = { kind: 'handoff', reason: 'danger' } as const;
    const awake = buildReplies(danger, 'es', base, i18n.t('es'))[0]!;
    const stopped = buildReplies(danger, 'es', base, i18n.t('es'), { stopped: true })[0]!;
    expect(awake.choices.length).toBeGreaterThan(0);
    expect(stopped.choices).toEqual([]);
    expect(stopped.text).toMatch(/^Si está en peligro en este momento, llame al 911\./);
    expect(stopped.text).not.toMatch(/seguir escribiéndome/);
  });
});
