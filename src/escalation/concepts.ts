/**
 * The second safety net: concepts rather than phrases. A message that mentions the writer or someone
 * close to them together with enough signs of present harm (violence, a weapon, being held or moved,
 * threats, being denied food or sleep, fear for one's life) is treated as danger even when no phrase
 * rule matches. Phrase rules are precise; this net catches the wordings nobody wrote a rule for.
 *
 * Words are matched as prefixes of normalised words (accents off, typos corrected), so one stem covers
 * a verb's forms ("golpe" → golpeó, golpearon, golpeando).
 */

interface Concept {
  readonly weight: number;
  readonly stems: readonly string[];
  /** Whole phrases, matched against the padded text. */
  readonly phrases?: readonly string[];
}

export const CONCEPTS = {
  weapon: {
    weight: 2,
    stems: ['gun', 'guns', 'pistol', 'knife', 'knives', 'rifle', 'weapon', 'machete', 'fierro', 'cuete', 'arma', 'armas', 'cuchillo', 'navaja', 'balazo', 'balacera'],
  },
  violence: {
    weight: 2,
    stems: [
      'beat', 'beaten', 'punch', 'kicked', 'kicking', 'slap', 'choke', 'choked', 'choking', 'strangl', 'stabb', 'shoot', 'shot', 'pushed',
      'threw me', 'rape', 'raped', 'raping', 'bleeding', 'bruise', 'golpe', 'golpi', 'pego', 'pegaron', 'pegando', 'pegan', 'madriza', 'cachetad',
      'patad', 'pateo', 'patearon', 'ahorc', 'apunal', 'dispar', 'avento', 'aventaron', 'empujo', 'empujaron', 'quemo', 'quemaron', 'violo',
      'violaron', 'sangr', 'moreton', 'chingadazo', 'putaz', 'shoved', 'dragged', 'arrastr', 'madrear', 'madreo',
    ],
    phrases: [
      'hit me', 'hits me', 'hit us', 'hurt me', 'hurts me', 'hurting me', 'me lastim', 'nos lastim', 'threw me', 'against the wall', 'contra la pared',
      'partir la madre', 'partirme la madre', 'sin dientes', 'del pelo', 'by her hair', 'by the hair',
    ],
  },
  held: {
    weight: 2,
    stems: [
      'chain', 'chained', 'trapped', 'cage', 'caged', 'captive', 'hostage', 'prisoner', 'kidnap', 'abduct', 'grabbed', 'encerr',
      'encadena', 'amarrad', 'atrapad', 'secuestr', 'raptad', 'levantaron',
    ],
    phrases: [
      'locked in', 'locked up', 'locked me in', 'locked us in', 'locks me in', 'locks us in', 'lock us in', 'lock me in', 'the door is locked',
      'not allowed to leave', 'cant leave', 'can not leave', 'ni asomarnos', 'ni salir', 'nadie se va', 'nobody leaves', 'took my phone',
      'took our phones', 'me quito el telefono', 'nos quitaron los telefonos', 'me quitaron el celular', 'bien checados', 'nos vigilan',
      'me vigilan', 'watch us', 'watching us', 'watches us', 'against my will', 'contra mi voluntad', 'a la fuerza', 'by force',
      'nos quitaron los celulares', 'me quitaron los celulares', 'nos quitaron el celular', 'con cadena', 'con cadenas', 'con candado',
      'traban la puerta', 'sin ventana', 'sin ventanas', 'no windows', 'nos sacan para trabajar', 'storage room',
    ],
  },
  threatened: {
    weight: 2,
    stems: ['threat', 'amenaz'],
  },
  threat: {
    weight: 1.5,
    stems: ['disappear', 'desaparec', 'nudes', 'naked', 'desnud', 'property', 'propiedad', 'buried', 'enterr'],
    phrases: [
      'if i leave', 'if i quit', 'if i stop', 'if i tell', 'if anyone', 'unless i', 'si me voy', 'si me salgo', 'si dejo',
      'si digo', 'si hablo', 'si alguien', 'si no sigo', 'a menos que', 'post my', 'share the video', 'send pictures',
      'send the pictures', 'subir mis fotos', 'subir el video', 'subir las fotos', 'al que se quiera ir', 'who tries to run',
      'anyone who tries', 'kill me', 'me mate', 'nos mata', 'me va a matar', 'nos va a matar', 'call immigration',
      'tell immigration', 'have me deported', 'get me deported',
    ],
  },
  moved: {
    weight: 1,
    // Not "van" alone: in Spanish it means "they go".
    stems: ['truck', 'trunk', 'troca', 'camioneta', 'cajuela', 'trailer', 'traila', 'a van', 'the van', 'una van', 'la van'],
    phrases: [
      'dont know where', 'do not know where', 'no se a donde', 'no se donde', 'no sabemos', 'no air', 'no hay aire', 'wont stop',
      'will not stop', 'no para', 'another state', 'otro estado', 'otra ciudad', 'another city', 'never agreed', 'took my sister',
      'took my daughter', 'me llevan', 'nos llevan', 'taking me', 'taking us', 'put in a car', 'put me in', 'put her in', 'put him in',
      'into a car', 'nos suben', 'nos subieron', 'la metio', 'la metieron', 'nadie nos pregunto', 'took off',
    ],
  },
  pursued: {
    weight: 2,
    stems: [],
    phrases: [
      'outside the door', 'at the door', 'at my door', 'found me', 'me encontro', 'nos encontro', 'en la puerta', 'looking for me',
      'me busca', 'me estan buscando', 'me anda buscando', 'following me', 'me sigue', 'me esta siguiendo', 'for my life',
      'por mi vida', 'miedo de que me mate', 'temo por mi vida', 'he has my kid', 'has my baby', 'took my baby', 'took my kid',
      'me quito a mi', 'tienen a mi', 'tiene a mi', 'se llevo a mi', 'se llevaron a mi', 'knows i am at', 'knows where i am',
      'been gone', 'been missing', 'driven past', 'drove past', 'circling', 'detras de mi', 'atras de mi', 'drove by the house', 'driving past', 'correteando', 'me persigue', 'nos persigue', 'me esta persiguiendo',
    ],
  },
  minor: {
    weight: 1.5,
    stems: [],
    phrases: [
      'i am 12', 'i am 13', 'i am 14', 'i am 15', 'i am 16', 'i am 17', 'year old', 'years old', 'tengo 13', 'tengo 14', 'tengo 15',
      'tengo 16', 'tengo 17', 'tiene 12', 'tiene 13', 'tiene 14', 'tiene 15', 'tiene 16', 'de 13 anos', 'de 14 anos', 'de 15 anos',
      'de 16 anos', 'menor de edad', 'looks like a kid', 'looks like a child', 'looks underage', 'looks young',
      'parece menor', 'parece una nina', 'una nina', 'una menor', 'una muchachita', 'una chamaca', 'una chamaquita',
    ],
  },
  deprived: {
    weight: 2,
    stems: [],
    phrases: [
      'havent eaten', 'have not eaten', 'no food', 'without food', 'sin comer', 'no nos dan de comer', 'no me dan de comer', 'no dormir',
      'sin dormir', 'dejan dormir', 'let me sleep', 'let us sleep', 'let us eat', 'let me eat', 'no water', 'sin agua', 'no medicine',
      'sin medicina', 'dias sin', 'not take her to a doctor', 'not take her to the doctor', 'not take me to a doctor',
      'not take me to the doctor', 'not take him to a doctor', 'no doctor', 'no la llevan al doctor', 'no me llevan al doctor', 'no lo llevan al doctor',
      'no la llevan al medico', 'no me llevan al medico', 'no nos llevan al doctor',
    ],
  },
  coerced: {
    weight: 1,
    stems: [],
    phrases: [
      'keep working', 'until i pay', 'until we pay', 'till i pay', 'seguir trabajando', 'sigo trabajando', 'hasta pagar', 'hasta que pague',
      'i owe', 'le debo', 'le debemos', 'making me', 'makes me', 'me obliga', 'nos obliga', 'me pone a', 'meet guys', 'meet men',
      'con hombres', 'with men', 'to men', 'a hombres', 'en la calle', 'hotels', 'hoteles', 'clients', 'clientes', 'for free',
      'sin pago', 'gratis', 'for money', 'por dinero', 'otros hombres', 'older guys', 'older men', 'men in and out',
      'men going in and out', 'entran hombres', 'hombres toda la noche', 'con senores', 'le dan dinero', 'les dan dinero',
    ],
  },
  urgent: {
    weight: 1,
    stems: [],
    phrases: [
      'right now', 'rn', 'tonight', 'help me', 'ayudame', 'ayudenme', 'auxilio', 'at the door', 'outside the door', 'en la puerta',
      'afuera', 'found me', 'me encontro', 'nos encontro', 'hurry', 'rapido', 'ahorita', 'esta noche', 'hoy mismo', 'for my life', 'por mi vida', 'scared', 'afraid', 'terrified', 'miedo', 'asustada', 'asustado',
      'crying', 'screaming', 'llorando', 'lloraba', 'gritando', 'gritaba',
    ],
  },
} as const satisfies Record<string, Concept>;

export type ConceptName = keyof typeof CONCEPTS;

/** "not chained", "no encerrada": a sign that is denied is not a sign. */
const NEGATION = new Set(['not', 'no', 'never', 'nunca', 'ni']);

/** A sign denied within the three words before it: "not chained", "no nos tienen encerrados". */
function negated(tokens: readonly string[], at: number): boolean {
  for (let i = Math.max(0, at - 3); i < at; i++) if (NEGATION.has(tokens[i]!)) return true;
  return false;
}

/** Words that tie a message to the writer or someone close to them. */
const PERSONAL = new Set([
  'i', 'me', 'my', 'we', 'us', 'our', 'mine', 'yo', 'mi', 'mis', 'nos', 'nosotros', 'nosotras', 'nuestra', 'nuestro', 'conmigo',
  'were', 'anyone', 'anybody', 'nadie', 'somos', 'estamos', 'seguimos', 'nuestros', 'nuestras', 'help', 'ayuda', 'here',
  'aqui', 'everyone', 'todos',
]);
const RELATIVE = /\s(?:al que|el que|anyone who|whoever|sister|daughter|son|niece|nephew|brother|mom|mother|cousin|friend|wife|husband|kid|baby|hermana|hija|hijo|sobrina|sobrino|hermano|mama|prima|primo|amiga|amigo|esposa|esposo|bebe|compa|compas)\s/;

/**
 * General questions about a topic ("what are the signs…", "¿es legal…?"). In such a message the
 * concept net needs more evidence: staff and caregivers ask about threats and violence all the time.
 */
const GENERAL_QUESTION =
  /^\s(?:what|whats|which|how|is it|is this|are there|can a|can my|can someone|can you|does|do traffickers|do i have|should|signs|define|explain|tell me about|why|where do i report|how do i report|donde (?:reporto|denuncio|puedo reportar|puedo denunciar)|que es|que son|que significa|cuales|como|senales|es legal|es trata|es delito|puedo|se puede|tengo derecho|que pasa|que hago si|por que|porque los)\s/;

/** Asking where or how to report, anywhere in the message: a bystander's or parent's question. */
const REPORT_QUESTION = /\s(?:where|how) (?:do|can|should) i (?:report|tell)|\s(?:donde|como|a quien) (?:lo |la )?(?:reporto|denuncio|puedo reportar|puedo denunciar|le digo|aviso)\s/;

export interface ConceptScore {
  readonly score: number;
  readonly concepts: readonly ConceptName[];
  readonly personal: boolean;
  readonly generalQuestion: boolean;
}

/** Which concepts a normalised, padded text (` like this `) touches, and the weight they add up to. */
export function scoreConcepts(padded: string, tokens: readonly string[]): ConceptScore {
  const found: ConceptName[] = [];
  let score = 0;
  for (const [name, concept] of Object.entries(CONCEPTS) as [ConceptName, Concept][]) {
    const hits =
      concept.stems.filter((stem) =>
        stem.includes(' ')
          ? padded.includes(` ${stem} `)
          : tokens.some((t, i) => (stem.length >= 5 ? t.startsWith(stem) : t === stem) && !negated(tokens, i)),
      ).length + (concept.phrases ?? []).filter((p) => padded.includes(` ${p} `)).length;
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

export function conceptDanger(padded: string, tokens: readonly string[]): ConceptScore | null {
  const s = scoreConcepts(padded, tokens);
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
