import { readDataLines } from '../text/phrases';

/** A general entry answered by a more specific one in a given conversation (data/understanding/specialised.txt). */
export interface Specialisation {
  readonly general: string;
  readonly specific: string;
  /** The conversation's topics (the previous one, or what was told before a handoff) that call for it. */
  readonly contexts: ReadonlySet<string>;
}

/** Parse the table: `general specific: context context …` a line. Throws, naming the file and the line, on a malformed one. */
export function parseSpecialisations(lines: readonly string[], file = 'specialised.txt'): Specialisation[] {
  return lines.map((line) => {
    const m = /^(\S+)\s+(\S+):\s*(\S.*)$/.exec(line);
    if (!m) throw new Error(`${file}: "${line}" is not "general-topic specific-topic: context-topic …"`);
    const [, general, specific, contexts] = m as unknown as [string, string, string, string];
    if (general === specific) throw new Error(`${file}: "${line}" specialises ${general} into itself`);
    return { general, specific, contexts: new Set(contexts.split(/\s+/)) };
  });
}

export function readSpecialisations(file: string): Specialisation[] {
  return parseSpecialisations(readDataLines(file), file);
}

/**
 * The general entries a conversation about `context` (its previous topic, and what was told before a
 * handoff) answers with a specific one: general id → specific id, the first rule that applies. Pure.
 */
export function specialisedIn(context: readonly (string | undefined)[], table: readonly Specialisation[]): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const s of table) {
    if (!out.has(s.general) && context.some((c) => c !== undefined && s.contexts.has(c))) out.set(s.general, s.specific);
  }
  return out;
}
