import type { Locale } from '../knowledge/schema';
import { fold, normalize, type NormalizedText } from '../text/normalize';

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
    'si se le lo les te nos ya este ese eso esto algo ni tanto van va voy vamos vas fue fui era eran estaba ' +
    'estamos estas esta estar ser hacer tener poder decir dijo dicen dice matar pegar golpear llevar salir ' +
    'dejan deja quieren quiere puede pueden puedes tengo tienes tenemos hablar llamar ayudar ayudenme ' +
    'donde cuando porque pero tambien muy mucho mucha poco nada nadie siempre nunca ahora ahorita luego ' +
    'hoy manana noche dia dias semana mes ano anos hombre hombres mujer mujeres nino nina ninos ninas gente ' +
    'trabajo casa calle carro troca dinero papeles policia migra jefe patron patrona senor senora miedo ' +
    'peligro ayuda necesito quiero encerrada encerrado golpes amenaza amenazan novio esposo esposa hermana ' +
    'hermano hija hijo mama papa tia tio prima primo amiga amigo vecina vecino escuela iglesia tienda ' +
    'cual cuales cuanto cuantos cuanta como que quien quienes hay estoy estan soy somos son tiene tienen ' +
    'ojala mejor peor muerta muerto morir morirme muriera pegan pega golpean operadora operador estaria ' +
    'quisiera desde contacto existe capacito hasta entre sobre despues antes otra otro mismo misma').split(/\s+/),
);

const EN = new Set(
  ('hi hello hey help what how where when who why which the a an is are am was were be i me my you your he she ' +
    'they them their we our us it this that do does did can could would should will have has had need want ' +
    'know tell about from with without of to in on for and or but not dont cant im ive u r pls plz thanks ' +
    'thank please boss work job pay paid papers passport money rights signs victim trafficking trafficked ' +
    'daughter son child kid family friend home here now also very more get got someone somebody anyone ' +
    'lawyer report police phone call text talk person people wages hotline safe scared afraid keep keeps ' +
    'morning evening night good yes if there any some will would going gonna wanna want wont cant dont ' +
    'didnt doesnt isnt arent wasnt im youre hes shes theyre were ive theyll hell kill hurt hit beat lock ' +
    'locked leave let go come take took get got give gave said says say tell told ask asked think know ' +
    'where when why who which because but so just only really right now today tonight tomorrow night ' +
    'day days week man men woman women girl boy kids people car truck house room door street money ' +
    'papers police boss scared afraid please help sister brother mom dad wife husband boyfriend ' +
    'girlfriend friend neighbor school church store work job pay paid owe someone anyone nobody').split(/\s+/),
);

// Words spelt the same in both languages ("me", "a", "no", "son", "hay"…) say nothing: drop them from both.
for (const word of [...ES]) {
  if (EN.has(word)) {
    ES.delete(word);
    EN.delete(word);
  }
}
for (const word of ['a', 'me', 'no', 'son', 'come', 'red', 'sin', 'pan', 'once']) {
  ES.delete(word);
  EN.delete(word);
}

const ES_ENDING = /(?:ando|iendo|cion|ciones|mente|aron|ieron|aban|ria|rian|arme|erme|irme|arse|erse|irse|ito|ita|itos|itas|ado|ada|ados|adas|ido|ida|idos|idas)$/;
const EN_ENDING = /(?:ing|tion|tions|ness|ful|less|ly|ed)$/;

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
  return detectLanguageOf(message, normalize(message));
}

/** The same, from the message already normalised (see `analyse`). */
export function detectLanguageOf(message: string, normalized: NormalizedText): LanguageGuess {
  let es = /[ñ¿¡]|[áéíóú]/i.test(message.normalize('NFC')) ? 1.5 : 0;
  let en = 0;
  const { raw, tokens } = normalized;
  // Shorthand counts as typed ("q", "xq") and as expanded ("kiero" → "quiero", "ola" → "hola").
  for (const word of new Set([...raw, ...tokens])) {
    if (ES.has(word)) es += STRONG.has(word) ? 2 : 1;
    if (EN.has(word)) en += STRONG.has(word) ? 2 : 1;
    if (!ES.has(word) && !EN.has(word)) {
      // Endings that only one language uses, for the words no list has.
      if (ES_ENDING.test(word)) es += 0.5;
      else if (EN_ENDING.test(word)) en += 0.5;
    }
  }
  const strength = Math.abs(es - en);
  if (strength < 0.5) return { locale: null, strength };
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
