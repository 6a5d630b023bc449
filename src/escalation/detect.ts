import { editDistance, typoBudget } from '../text/distance';
import { normalize } from '../text/normalize';
import { conceptDanger } from './concepts';
import { SAFETY_LEXICON, SAFETY_RULES, type SafetyReason } from './patterns';

export type { SafetyReason } from './patterns';

export interface SafetySignal {
  readonly reason: SafetyReason;
  /** The id of the rule that fired, for tests and anonymous counters; never the message. */
  readonly rule: string;
}

/**
 * Ordinary words one typo away from a safety word. They are never "corrected", so that
 * "he looked me in the eye" does not read as "he locked me in".
 */
const PROTECTED = new Set([
  'looked', 'looks', 'looking', 'lucked', 'licked', 'locker', 'helped', 'heled', 'beast', 'beets', 'sells',
  'shell', 'there', 'where', 'cells', 'kitten', 'mitten', 'smiling', 'hurts', 'hearts', 'leaves', 'kills',
  'skills', 'sheet', 'bullet', 'would', 'could', 'should', 'world', 'words', 'salud', 'pegar', 'pagar', 'pagan',
  'pagaron', 'pagado', 'llegan', 'llegar', 'legal', 'salen', 'viene', 'vienen', 'venden', 'venta', 'vendo',
  'matas', 'metan', 'meter', 'mandan', 'madre', 'padre', 'cerrada', 'cerrado', 'cerrar', 'serrada', 'cuenta',
  'cuento', 'dejen', 'dejan', 'deben', 'debes', 'debemos', 'salud', 'trabajan', 'trabajar', 'papeles',
  'morir', 'mover', 'menor', 'mejor', 'armas', 'armar', 'llama', 'llamar', 'quieres', 'fuerza', 'fuerte',
  'report', 'reports', 'reported', 'reporting', 'obligo', 'obligaron', 'forzaron', 'forced', 'quejo', 'quejarme', 'locker', 'lockers', 'blocked', 'clocked',
]);

const LEXICON_SET = new Set(SAFETY_LEXICON);

/** Lexicon words grouped by length, so a typo is only compared with words it could be. */
const LEXICON_BY_LENGTH = new Map<number, string[]>();
for (const word of SAFETY_LEXICON) {
  const list = LEXICON_BY_LENGTH.get(word.length) ?? [];
  list.push(word);
  LEXICON_BY_LENGTH.set(word.length, list);
}

function correct(token: string): string {
  if (LEXICON_SET.has(token) || PROTECTED.has(token)) return token;
  // Five-letter words are left alone: too many ordinary ones are one letter from a safety word.
  const budget = token.length < 6 ? 0 : typoBudget(token.length);
  if (budget === 0) return token;
  for (let len = token.length - budget; len <= token.length + budget; len++) {
    for (const word of LEXICON_BY_LENGTH.get(len) ?? []) {
      if (typoBudget(word.length) >= 1 && editDistance(token, word, budget) <= budget) return word;
    }
  }
  return token;
}

const PRIORITY: readonly SafetyReason[] = ['danger', 'self-harm', 'human'];

/**
 * Decide whether a message needs a person rather than an answer: danger now, self-harm, or a request
 * for a real person. Pure: the same text always gives the same signal. Returns null for everything else.
 */
export function detectSafety(message: string): SafetySignal | null {
  const { tokens } = normalize(message);
  if (tokens.length === 0) return null;
  const exact = ` ${tokens.join(' ')} `;
  const corrected = ` ${tokens.map(correct).join(' ')} `;
  for (const reason of PRIORITY) {
    for (const r of SAFETY_RULES) {
      if (r.reason !== reason) continue;
      if (r.pattern.test(exact) || r.pattern.test(corrected)) return { reason, rule: r.id };
    }
    if (reason === 'danger') {
      const correctedTokens = corrected.trim().split(' ');
      const concepts = conceptDanger(corrected, correctedTokens);
      if (concepts) return { reason, rule: `concepts:${concepts.concepts.join('+')}` };
    }
  }
  return null;
}
