/**
 * Terms for search: stop words dropped, light suffix-stripping stemmers, one per language
 * ("trafficked", "traffickers" → "traffick"; "trabajadores", "trabajando" → "trabaj"). A line of the
 * knowledge base is stemmed in its own language; a message, whose language is often unclear or mixed,
 * is stemmed both ways, and each stem is compared with the lines of its language only, so that a
 * Spanish stem never meets an English word that happens to look the same ("noticias" / "notice").
 */
import type { Locale } from '../knowledge/schema';
import { editDistance } from './distance';

/** Words dropped from lines and messages: English, then Spanish. */
const STOP = new Set(
  (
    'a an the and or but if of to in on at by for from with about as is are was were be been being am do does did ' +
    'i me my mine we us our you your he him his she her it its they them their this that these those there here ' +
    'whom whose can could would should will shall may might must have has had ' +
    'not no yes so than then too very just also any some all more most other such only own same into out up down ' +
    'over again once please thanks thank hi hey okay ok like get got want need really ' +
    'after before while until through across off onto upon within ' +
    'el la los las un una unos unas y o pero si de del al a en con por para que es son fue era ser estar esta estan ' +
    'este esto estos estas ese esa eso esos esas yo mi mis me nos nosotros usted ustedes tu tus te le les lo ' +
    'su sus se porque muy mas menos ya tambien hay tiene tengo ' +
    'hola gracias favor pues bueno entonces algo alguien nada todo todos toda todas otro otra sobre entre hasta ' +
    'desde sin ni puedo puede pueden quiero necesito ella ellas ellos mismo misma mismos mismas'
  ).split(/\s+/),
);

/**
 * Everyday words, English then Spanish, that are not stop words because in a sentence they can matter
 * ("how do i know if", "where do i report"), but that say little about which topic a message is on:
 * question words, everyday verbs and fillers, and who is asking ("im a nurse", "soy maestra" open
 * questions on every topic). In a base of a few dozen entries such a word is rare by accident, and its
 * rarity would let it outweigh the words that carry the question ("how would i recognize a victim if i
 * saw one"); the search caps their weight instead, and an unknown one does not count against an entry.
 */
const COMMON = new Set(
  (
    'what which who when where why how know tell one two saw see seen seeing say said says go goes going went ' +
    'gone come comes came coming make makes made put puts thing things something anything everything nothing ' +
    'someone somebody anyone anybody everyone way ways time times lot lots little big new good well even ever ' +
    'every always never still yet already now today actually exactly maybe probably sure kind sort type think ' +
    'thought guess try trying use used using mean means meaning simple simply word words explain example ' +
    'examples question questions happen happens happened else stuff whole part since because though much many ' +
    'news figure yr yrs teacher nurse social manager counselor pastor paralegal pharmacist caseworker ' +
    'como cuando donde cual cuales quien quienes saber uno dos vi ver veo visto decir dice dicen dijo hacer hace ' +
    'hago hizo hacen ir va voy vamos van venir viene cosa cosas forma manera vez veces tiempo mucho mucha muchos ' +
    'muchas poco poca grande nuevo nueva bien mal siempre nunca todavia aun ahora hoy asi creo pienso parece ' +
    'tipo clase exactamente realmente significa significado explicar explica explicame ejemplo ejemplos ' +
    'pregunta preguntas pasa paso pasar digo noticias solo sola solos solas cada fines hora horas manana ' +
    'maestra maestro enfermera enfermero consejera consejero gestora gestor asistente dia dias day days semana week'
  ).split(/\s+/),
);

const VOWEL = /[aeiouy]/;
const EN_SUFFIXES = 'ation ition ion ment ness ful ly er'.split(' ');

/** English: plurals, -ed/-ing, agent -er, -ly and a few noun endings, keeping at least a short stem. */
function stemEn(word: string): string {
  let w = word;
  // Plurals and third person; "business", "status", "crisis" are not plurals.
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(xes|ches|shes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (/[^sui]s$/.test(w)) w = w.slice(0, -1);
  // Past and progressive, when a vowel is left ("trafficked", "leaving"; not "bring").
  for (const suffix of ['ing', 'ed']) {
    const rest = w.slice(0, -suffix.length);
    if (w.endsWith(suffix) && rest.length >= 3 && VOWEL.test(rest)) {
      w = /([^aeiouslz])\1$/.test(rest) ? rest.slice(0, -1) : rest;
      break;
    }
  }
  // Noun, adverb and agent endings, when at least four letters are left ("paper" stays, "worker" → "work").
  for (const suffix of EN_SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('y') && w.length > 3 && VOWEL.test(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** Pronouns attached to a Spanish verb: "quedarme", "explicarle", "reconocerlo", "llevandolos". */
const ENCLITIC = /(ar|er|ir|ando|iendo)(me|te|se|le|les|lo|los|la|las|nos|selo|sela)$/;

const ES_SUFFIXES = (
  'amiento imiento acion icion adora ador idora idor mente ieron aron abamos aban iendo ando amos emos imos ' +
  'ada ida ado ido aba ian ia io ar er ir an en a e o'
).split(' ');

/** Spanish: attached pronouns, plurals, gender, common verb endings and -ción nouns. */
function stemEs(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  const clitic = ENCLITIC.exec(w);
  if (clitic && w.length - clitic[2]!.length >= 3) w = w.slice(0, -clitic[2]!.length);
  // Plural first, so that "trabajadores" and "trabajador" or "leyes" and "ley" meet.
  if (/[^aeiou]es$/.test(w) && w.length > 4) w = w.slice(0, -2);
  else if (/[^m]os$|[aei]s$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ES_SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // Verbs that add a letter in some forms: "reconozco" / "reconocer", "salgo" / "salir", "tengo" / "tener".
  if (w.endsWith('zc')) return `${w.slice(0, -2)}c`;
  if (/[ln]g$/.test(w)) return w.slice(0, -1);
  return w;
}

/** The stem of a word in one language; numbers and short words are kept as they are. */
export function stem(word: string, locale: Locale): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  return locale === 'en' ? stemEn(word) : stemEs(word);
}

export function isStopWord(token: string): boolean {
  return STOP.has(token);
}

/** A content word of a line of the base: its stem, and whether it is an everyday word (see `COMMON`). */
export interface LineTerm {
  readonly stem: string;
  readonly common: boolean;
}

/** A content word of a message, stemmed both ways: it is compared with lines of each language in kind. */
export interface QueryTerm {
  readonly en: string;
  readonly es: string;
  readonly common: boolean;
  /** Not listed as everyday, but no sign of another topic when the base does not know it (see `filler`). */
  readonly filler: boolean;
}

function content(tokens: readonly string[]): readonly string[] {
  const kept = tokens.filter((t) => !STOP.has(t));
  // A message of nothing but stop words ("what is it") still has to match something.
  return kept.length > 0 ? kept : tokens;
}

/** Content terms of a normalised line of the knowledge base, stemmed in the line's language. */
export function terms(tokens: readonly string[], locale: Locale): LineTerm[] {
  return content(tokens).map((t) => ({ stem: stem(t, locale), common: COMMON.has(t) }));
}

/** Stop and everyday words, by length, for spotting misspelt ones ("bein", "becuse") in messages. */
const EVERYDAY = new Map<number, string[]>();
for (const w of [...STOP, ...COMMON]) EVERYDAY.set(w.length, [...(EVERYDAY.get(w.length) ?? []), w]);

/**
 * A word that says nothing about a topic even though no list has it: a number ("3 de la mañana", "my 8
 * yr old") or an everyday word with a letter left out ("am i bein trafficked"). Only a letter left out:
 * "tire" is one letter from "time" and "banana" from "manana", and those are real words.
 */
function filler(token: string): boolean {
  if (/^\d+$/.test(token)) return true;
  if (token.length < 4) return false;
  return (EVERYDAY.get(token.length + 1) ?? []).some((w) => editDistance(w, token, 1) <= 1);
}

/** Content words of a normalised message, once each. */
export function queryTerms(tokens: readonly string[]): QueryTerm[] {
  return [...new Set(content(tokens))].map((t) => ({
    en: stem(t, 'en'),
    es: stem(t, 'es'),
    common: COMMON.has(t),
    filler: filler(t),
  }));
}
