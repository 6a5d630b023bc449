/**
 * The second safety net: concepts rather than phrases. A message that mentions the writer or someone
 * close to them together with enough signs of present harm (violence, a weapon, being held or moved,
 * threats, being denied food or sleep, fear for one's life) is treated as danger even when no phrase
 * rule matches. Phrase rules are precise; this net catches the wordings nobody wrote a rule for.
 *
 * Words are matched as prefixes of normalised words (accents off, typos corrected), so one stem covers
 * a verb's forms ("golpe" → golpeó, golpearon, golpeando). The concepts are data, in
 * `data/safety/concepts.txt`.
 */
import { loadConcepts, loadLists, type Concept } from './rules-data';

/** The concepts the code refers to by name; their weights, stems and phrases are in `data/safety/concepts.txt`. */
export const CONCEPT_NAMES = ['weapon', 'violence', 'held', 'threatened', 'threat', 'moved', 'pursued', 'minor', 'deprived', 'coerced', 'urgent'] as const;

export type ConceptName = (typeof CONCEPT_NAMES)[number];

export const CONCEPTS: Readonly<Record<ConceptName, Concept>> = Object.freeze(loadConcepts(CONCEPT_NAMES));

/** The word lists around the concepts, in `data/safety/concept-context.txt`. */
const LISTS = loadLists(['negation', 'personal', 'relative', 'general-question', 'report-question']);

/** "not chained", "no encerrada": a sign that is denied is not a sign. */
const NEGATION: ReadonlySet<string> = new Set(LISTS.negation);

/** A sign denied within the three words before it: "not chained", "no nos tienen encerrados". */
function negated(tokens: readonly string[], at: number): boolean {
  for (let i = Math.max(0, at - 3); i < at; i++) if (NEGATION.has(tokens[i]!)) return true;
  return false;
}

/** Words that tie a message to the writer or someone close to them. */
const PERSONAL: ReadonlySet<string> = new Set(LISTS.personal);
const RELATIVE = new RegExp(`\\s(?:${LISTS.relative.join('|')})\\s`);

/**
 * General questions about a topic ("what are the signs…", "¿es legal…?"): the message starts so. In
 * such a message the concept net needs more evidence: staff and caregivers ask about threats and
 * violence all the time.
 */
const GENERAL_QUESTION = new RegExp(`^\\s(?:${LISTS['general-question'].join('|')})\\s`);

/** Asking where or how to report, anywhere in the message: a bystander's or parent's question. */
const REPORT_QUESTION = new RegExp(LISTS['report-question'].join('|'));

export interface ConceptScore {
  readonly score: number;
  readonly concepts: readonly ConceptName[];
  readonly personal: boolean;
  readonly generalQuestion: boolean;
}

/** Every one-word stem of the concept net (multi-word ones are looked for in the padded text). */
const ONE_WORD_STEMS: ReadonlySet<string> = new Set(
  Object.values(CONCEPTS).flatMap((c: Concept) => c.stems.filter((stem) => !stem.includes(' '))),
);

/**
 * The one-word stems a message's words show, each word unless denied just before it ("not chained"): a
 * stem of five letters or more matches the start of a word, a shorter one the whole word. Looked up from
 * each word's prefixes, so a message costs its own length, not the size of the concept net.
 */
function stemsIn(tokens: readonly string[]): Set<string> {
  const found = new Set<string>();
  tokens.forEach((t, i) => {
    const matched: string[] = [];
    if (t.length < 5 && ONE_WORD_STEMS.has(t)) matched.push(t);
    for (let n = 5; n <= t.length; n++) {
      const prefix = t.slice(0, n);
      if (ONE_WORD_STEMS.has(prefix)) matched.push(prefix);
    }
    if (matched.length > 0 && !negated(tokens, i)) for (const m of matched) found.add(m);
  });
  return found;
}

/** Which concepts a normalised, padded text (` like this `) touches, and the weight they add up to. */
export function scoreConcepts(padded: string, tokens: readonly string[]): ConceptScore {
  const stems = stemsIn(tokens);
  const found: ConceptName[] = [];
  let score = 0;
  for (const [name, concept] of Object.entries(CONCEPTS) as [ConceptName, Concept][]) {
    let hits = 0;
    for (const stem of concept.stems) if (stem.includes(' ') ? padded.includes(` ${stem} `) : stems.has(stem)) hits++;
    for (const p of concept.phrases ?? []) if (padded.includes(` ${p} `)) hits++;
    if (hits > 0) {
      found.push(name);
      // More than one sign of the same kind adds weight, up to double.
      score += concept.weight * (1 + 0.5 * Math.min(2, hits - 1));
    }
  }
  const personal = tokens.some((t) => PERSONAL.has(t)) || RELATIVE.test(padded);
  const generalQuestion = GENERAL_QUESTION.test(padded) || REPORT_QUESTION.test(padded);
  return { score, concepts: found, personal, generalQuestion };
}

/** Weight of evidence needed to call a message danger without a phrase rule. */
export const CONCEPT_THRESHOLD = 2;
/** Extra weight needed when the message reads as a general question. */
export const GENERAL_QUESTION_PENALTY = 2;

/** The concepts of a message if they weigh enough to call it danger, else null. */
export function conceptDanger(padded: string, tokens: readonly string[], scored?: ConceptScore): ConceptScore | null {
  const s = scored ?? scoreConcepts(padded, tokens);
  // Being young is not a sign of harm by itself: a minor needs another sign ("tiene 16… qué protecciones").
  if (s.concepts.length === 1 && s.concepts[0] === 'minor') return null;
  // A child among paying men is an emergency whoever reports it, even in words that never say "I".
  // Not a question about the law put as a case ("if a 16 year old trades sex for money, is it…").
  const childSold =
    s.concepts.includes('minor') && s.concepts.includes('coerced') && !s.generalQuestion && !/^\s(?:if|what if|si|que pasa si)\s/.test(padded);
  if (!s.personal && !childSold) return null;
  // Laughter ("jajaja", "lol", "jk") asks for more evidence too; phrase rules still read such messages.
  const laughing = /\s(?:jaja\w*|jeje\w*|haha\w*|lol|lmao|xd|jk)\s/.test(padded);
  const needed = CONCEPT_THRESHOLD + (s.generalQuestion || laughing ? GENERAL_QUESTION_PENALTY : 0);
  return s.score >= needed ? s : null;
}
