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
  // The word Reach is about, as people misspell it (never "trafico": traffic, or smuggling in Spanish).
  trafiking: 'trafficking', traficking: 'trafficking', trafficing: 'trafficking', traffiking: 'trafficking',
  trafikin: 'trafficking', traffickin: 'trafficking',
});

/**
 * The most a message can weigh once normalised. The bot reads 2,000 characters (`MAX_TEXT` in
 * src/bot/reachBot.ts), but that limit is counted before folding, and compatibility forms expand: NFKC
 * turns U+FDFA into 18 characters and U+3316 into 6, so 2,000 of them became 36,000 characters and
 * thousands of tokens that safety, language detection and search then read synchronously (about a
 * second of blocked server per message). Every caller of `fold` and `normalize` gets at most these, so
 * each later loop is bounded by them; the start of a message is kept, so danger named early still counts.
 */
export const NORMALIZED_LIMITS = Object.freeze({
  /** Characters of folded text: the bot's own limit, counted again after folding. */
  chars: 2000,
  /**
   * Tokens after shorthand expansion. An ordinary 2,000-character message has about 400; only strings of
   * one- and two-letter words have more, and what they add after this many is noise.
   */
  tokens: 600,
  /**
   * Characters of one token. Typo lookup costs the square of a word's length; no word of either
   * language is this long, so only runs of letters without spaces are cut.
   */
  wordChars: 40,
  /** Characters read from the input before folding (folding never shortens text by more than this). */
  input: 8000,
});

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The first `max` UTF-16 units of a string, without leaving half of a surrogate pair at the end. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Fold one string: Unicode compatibility forms, invisible characters, look-alikes, accents, case. The
 * result is at most `NORMALIZED_LIMITS.chars` long, whatever the input's length or expansion.
 */
export function fold(input: string): string {
  const head = cut(input, NORMALIZED_LIMITS.input);
  // Plain ASCII (most of the knowledge base and many messages) has nothing to compose, hide or strip.
  if (PRINTABLE_ASCII.test(head)) return cut(head, NORMALIZED_LIMITS.chars).toLowerCase();
  // Cut right after the expanding step, so no later step ever reads the expansion.
  let s = cut(head.normalize('NFKC').replace(INVISIBLE, ''), NORMALIZED_LIMITS.chars);
  s = s.toLowerCase();
  s = s.replace(/[а-яёіїјѕԁӏɑαβεηικνορτυχı]/gu, (c) => CONFUSABLES[c] ?? c);
  // Strip accents after decomposing; ñ becomes n, as people without a Spanish keyboard type it.
  // Decomposing can lengthen text too (a Hangul syllable becomes three letters): cut again.
  s = cut(s.normalize('NFD').replace(/\p{M}+/gu, ''), NORMALIZED_LIMITS.chars);
  return s;
}

const LONE_OK = new Set(['k', 'kk', 'kay']);

/** A message of nothing but these (👍, 🙏, 👌, ❤️…) is an "ok": an acknowledgement, in no language. */
const OK_EMOJI = /^[\u{1F44D}\u{1F44C}\u{2705}\u{1F44F}\u{1F64F}\u{2764}\u{1F495}\u{1F497}\u{1F499}\u{1F49C}\u{1F917}\u{1F60A}\u{1F642}\u{1F600}\u{1F601}\u{1F970}\u{1F4AF}\u{1F197}\u{270C}\u{1F91D}\u{263A}]+$/u;
/** Skin tones, the emoji presentation selector, joiners and spaces: what may stand between them. */
const EMOJI_GLUE = /[\s\u{FE0F}\u{200D}]|\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF}/gu;

/** "visa" as people type it: bisa, viza, vsa. */
function isVisa(token: string | undefined): boolean {
  // Length and first letter before the pattern: every token of every message is asked.
  if (token === undefined || token.length < 3 || token.length > 4) return false;
  const first = token.charCodeAt(0);
  return (first === 0x76 || first === 0x62) && /^[vb]i?[sz]a$/.test(token);
}

function deleet(token: string): string {
  // The plain test first: most words have no digit or symbol, and it is the cheaper one.
  if (!/[0-9@$]/.test(token) || !/\p{L}/u.test(token)) return token;
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

/**
 * Two one-character words side by side ("p o"; after an "@" or "$" kept inside a word too): what every
 * run of spelled letters holds. Much cheaper than the two patterns that read such runs, which most
 * messages then skip.
 */
const TWO_LONE_CHARACTERS = /(?:^|[\s@$])\S \S(?=\s|$)/;

export function normalize(input: string): NormalizedText {
  let folded = fold(cut(input, NORMALIZED_LIMITS.input).replace(EMOJI, (e) => EMOJI_WORDS[e] ?? ' '));
  if (/['’`´]/.test(folded)) folded = folded.replace(/(\p{L})['’`´](\p{L})/gu, '$1$2');
  // Folded plain ASCII is lower case: its letters are a-z and its digits 0-9, and the narrower patterns
  // give the same text for less (most training lines and messages take this way).
  const ascii = PRINTABLE_ASCII.test(folded);
  folded = folded.replace(ascii ? /[^a-z0-9@$\s]+/g : /[^\p{L}\p{N}@$\s]+/gu, ' ');
  if (/[@$]/.test(folded)) folded = folded.replace(/(?<![\p{L}\p{N}])[@$]|[@$](?![\p{L}\p{N}])/gu, ' ');
  folded = folded.replace(ascii ? /([a-z])\1{2,}/g : /(\p{L})\1{2,}/gu, '$1');
  // Letters typed one by one ("p o u n d i n g") are read as the word they spell.
  const joined = !TWO_LONE_CHARACTERS.test(folded)
    ? folded
    : folded
        .replace(SPELLED_WORDS, (run) => run.split(/ {2,}/).map((w) => w.replace(/ /g, '')).join(' '))
        .replace(/(?<![\p{L}\p{N}])(?:\p{L} ){3,}\p{L}(?![\p{L}\p{N}])/gu, (run) => run.replace(/ /g, ''));
  const { tokens: maxTokens, wordChars, chars } = NORMALIZED_LIMITS;
  const raw = joined
    .split(/\s+/u)
    .filter(Boolean)
    .slice(0, maxTokens)
    .map((word) => deleet(cut(word, wordChars)));
  const tokens: string[] = [];
  // Shorthand lengthens text ("idk" → "i do not know"): stop at the token and character limits.
  let length = -1;
  const add = (word: string): boolean => {
    if (tokens.length >= maxTokens || length + 1 + word.length > chars) return false;
    tokens.push(word);
    length += 1 + word.length;
    return true;
  };
  // A message that is only "k" or "kk" is an "ok" in a text, not the Spanish "que" it shortens elsewhere.
  if ((raw.length === 1 && LONE_OK.has(raw[0]!)) || (raw.length === 0 && OK_EMOJI.test(input.replace(EMOJI_GLUE, '')))) {
    add('ok');
    return { raw, tokens, text: tokens.join(' ') };
  }
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i] as string;
    // "t visa", "u visa", "visa t": the letter is the whole difference, so keep it as one word.
    if ((token === 't' || token === 'u') && isVisa(raw[i + 1])) {
      if (!add(`${token}visa`)) break;
      i++;
      continue;
    }
    if (isVisa(token) && (raw[i + 1] === 't' || raw[i + 1] === 'u')) {
      if (!add(`${raw[i + 1]}visa`)) break;
      i++;
      continue;
    }
    const expanded = Object.hasOwn(SHORTHAND, token) ? SHORTHAND[token] : undefined;
    if (expanded === undefined ? !add(token) : !expanded.split(' ').every(add)) break;
  }
  return { raw, tokens, text: tokens.join(' ') };
}
