/**
 * Terms for search: stop words dropped, a light suffix-stripping stemmer shared by both languages
 * ("trafficked", "trafficking", "traffickers" → "traffick"; "trabajadores", "trabajo" → "trabaj").
 * One stemmer for both languages keeps Spanglish messages comparable with either side of an entry.
 */

const STOP = new Set(
  (
    // English
    'a an the and or but if of to in on at by for from with about as is are was were be been being am do does did ' +
    'i me my mine we us our you your he him his she her it its they them their this that these those there here ' +
    'what which who whom whose when where why how can could would should will shall may might must have has had ' +
    'not no yes so than then too very just also any some all more most other such only own same into out up down ' +
    'over again once please thanks thank hi hey okay ok like get got know tell want need really much many ' +
    // Spanish
    'el la los las un una unos unas y o pero si de del al a en con por para que es son fue era ser estar esta estan ' +
    'este esto estos estas ese esa eso esos esas yo mi mis me nos nosotros usted ustedes tu tus te le les lo ' +
    'su sus se como cuando donde cual cuales quien quienes porque muy mas menos ya tambien hay tiene tengo ' +
    'hola gracias favor pues bueno entonces algo alguien nada todo todos toda todas otro otra sobre entre hasta ' +
    'desde sin ni ese puedo puede pueden saber quiero necesito'
  ).split(/\s+/),
);

const SUFFIXES: readonly string[] = [
  'aciones', 'amientos', 'imientos', 'amiento', 'imiento', 'ization', 'ational', 'adoras', 'adores', 'iones',
  'acion', 'ation', 'ando', 'iendo', 'mente', 'ings', 'adas', 'idas', 'ados', 'idos', 'ing', 'ers', 'ies', 'ied',
  'ada', 'ida', 'ado', 'ido', 'ed', 'er', 'es', 'ly', 'as', 'os', 'ar', 'ir', 'a', 'o', 's', 'e',
];

/** Strip one common suffix, keeping at least three letters. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

export function isStopWord(token: string): boolean {
  return STOP.has(token);
}

/**
 * Content terms of a normalised token list: stop words out, stems in. When a message is nothing but
 * stop words ("what is it"), the stems of all its words are kept so that it still matches something.
 */
export function terms(tokens: readonly string[]): string[] {
  const content = tokens.filter((t) => !STOP.has(t));
  return (content.length > 0 ? content : tokens).map(stem);
}
