import { buildReplies } from '../../src/bot/replies';
import { createI18n } from '../../src/i18n';
import { renderAnswer, renderContact, renderEntry } from '../../src/knowledge/render';
import { LOCALES, type Contact, type Entry } from '../../src/knowledge/schema';
import { realKnowledge } from '../helpers/bot';

const i18n = createI18n();

const hotline: Contact = {
  id: 'nhth',
  name: { en: 'National Human Trafficking Hotline', es: 'Línea Nacional contra la Trata de Personas' },
  call: '1-888-373-7888',
  tty: '711',
  text: '233733',
  web: 'https://humantraffickinghotline.org',
  hours: { en: '24/7, confidential', es: '24 horas, confidencial' },
  note: { en: 'Not the police or immigration.', es: 'No es la policía ni inmigración.' },
  sources: [],
};
const tipline: Contact = {
  id: 'hsi-tipline',
  name: { en: 'DHS / ICE tip line', es: 'Línea de denuncias de DHS / ICE' },
  call: '1-866-347-2423',
  caution: { en: 'ICE is immigration enforcement.', es: 'ICE es control migratorio.' },
  sources: [],
};
const contacts = new Map([hotline, tipline].map((c) => [c.id, c]));

function withAnswer(en: string): Entry {
  return {
    id: 'help.test', category: 'help', reviewed: '2026-12-01', sources: ['https://example.org'], related: [],
    en: { title: 'Test', questions: ['q'], answer: en },
    es: { title: 'Prueba', questions: ['q'], answer: en },
  };
}

describe('contact lines', () => {
  test('inside an answer, a contact is a short line: its name and the numbers to call or text', () => {
    const shown = renderAnswer(withAnswer('Talk to someone: {{contact:nhth}}'), 'en', contacts, i18n.t('en'));
    expect(shown).toBe('Talk to someone:\n**National Human Trafficking Hotline**: call 1-888-373-7888 · text 233733');
  });

  test('{{contact:id full}} gives the whole card, with TTY, web, hours and note, in the reader’s language', () => {
    const shown = renderAnswer(withAnswer('{{contact:nhth full}}'), 'es', contacts, i18n.t('es'));
    expect(shown).toContain('TTY 711');
    expect(shown).toContain('https://humantraffickinghotline.org');
    expect(shown).toContain('(24 horas, confidencial)');
    expect(shown).toContain('No es la policía ni inmigración.');
  });

  test('a contact that cannot be texted keeps its web address on the short line', () => {
    const cybertip: Contact = { id: 'ncmec', name: { en: 'NCMEC', es: 'NCMEC' }, call: '1-800-843-5678', web: 'https://report.cybertip.org', sources: [] };
    expect(renderContact(cybertip, 'en', i18n.t('en'), 'short')).toBe('**NCMEC**: call 1-800-843-5678 · https://report.cybertip.org');
    expect(renderContact(hotline, 'en', i18n.t('en'), 'short')).not.toContain('https://');
  });

  test('a caution is on every line of its contact, short or full', () => {
    expect(renderContact(tipline, 'en', i18n.t('en'), 'short')).toContain('ICE is immigration enforcement.');
    expect(renderContact(tipline, 'es', i18n.t('es'), 'full')).toContain('ICE es control migratorio.');
  });

  test('the hotline’s short line is far shorter than its card', () => {
    for (const l of LOCALES) {
      const short = renderContact(hotline, l, i18n.t(l), 'short').length;
      expect(short).toBeLessThan(renderContact(hotline, l, i18n.t(l), 'full').length - 80);
    }
  });
});

describe('what kb:check measures is what the website shows', () => {
  test('every answer reply is the entry rendered by renderEntry, in both languages', async () => {
    const { base } = (await realKnowledge()).current();
    for (const e of base.entries) {
      for (const l of LOCALES) {
        const [reply] = buildReplies({ kind: 'answer', topic: e.id, confidence: 1 }, l, base, i18n.t(l));
        expect([e.id, l, reply?.text]).toEqual([e.id, l, renderEntry(e, l, base.contacts, i18n.t(l))]);
      }
    }
  });

  test('the hotline card appears in full only where the question is about the hotline', async () => {
    const { base } = (await realKnowledge()).current();
    const full = base.entries.filter((e) => /\{\{\s*contact:nhth\s+full\s*\}\}/.test(e.en.answer)).map((e) => e.id);
    expect(full).toEqual(['help.hotline']);
  });
});
