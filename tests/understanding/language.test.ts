import { LanguageModel } from '../../src/understanding/language';
import { analyse } from '../../src/understanding/analysis';

const lines = [
  { locale: 'es' as const, text: 'cuidese' },
  { locale: 'es' as const, text: 'cuidese mucho' },
  { locale: 'es' as const, text: 'gracias por todo' },
  { locale: 'en' as const, text: 'take care' },
  { locale: 'en' as const, text: 'thanks for everything' },
  { locale: 'en' as const, text: 'ok thanks' },
  { locale: 'es' as const, text: 'ok gracias' },
];

describe('the language of a short message from the words of the training lines', () => {
  const model = LanguageModel.train(lines);
  test('a word seen in two lines of one language and none of the other decides', () => {
    expect(model.guess(analyse('cuidese'))).toEqual({ locale: 'es', strength: 1 });
    expect(model.guess(analyse('take care'))).toEqual({ locale: 'en', strength: 1 });
  });
  test('a word seen once, or in both languages, does not', () => {
    expect(model.guess(analyse('todo')).locale).toBeNull();
    expect(model.guess(analyse('ok')).locale).toBeNull();
    expect(model.guess(analyse('asdfgh')).locale).toBeNull();
  });
  test("numbers belong to no language, however often a language's lines hold them", () => {
    const numbered = LanguageModel.train([...lines, { locale: 'en', text: 'option 1' }, { locale: 'en', text: 'press 1' }, { locale: 'en', text: '1 please' }]);
    expect(numbered.guess(analyse('1')).locale).toBeNull();
  });
  test('no lines in one language: no guess at all', () => {
    expect(LanguageModel.train(lines.filter((l) => l.locale === 'es')).guess(analyse('cuidese')).locale).toBeNull();
  });
});
