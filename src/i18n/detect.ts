import type { Locale } from '../knowledge/schema';
import { fold, normalize } from '../text/normalize';

/**
 * Words that mark a language even in a two-word message. Folded (no accents), as people type them.
 * Shared words ("no", "visa", "a") are in neither list.
 */
const ES = new Set(
  ('hola ayuda que q k xq pq porque por para como donde cuando quien cual el la los las un una unos unas es son ' +
    'esta estoy estan soy eres mi mis tu su sus yo usted ustedes nos nosotros de del al y o pero con sin ' +
    'necesito quiero puedo tengo tiene tienen hay trabajo trabajar patron jefe papeles migra dinero paga pagan ' +
    'ayudame ayudenme gracias buenas buenos dias tardes noches favor xfa porfa victima trata derechos senales ' +
    'hija hijo nina nino familia casa aqui ahora tambien tb tmb muy mas sabe saber hacer hago digo dice ' +
    'denuncia denunciar abogado abogada linea telefono celular mensaje hablar persona alguien nadie nada todo ' +
    'trabajadores explotacion sexual menores nino ninos ninas pasaporte identificacion deuda debo salario ' +
    'visa_t esposo esposa novio novia amiga amigo prima primo mama papa lana chamba troca oiga disculpe ' +
    'si se le lo les me te nos ya este ese eso esto algo ni tanto qué cómo').split(/\s+/),
);

const EN = new Set(
  ('hi hello hey help what how where when who why which the a an is are am was were be i me my you your he she ' +
    'they them their we our us it this that do does did can could would should will have has had need want ' +
    'know tell about from with without of to in on for and or but not dont cant im ive u r pls plz thanks ' +
    'thank please boss work job pay paid papers passport money rights signs victim trafficking trafficked ' +
    'daughter son child kid family friend home here now also very more get got someone somebody anyone ' +
    'lawyer report police phone call text talk person people wages hotline safe scared afraid keep keeps ' +
    'morning evening night good yes if there any some').split(/\s+/),
);

/** Words that alone say which language a person is writing in. */
const STRONG = new Set(['hola', 'gracias', 'buenas', 'buenos', 'necesito', 'quiero', 'hello', 'thanks', 'thank', 'what', 'how', 'where']);

/** A conversation's remembered language changes only on this much evidence ("ok" or "911" is not enough). */
export const SWITCH_STRENGTH = 2;

export interface LanguageGuess {
  readonly locale: Locale | null;
  /** Margin of the winning language's words over the other's. */
  readonly strength: number;
}

/**
 * Guess a message's language from marker words and Spanish-only characters. Returns null when the
 * message gives no clear sign ("t visa", "911"); the caller then keeps the conversation's language.
 */
export function detectLanguage(message: string): LanguageGuess {
  let es = /[ñ¿¡]|[áéíóú]/i.test(message.normalize('NFC')) ? 1.5 : 0;
  let en = 0;
  const { raw } = normalize(message);
  for (const word of raw) {
    if (ES.has(word)) es += STRONG.has(word) ? 2 : 1;
    if (EN.has(word)) en += STRONG.has(word) ? 2 : 1;
  }
  const strength = Math.abs(es - en);
  if (strength < 1) return { locale: null, strength };
  return { locale: es > en ? 'es' : 'en', strength };
}

/** Explicit requests to change language: the whole message is the request. */
export function detectLanguageSwitch(message: string, current: Locale): Locale | null {
  const text = fold(message).replace(/[^a-z\s]/g, ' ').replace(/\s+/g, ' ').trim();
  if (/^(en )?(espanol|spanish|castellano)( por favor| please)?$|^(hablas|habla|speak|do you speak) (espanol|spanish)$/.test(text)) return 'es';
  if (/^(in )?(english|ingles|en ingles)( please| por favor)?$|^(hablas|habla|speak|do you speak) (ingles|english)$/.test(text)) return 'en';
  if (/^(cambiar|cambia|cambie) (de )?(idioma|lengua)$|^(change|switch) (the )?language$|^(idioma|language)$/.test(text)) {
    return current === 'es' ? 'en' : 'es';
  }
  return null;
}
