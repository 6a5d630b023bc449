import en from '../../locales/en.json';
import es from '../../locales/es.json';
import { createI18n } from '../../src/i18n';
import { detectLanguage, detectLanguageSwitch } from '../../src/i18n/detect';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('interface strings', () => {
  test('English and Spanish have the same keys', () => {
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });

  test('placeholders are the same in both languages', () => {
    const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
    const flat = (o: object) => Object.fromEntries(keys(o).map((k) => [k, k.split('.').reduce<unknown>((a, p) => (a as Record<string, unknown>)[p], o) as string]));
    const fe = flat(en);
    const fs = flat(es);
    for (const k of Object.keys(fe)) expect([k, placeholders(fs[k]!)]).toEqual([k, placeholders(fe[k]!)]);
  });

  test('each instance translates on its own, synchronously', () => {
    const a = createI18n();
    expect(a.t('es')('handoff.danger', { emergency: '911', call: '', text: '', web: '', lifeline: '' })).toMatch(/^Si está en peligro.*911/);
    expect(a.t('en')('menu.signs')).toBe('Warning signs');
  });
});

describe('language detection', () => {
  test.each([
    ['hola', 'es'],
    ['ayuda', 'es'],
    ['help', 'en'],
    ['que es la visa t', 'es'],
    ['my boss keeps my passport', 'en'],
    ['mi boss no me paga el overtime', 'es'],
    ['¿Dónde pido ayuda?', 'es'],
    ['necesito ayuda', 'es'],
    ['what is trafficking', 'en'],
    ['t visa', null],
    ['911', null],
  ])('%j → %s', (text, expected) => {
    expect(detectLanguage(text).locale).toBe(expected);
  });

  test.each([
    ['español', 'en', 'es'],
    ['Spanish please', 'en', 'es'],
    ['english', 'es', 'en'],
    ['en inglés', 'es', 'en'],
    ['cambiar idioma', 'en', 'es'],
    ['cambiar idioma', 'es', 'en'],
    ['change language', 'es', 'en'],
    ['que es la visa t', 'en', null],
  ])('%j from %s → %s', (text, current, expected) => {
    expect(detectLanguageSwitch(text, current as 'en' | 'es')).toBe(expected);
  });
});
