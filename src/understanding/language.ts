import type { LanguageGuess } from '../i18n/detect';
import type { Locale } from '../knowledge/schema';
import { normalize } from '../text/normalize';
import type { Analysis } from './analysis';

/**
 * How sure the words must make it before a guess is given: the odds of one language over the other,
 * as a natural log (ln 2.5: five to two). A word seen in two Spanish training lines and no English one
 * ("cuidese", "okis") is enough. At four to one (until December 2026) it was not, and a Spanish goodbye
 * opening a conversation was answered in English: on the seven small-talk sets (tuning data) language
 * right 0.897–0.938 → 0.905–0.956, every other set unchanged (`npm run eval -- <set>`). Five folds of the
 * corpus's lines of up to three words that the marker words leave open (336 lines, December 2026; a model
 * trained on four fifths guessing the fifth): at 4:1 146 right and 1 wrong, at 5:2 174 and 4, at 2:1 195
 * and 6; a wrong guess answers in the other language, no guess in the conversation's or the default one.
 */
const LANGUAGE_ODDS = Math.log(2.5);
const LETTER = /[a-z]/;

/** A language model as plain data: each word's count of lines per language, and the totals. */
export interface LanguageData {
  readonly counts: readonly (readonly [word: string, en: number, es: number])[];
  readonly totals: readonly [en: number, es: number];
}

/**
 * The language of a message from the words of the training lines, each line marked `[en]` or `[es]`:
 * naive Bayes over words as typed (folded, before shorthand is expanded). It answers for the short
 * messages the marker words of `detectLanguage` leave open ("adios", "dale", "jaja", "tysm"). The same
 * lines give the same model.
 */
export class LanguageModel {
  private constructor(
    private readonly counts: ReadonlyMap<string, readonly [en: number, es: number]>,
    private readonly totals: readonly [en: number, es: number],
  ) {}

  static none(): LanguageModel {
    return new LanguageModel(new Map(), [0, 0]);
  }

  /** The model as plain data, for a kept topic model (see `understanding/cache.ts`). */
  toData(): LanguageData {
    return { counts: [...this.counts].map(([w, c]) => [w, c[0], c[1]]), totals: this.totals };
  }

  /** A model from `toData()`'s output. */
  static fromData(data: LanguageData): LanguageModel {
    return new LanguageModel(new Map(data.counts.map(([w, en, es]) => [w, [en, es] as const])), [data.totals[0], data.totals[1]]);
  }

  static train(lines: readonly { readonly locale: Locale; readonly text: string }[]): LanguageModel {
    return LanguageModel.fromWords(lines.map((l) => ({ locale: l.locale, raw: normalize(l.text).raw })));
  }

  /** `train` on lines already normalised (`raw`: their folded words as typed). */
  static fromWords(lines: readonly { readonly locale: Locale; readonly raw: readonly string[] }[]): LanguageModel {
    const counts = new Map<string, [number, number]>();
    const totals: [number, number] = [0, 0];
    for (const line of lines) {
      const k = line.locale === 'en' ? 0 : 1;
      for (const word of new Set(line.raw)) {
        const c = counts.get(word) ?? [0, 0];
        c[k]++;
        totals[k]++;
        counts.set(word, c);
      }
    }
    return new LanguageModel(counts, totals);
  }

  /** The language the message's words point to, or null when they are unknown or split. */
  guess(analysis: Pick<Analysis, 'raw'>): LanguageGuess {
    if (this.totals[0] === 0 || this.totals[1] === 0) return { locale: null, strength: 0 };
    const vocabulary = this.counts.size;
    let odds = 0;
    for (const word of new Set(analysis.raw)) {
      // Numbers belong to no language: a bare "1" opening a conversation gets the menu in both.
      if (!LETTER.test(word)) continue;
      const c = this.counts.get(word);
      if (!c) continue;
      // Add-one smoothing: a word seen in only one language still leaves room for the other.
      odds += Math.log((c[1] + 1) / (this.totals[1] + vocabulary)) - Math.log((c[0] + 1) / (this.totals[0] + vocabulary));
    }
    if (Math.abs(odds) < LANGUAGE_ODDS) return { locale: null, strength: 0 };
    // A weak sign: enough for a first message, never enough to switch a conversation's language.
    return { locale: odds > 0 ? 'es' : 'en', strength: 1 };
  }
}
