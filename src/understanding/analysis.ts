import { detectLanguageOf, type LanguageGuess } from '../i18n/detect';
import { normalize, type NormalizedText } from '../text/normalize';

/**
 * One message as every stage reads it, built once per turn: the folded and expanded tokens, the same
 * padded with a space each side (what the phrase rules match), and the language guess. Safety, the
 * language switch, keywords, the topic model and the index all take this instead of normalising the
 * message again.
 */
export interface Analysis {
  /** The message as received (already cut to the length limit): for the few checks that need symbols. */
  readonly original: string;
  /** Folded tokens as typed, before shorthand expansion. */
  readonly raw: readonly string[];
  /** Tokens after shorthand expansion. */
  readonly tokens: readonly string[];
  /** The tokens joined by single spaces. */
  readonly text: string;
  /** ` text `: whole-word patterns match against it. */
  readonly padded: string;
  readonly language: LanguageGuess;
}

/** Analyse a message once. Pure: the same text always gives the same analysis. */
export function analyse(message: string): Analysis {
  const normalized: NormalizedText = normalize(message);
  return {
    original: message,
    raw: normalized.raw,
    tokens: normalized.tokens,
    text: normalized.text,
    padded: ` ${normalized.text} `,
    language: detectLanguageOf(message, normalized),
  };
}

/** The analysis a stage is handed, or the one it makes from a bare string (tools and tests). */
export function analysed(message: string | Analysis): Analysis {
  return typeof message === 'string' ? analyse(message) : message;
}
