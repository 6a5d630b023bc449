/**
 * Text normalisation shared by danger detection, language detection and search.
 *
 * People write to Reach from basic phones, in a hurry, without accents, in SMS shorthand, and sometimes
 * through keyboards or copy-paste that produce full-width letters, zero-width characters or look-alike
 * letters from other alphabets. Every decision works on the folded form so that "ＡＹＵＤＡ", "ay\u200Buda"
 * and "ayudaaa" all read as "ayuda".
 */

/** Characters that change nothing visible but split words: zero-width, joiners, bidi controls, BOM. */
// eslint-disable-next-line no-misleading-character-class -- a set of lone invisible code points, not combined characters
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/gu;

/** Look-alike letters from Cyrillic and Greek that are typed or pasted in place of Latin ones. */
const CONFUSABLES: Readonly<Record<string, string>> = Object.freeze({
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ӏ: 'l', ɑ: 'a', α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k',
  ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ı: 'i',
});

/** Digits and symbols used as letters inside words ("h3lp", "ayud4"); only applied to mixed tokens. */
const LEET: Readonly<Record<string, string>> = Object.freeze({
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's',
});

/**
 * SMS shorthand and chat spellings, expanded to the words the knowledge base and the safety patterns use.
 * One table for both languages: the entries do not collide ("q" is never English, "u" never Spanish).
 */
export const SHORTHAND: Readonly<Record<string, string>> = Object.freeze({
  // English
  u: 'you', ur: 'your', r: 'are', pls: 'please', plz: 'please', plez: 'please', bc: 'because', cuz: 'because',
  coz: 'because', bcuz: 'because', becuz: 'because', im: 'i am', ive: 'i have', dont: 'do not', cant: 'can not',
  wont: 'will not', didnt: 'did not', doesnt: 'does not', isnt: 'is not', idk: 'i do not know',
  rn: 'right now', ppl: 'people', b4: 'before', abt: 'about', bf: 'boyfriend', gf: 'girlfriend', txt: 'text',
  msg: 'message', tho: 'though', w: 'with', wat: 'what', wut: 'what', wht: 'what', hw: 'how', cn: 'con',
  thx: 'thanks', ty: 'thanks', yall: 'you all', gonna: 'going to', wanna: 'want to', gotta: 'got to',
  hes: 'he is', shes: 'she is', theyre: 'they are', theyll: 'they will', whats: 'what is',
  // Spanish
  q: 'que', k: 'que', ke: 'que', qe: 'que', xq: 'porque', pq: 'porque', xk: 'porque', pk: 'porque',
  porq: 'porque', x: 'por', tb: 'tambien', tmb: 'tambien', tmbn: 'tambien', tbn: 'tambien', d: 'de',
  dnd: 'donde', xfa: 'por favor', porfa: 'por favor', porfis: 'por favor', plis: 'por favor', pf: 'por favor',
  toy: 'estoy', tamos: 'estamos', tas: 'estas', kiero: 'quiero', qiero: 'quiero', aki: 'aqui', nse: 'no se',
  hrs: 'horas', bn: 'bien', pa: 'para', pal: 'para el', kien: 'quien', qien: 'quien', sta: 'esta', ps: 'pues',
  weno: 'bueno', ola: 'hola', msj: 'mensaje', cel: 'celular', tons: 'entonces', ntp: 'no te preocupes',
  kmo: 'como', cmo: 'como', ayudenme: 'ayudenme', nesesito: 'necesito', nececito: 'necesito', nesecito: 'necesito',
  ablar: 'hablar', aser: 'hacer', aora: 'ahora', ahorita: 'ahora', orita: 'ahora', haci: 'asi',
  djan: 'dejan', dejn: 'dejan', dja: 'deja', sakan: 'sacan', saken: 'saquen', kms: 'kill myself', ima: 'i am going to',
  imma: 'i am going to', aca: 'aqui', hell: 'he will', shell: 'she will', ill: 'i will', yr: 'year', yrs: 'years',
  youll: 'you will',
});

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Fold one string: Unicode compatibility forms, invisible characters, look-alikes, accents, case. */
export function fold(input: string): string {
  // Plain ASCII (most of the knowledge base and many messages) has nothing to compose, hide or strip.
  if (PRINTABLE_ASCII.test(input)) return input.toLowerCase();
  let s = input.normalize('NFKC').replace(INVISIBLE, '');
  s = s.toLowerCase();
  s = s.replace(/[а-яёіїјѕԁӏɑαβεηικνορτυχı]/gu, (c) => CONFUSABLES[c] ?? c);
  // Strip accents after decomposing; ñ becomes n, as people without a Spanish keyboard type it.
  s = s.normalize('NFD').replace(/\p{M}+/gu, '');
  return s;
}

/** "visa" as people type it: bisa, viza, vsa. */
function isVisa(token: string | undefined): boolean {
  return token !== undefined && /^[vb]i?[sz]a$/.test(token);
}

function deleet(token: string): string {
  if (!/\p{L}/u.test(token) || !/[0-9@$]/.test(token)) return token;
  return token.replace(/[0-9@$]/g, (c) => LEET[c] ?? c);
}

export interface NormalizedText {
  /** Folded tokens as typed, before shorthand expansion (language detection reads these). */
  readonly raw: readonly string[];
  /** Tokens after shorthand expansion: what safety and search read. */
  readonly tokens: readonly string[];
  /** The tokens joined by single spaces. */
  readonly text: string;
}

/**
 * Normalise a message for matching: fold, drop apostrophes inside words ("don't" → "dont"), turn every
 * other symbol into a space, collapse letters repeated three or more times ("ayudaaa" → "ayuda"), read
 * digits used as letters, and expand SMS shorthand.
 */
/** Emoji that people use for the thing itself in a hurried message ("🔪 en la cocina"). */
const EMOJI_WORDS: Readonly<Record<string, string>> = Object.freeze({
  '\u{1F52A}': ' knife ', '\u{1F5E1}': ' knife ', '\u{1F52B}': ' gun ', '\u{1F198}': ' sos ',
});
const EMOJI = new RegExp(Object.keys(EMOJI_WORDS).join('|'), 'gu');

/** Words spelled letter by letter with wider gaps between them ("n o  p u e d o  h a b l a r"). */
const SPELLED_WORDS = /(?<![\p{L}\p{N}])\p{L}(?: \p{L})+(?: {2,}\p{L}(?: \p{L})*)+(?![\p{L}\p{N}])/gu;

export function normalize(input: string): NormalizedText {
  const folded = fold(input.replace(EMOJI, (e) => EMOJI_WORDS[e] ?? ' '))
    .replace(/(\p{L})['’`´](\p{L})/gu, '$1$2')
    .replace(/[^\p{L}\p{N}@$\s]+/gu, ' ')
    .replace(/(?<![\p{L}\p{N}])[@$]|[@$](?![\p{L}\p{N}])/gu, ' ')
    .replace(/(\p{L})\1{2,}/gu, '$1');
  // Letters typed one by one ("p o u n d i n g") are read as the word they spell.
  const spelled = folded.replace(SPELLED_WORDS, (run) => run.split(/ {2,}/).map((w) => w.replace(/ /g, '')).join(' '));
  const joined = spelled.replace(/(?<![\p{L}\p{N}])(?:\p{L} ){3,}\p{L}(?![\p{L}\p{N}])/gu, (run) => run.replace(/ /g, ''));
  const raw = joined.split(/\s+/u).filter(Boolean).map(deleet);
  const tokens: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i] as string;
    // "t visa", "u visa", "visa t": the letter is the whole difference, so keep it as one word.
    if ((token === 't' || token === 'u') && isVisa(raw[i + 1])) {
      tokens.push(`${token}visa`);
      i++;
      continue;
    }
    if (isVisa(token) && (raw[i + 1] === 't' || raw[i + 1] === 'u')) {
      tokens.push(`${raw[i + 1]}visa`);
      i++;
      continue;
    }
    const expanded = Object.hasOwn(SHORTHAND, token) ? SHORTHAND[token] : undefined;
    if (expanded) tokens.push(...expanded.split(' '));
    else tokens.push(token);
  }
  return { raw, tokens, text: tokens.join(' ') };
}
