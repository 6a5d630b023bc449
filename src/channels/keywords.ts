import type { Locale } from '../knowledge/schema';
import { keywordWords, optOutLocale } from './optOutPhrases';

export type Keyword = 'stop' | 'start' | 'help';

export interface KeywordMatch {
  readonly keyword: Keyword;
  /** The language the word itself is in, when it says ("ALTO", "AYUDA"); null for STOP, HELP… */
  readonly locale: Locale | null;
  /** An opt-out in the person's own words ("ya no me escriban"), not a carrier keyword. */
  readonly natural?: true;
}

/**
 * The words US carriers and messaging providers treat as commands when they are the whole message
 * (CTIA's opt-out, opt-in and help keywords), with their Spanish counterparts. "YES"/"SÍ" only count as
 * START while a conversation is stopped: otherwise they are answers.
 */
const WORDS: Readonly<Record<string, KeywordMatch>> = Object.freeze({
  stop: { keyword: 'stop', locale: null },
  stopall: { keyword: 'stop', locale: null },
  unsubscribe: { keyword: 'stop', locale: null },
  cancel: { keyword: 'stop', locale: null },
  end: { keyword: 'stop', locale: null },
  quit: { keyword: 'stop', locale: null },
  revoke: { keyword: 'stop', locale: null },
  'opt out': { keyword: 'stop', locale: null },
  optout: { keyword: 'stop', locale: null },
  alto: { keyword: 'stop', locale: 'es' },
  parar: { keyword: 'stop', locale: 'es' },
  pare: { keyword: 'stop', locale: 'es' },
  cancelar: { keyword: 'stop', locale: 'es' },
  detener: { keyword: 'stop', locale: 'es' },
  baja: { keyword: 'stop', locale: 'es' },
  start: { keyword: 'start', locale: null },
  unstop: { keyword: 'start', locale: null },
  'opt in': { keyword: 'start', locale: null },
  comenzar: { keyword: 'start', locale: 'es' },
  inicio: { keyword: 'start', locale: 'es' },
  iniciar: { keyword: 'start', locale: 'es' },
  reanudar: { keyword: 'start', locale: 'es' },
  help: { keyword: 'help', locale: null },
  info: { keyword: 'help', locale: null },
  ayuda: { keyword: 'help', locale: 'es' },
});

const RESUME_WHILE_STOPPED: Readonly<Record<string, KeywordMatch>> = Object.freeze({
  yes: { keyword: 'start', locale: null },
  si: { keyword: 'start', locale: 'es' },
});

/**
 * The keyword a whole message is, if it is one ("STOP", "Alto.", "ayuda!"), else null. A natural
 * opt-out ("no me manden mas", "stop texting me", see ./opt-out/) counts as STOP.
 */
export function detectKeyword(text: string, stopped: boolean): KeywordMatch | null {
  const word = keywordWords(text).join(' ');
  if (Object.hasOwn(WORDS, word)) return WORDS[word] as KeywordMatch;
  if (stopped && Object.hasOwn(RESUME_WHILE_STOPPED, word)) return RESUME_WHILE_STOPPED[word] as KeywordMatch;
  const natural = optOutLocale(text);
  return natural ? { keyword: 'stop', locale: natural, natural: true } : null;
}
