import { editDistance, typoBudget } from '../text/distance';
import { normalize } from '../text/normalize';
import { conceptDanger, scoreConcepts, type ConceptName } from './concepts';

/** Signs that, even alone, put the 911 line on top of whatever the bot answers. */
const CAUTION_CONCEPTS: ReadonlySet<ConceptName> = new Set(['weapon', 'violence', 'held', 'threatened', 'pursued', 'deprived']);
import { SAFETY_LEXICON, SAFETY_RULES, type SafetyReason } from './patterns';

export type { SafetyReason } from './patterns';

export interface SafetySignal {
  /** `caution`: not enough to hand off, but enough that the reply should start with 911. */
  readonly reason: SafetyReason | 'caution';
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
  'cuente', 'cuentes', 'cuenten', 'persons', 'detuvieron', 'detuvo', 'quiere', 'quieren', 'report', 'reports', 'reported', 'reporting', 'obligo', 'obligaron', 'forzaron', 'forced', 'quejo', 'quejarme', 'locker', 'lockers', 'blocked', 'clocked',
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
 * Hyperbole that borrows danger words ("this exam is going to kill me", "la novela me tiene secuestrada",
 * "held hostage by this group project haha"). Only the idiom is blanked; the rest of the message is
 * still checked, so "this job is killing me, he locked me in" still escalates.
 */
const IDIOMS: readonly RegExp[] = [
  /\s(?:this|that|the|my|esta|este|el|la|mi) (?:movie|show|novela|serie|series|project|group project|exam|examen|test|heat|calor|homework|tarea|traffic|trafico|class|clase|game|juego|job|trabajo|feet|pies|curiosidad|song|cancion)(?: \w+){0,6} (?:kidnapped|kidnap|hostage|killing|kill|killed|murder|secuestrada|secuestrado|matar|matando|mata|me tiene secuestrada|me tiene secuestrado)(?=\s)/g,
  /\s(?:gonna|going to|will|va a|me va a|me van a) (?:kill|murder|matar)(?: me)? (?:if i am late|if im late|si llego tarde)(?=\s)/g,
  /\s(?:plan|contract|lease|contrato|plan de telefono) (?:has|have|got|me tiene) (?:me )?(?:locked in|encerrad[oa])(?=\s)/g,
  /\s(?:ando|estoy) encerrad[oa] (?:en mi casa |en casa |en mi cuarto )?(?:estudiando|viendo|jugando|haciendo tarea|leyendo)(?=\s)/g,
  /\s(?:threat\w*|amenaz\w*) (?:to|con) (?:fire|evict|sue|correr|corrernos|despedir|despedirme|correrme|desalojar|demandar|cut (?:my|our) hours|quitarme horas)(?=\s)/g,
  /\s(?:gonna|going to|will|va a|me va a) (?:kill|murder|matar)(?: me)? (?:when|cuando) (?:\w+ ){0,3}(?:sees|see|finds out|vea|se entere)(?=\s)/g,
  /\s(?:kidnapped|kidnap|secuestraron|secuestrada|secuestrado|held me hostage|hostage)(?: \w+){0,8} (?:surprise|sorpresa|birthday|cumpleanos|dinner|cena|playground|party|fiesta)(?=\s)/g,
  /\s(?:secuestrad[oa]|atrapad[oa]|encerrad[oa]) con (?:tanta|tanto|la|el|mucha|mucho) (?:tarea|trabajo|chamba|examenes|quehacer)(?=\s)/g,
  /\s(?:encerrad[oa]|stuck at home|stuck inside)(?: en la casa| en casa| at home)? (?:con|por|with) (?:gripa|gripe|covid|la lluvia|el frio|the flu|a cold|fiebre)(?=\s)/g,
  /\s(?:i feel|me siento|feel|feeling) (?:so |muy |tan )?(?:trapped|atrapad[oa]) (?:in|en) (?:this|my|este|mi|a) (?:dead end |boring |aburrido )?(?:job|trabajo|relationship|relacion|town|pueblo|routine|rutina|life|vida|class|clase)(?=\s)/g,
  /\s(?:grounded|castigada|castigado)\s.*\s(?:prisoner|prisionera|prisionero|held)(?=\s)/g,
  // Someone close will "kill me" over a forgotten cake or a scratched car.
  /\s(?:going to|gonna|will|would|va a|iba a|van a|iban a) (?:kill|murder|matar)(?: me)? (?:if|si) (?:i )?(?:forget|forgot|miss|lose|break|spill|eat|scratch|le rayo|le rayaba|rayo|rayaba|olvido|olvidaba|se me olvida|se me olvidaba|pierdo|perdia|rompo|rompia|me como|me comia)(?=\s)/g,
  // Locked out of one's own home, not locked in.
  /\s(?:me quede|nos quedamos|quede|quedamos) (?:afuera|fuera) de (?:mi|la|nuestra) (?:casa|puerta|depa|departamento|apartamento|carro|cuarto)(?=\s)/g,
  /\s(?:held hostage|kidnapped|secuestrad[oa]) (?:by|por) (?:this|that|the|my|esta|este|la|el|mi) (?:\w+ ){0,2}(?:project|homework|tarea|proyecto|novela|show|serie|exam|examen|game|juego)(?=\s)/g,
];

const PAST = /\s(?:used to|back then|solia|solian|en ese entonces|en aquel entonces)\s|\s(?:back in|in|en|since|desde) (?:19|20)\d\d\s|\s(?:\d+|two|three|four|five|many|several|some|unos|varios|muchos|dos|tres) (?:years|anos) (?:ago|atras)\s|\shace (?:\d+|unos|varios|muchos|dos|tres|un) (?:anos|ano|meses)\s|\shace (?:anos|mucho tiempo|tiempo)\s|\syears ago\s/;
const SAFE_NOW = /\s(?:i am|im|we are|now) (?:safe|ok|okay|fine|out)\s|\s(?:i am|im|we are) doing (?:ok|okay|fine|good|better|well)\s|\s(?:my|our) own (?:place|apartment|house)\s|\s(?:mi|nuestro) propio (?:lugar|departamento|apartamento|cuarto)\s|\s(?:safe now|and safe|y a salvo|y estoy bien|ya estoy bien|estoy bien|estoy a salvo|ya estoy a salvo|ya sali|ya no estoy ahi)\s/;
const NOW = /\s(?:right now|now he|tonight|ahorita|ahora mismo|esta noche|again|otra vez)\s/;

function blankIdioms(padded: string): string {
  return IDIOMS.reduce((text, re) => text.replace(re, ' '), padded);
}

/**
 * Decide whether a message needs a person rather than an answer: danger now, self-harm, or a request
 * for a real person. Pure: the same text always gives the same signal. Returns null for everything else.
 */
export function detectSafety(message: string): SafetySignal | null {
  const { tokens } = normalize(message);
  if (tokens.length === 0) return null;
  const padded = ` ${tokens.join(' ')} `;
  // Told calmly about the past, from safety now ("back in 2015… I'm safe now, can I still report?"):
  // no emergency, unless the message also says something is happening now.
  const pastAndSafe = PAST.test(padded) && SAFE_NOW.test(padded) && !NOW.test(padded);
  const exact = blankIdioms(padded);
  const corrected = blankIdioms(exact.split(' ').map(correct).join(' '));
  for (const reason of PRIORITY) {
    if (reason === 'danger' && pastAndSafe) continue;
    for (const r of SAFETY_RULES) {
      if (r.reason !== reason) continue;
      if (r.pattern.test(exact) || r.pattern.test(corrected)) return { reason, rule: r.id };
    }
  }
  // The concept net comes after every phrase rule: "a gun… on myself" is self-harm, not danger.
  if (pastAndSafe) return null;
  const words = corrected.trim().split(' ');
  const concepts = conceptDanger(corrected, words);
  if (concepts) return { reason: 'danger', rule: `concepts:${concepts.concepts.join('+')}` };
  // A weaker sign of harm to the writer: the answer still comes, but after the 911 line.
  const weak = scoreConcepts(corrected, words);
  if (weak.personal && weak.concepts.some((c) => CAUTION_CONCEPTS.has(c))) {
    return { reason: 'caution', rule: `caution:${weak.concepts.join('+')}` };
  }
  return null;
}
