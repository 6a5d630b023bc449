import { normalize } from '../text/normalize';
import { blankIdioms } from './idioms';

/**
 * What the safety model reads in a message: its normalised words, each pair of neighbouring words, and
 * the four-letter pieces of each longer word. The pieces let one learnt sign cover a verb's forms and
 * the typos people make in a hurry ("golpeando", "golpiando", "golpeo" share "golp"). Hyperbole the
 * rules know ("esta novela me tiene secuestrada") is blanked first. Each feature counts once per message.
 */
export function safetyFeatures(message: string): string[] {
  return featuresOfBlanked(blankIdioms(` ${normalize(message).tokens.join(' ')} `));
}

/** The same, from a message already normalised, padded and with its idioms blanked (as detection has it). */
export function featuresOfBlanked(blanked: string): string[] {
  const tokens = blanked.trim().split(/\s+/).filter(Boolean);
  const out = new Set<string>();
  tokens.forEach((word, i) => {
    out.add(`w:${word}`);
    const next = tokens[i + 1];
    if (next !== undefined) out.add(`b:${word}_${next}`);
    if (word.length >= 4) {
      const padded = `<${word}>`;
      for (let k = 0; k + 4 <= padded.length; k++) out.add(`c:${padded.slice(k, k + 4)}`);
    }
  });
  return [...out];
}
