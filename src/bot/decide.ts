import { isLoneReply } from '../channels/choices';
import { detectKeyword } from '../channels/keywords';
import { breaksSilence } from '../channels/optOut';
import { detectSafety, handsOff } from '../escalation/detect';
import { detectLanguage, detectLanguageSwitch, SWITCH_STRENGTH } from '../i18n/detect';
import type { Locale } from '../knowledge/schema';
import type { KnowledgeIndex, Match } from '../knowledge/search';
import { SEARCH } from '../knowledge/search-config';
import { normalize } from '../text/normalize';

/** What a conversation remembers between turns. Nothing the person wrote is kept. */
export interface Memory {
  readonly locale?: Locale;
  /** Fallbacks in a row. */
  readonly misses: number;
  /** Topic ids of the last menu or suggestions shown, in order (for numbered replies on text channels). */
  readonly lastMenu?: readonly string[];
  /** The person texted STOP/ALTO: no replies until START (safety replies and HELP excepted). */
  readonly silenced?: boolean;
  /** Text channels: this conversation's first reply (with its first-contact line) was sent. */
  readonly welcomed?: boolean;
  /** Text channels: the answer whose next part a reply of MORE/MAS sends. */
  readonly more?: { readonly topic: string; readonly page: number };
}

export const EMPTY_MEMORY: Memory = Object.freeze({ misses: 0 });

export type HandoffReason = 'danger' | 'self-harm' | 'human' | 'repeated-misses';

export type Outcome =
  | {
      readonly kind: 'handoff';
      readonly reason: HandoffReason;
      /** Danger that the message ties to a partner or an ex: the reply adds the domestic violence line. */
      readonly partner?: true;
    }
  | { readonly kind: 'answer'; readonly topic: string; readonly confidence: number; readonly runnerUp?: string }
  | { readonly kind: 'suggestions'; readonly topics: readonly string[]; readonly confidence: number }
  | { readonly kind: 'fallback'; readonly confidence: number }
  | { readonly kind: 'greeting' }
  | { readonly kind: 'menu' }
  | { readonly kind: 'language' }
  | { readonly kind: 'notice'; readonly notice: 'deleted' | 'stopped' | 'resumed' | 'help' | 'silenced' };

export interface Decision {
  readonly outcome: Outcome;
  readonly locale: Locale;
  /** The memory to keep after this turn; null means erase it. */
  readonly memory: Memory | null;
  /** The matches behind an answer, suggestions or fallback (for staff tools). */
  readonly matches: readonly Match[];
  /**
   * A weak sign of harm: the reply starts with the 911 line (`danger`) or the 988 line (`self-harm`),
   * then answers.
   */
  readonly caution?: 'danger' | 'self-harm';
}

export interface TurnInput {
  readonly text: string;
  /** A topic id chosen by tapping a suggested action. */
  readonly topic?: string;
  /** `activity.locale`: a hint from the channel, not the truth. */
  readonly hintLocale?: string;
  readonly defaultLocale: Locale;
  readonly memory: Memory;
  /** The channel honours carrier keywords (STOP/ALTO, START, HELP/AYUDA): SMS and WhatsApp. */
  readonly keywords?: boolean;
}

const GREETING = /^(hi|hello|hey|hiya|helo|hallo|good (morning|afternoon|evening)|hola|ola|buenas|buenos dias|buenas (tardes|noches)|que tal|saludos|start|empezar|inicio|hi there|hello there)( reach)?$/;
const MENU = /^(menu|help|help me|ayuda|ayudame|ayudeme|opciones|options|topics|temas|what can you do|que puedes hacer|que hace|info|informacion|information)( please| por favor)?$/;
const DELETE = /^(borrar|borra|borrar (todo|chat|el chat|mis datos|conversacion|la conversacion)|borra todo|delete|delete (this|chat|my data|everything|this chat|conversation)|erase|forget me|olvidame)$/;

/** A partner or an ex named in a message ("my husband", "mi ex", "el novio de mi hija"). */
const PARTNER = /\s(?:husband|wife|boyfriend|girlfriend|partner|ex|fiance|fiancee|esposo|esposa|marido|novio|novia|pareja|expareja|exesposo|exesposa|exnovio|exnovia|prometido|concubino)\s/;

function plain(text: string): string {
  return normalize(text).text;
}

function hintToLocale(hint: string | undefined): Locale | null {
  if (!hint) return null;
  const lang = hint.toLowerCase().slice(0, 2);
  return lang === 'es' ? 'es' : lang === 'en' ? 'en' : null;
}

/**
 * One turn's decision, as data: what kind of reply, in which language, and what to remember. Pure: the
 * bot turns it into activities. Safety comes first, before language switches, menus or search.
 */
export function decide(input: TurnInput, index: KnowledgeIndex): Decision {
  const { memory } = input;
  const guess = detectLanguage(input.text);
  const detected = guess.locale && (!memory.locale || guess.strength >= SWITCH_STRENGTH) ? guess.locale : null;
  const locale: Locale = detected ?? memory.locale ?? hintToLocale(input.hintLocale) ?? input.defaultLocale;

  const stopped = input.keywords === true && memory.silenced === true;
  // An opt-out ("ALTO", "ya no me escriban") is a request to stop, before any reading for harm.
  const optOut = input.keywords && detectKeyword(input.text, stopped)?.keyword === 'stop' ? decideKeyword(input, locale) : null;
  if (optOut) return optOut;
  const safety = detectSafety(input.text);
  // Danger or a wish for a person that only the model saw gives way to a close answer (see `handsOff`).
  const answered = safety?.source === 'model' && safety.reason !== 'self-harm' ? decideAnswer(input, index, locale) : null;
  const close = answered?.outcome.kind === 'answer' && answered.outcome.confidence >= SEARCH.safetyModelAnswer;
  if (safety && handsOff(safety, close) && (!stopped || breaksSilence(safety))) {
    // A person in danger is answered in the language of this very message whenever it shows any sign
    // of one ("me van a matar" after an English conversation), not in the remembered one.
    const urgent: Locale = guess.locale ?? locale;
    const partner = safety.reason === 'danger' && PARTNER.test(` ${plain(input.text)} `);
    const outcome: Outcome = partner ? { kind: 'handoff', reason: 'danger', partner } : { kind: 'handoff', reason: safety.reason };
    return { outcome, locale: urgent, memory: { ...memory, locale: urgent, misses: 0 }, matches: [] };
  }
  if (answered && close && !stopped) return { ...answered, caution: 'danger' };
  // A sign that did not hand off: the reply starts with 988 (self-harm) or 911 (anything else).
  const caution = safety ? (safety.reason === 'self-harm' ? 'self-harm' : 'danger') : undefined;
  const keyword = input.keywords ? decideKeyword(input, locale) : null;
  // Carrier keywords carry 911 already; only the 988 line is added to them.
  if (keyword) return caution === 'self-harm' ? { ...keyword, caution } : keyword;
  const decision = decideAnswer(input, index, locale);
  return caution ? { ...decision, caution } : decision;
}

/**
 * Carrier keywords, as whole messages. STOP silences the conversation until START; HELP is answered even
 * then (it carries 911 and the hotline), and so is danger, which is decided before this. An English
 * keyword answers in English unless the conversation is already in Spanish.
 */
function decideKeyword(input: TurnInput, detectedLocale: Locale): Decision | null {
  const { memory } = input;
  const stopped = memory.silenced === true;
  const match = detectKeyword(input.text, stopped);
  const locale: Locale = match ? (match.locale ?? (memory.locale === 'es' ? 'es' : 'en')) : detectedLocale;
  const awake: Memory = { ...memory, silenced: false };
  const notice = (n: 'stopped' | 'resumed' | 'help' | 'silenced', m: Memory): Decision => ({
    outcome: { kind: 'notice', notice: n },
    locale,
    memory: m,
    matches: [],
  });
  // Said in their own words while already stopped, it needs no second confirmation.
  if (match?.keyword === 'stop' && match.natural && stopped) return notice('silenced', memory);
  if (match?.keyword === 'stop') return notice('stopped', { ...awake, locale, silenced: true, lastMenu: undefined, more: undefined });
  if (match?.keyword === 'help') return notice('help', { ...memory, locale });
  if (match?.keyword === 'start') {
    if (stopped) return notice('resumed', { ...awake, locale });
    return { outcome: { kind: 'greeting' }, locale, memory: { ...memory, locale, misses: 0 }, matches: [] };
  }
  if (!stopped) return null;
  // Silent. "borrar" still erases what was kept, except that the person asked for silence.
  const erase = DELETE.test(plain(input.text));
  return notice('silenced', erase ? { misses: 0, silenced: true } : memory);
}

/** Everything after safety: a tapped topic, a language switch, greetings and menus, then search. */
function decideAnswer(input: TurnInput, index: KnowledgeIndex, detectedLocale: Locale): Decision {
  const { memory } = input;
  const switched = detectLanguageSwitch(input.text, memory.locale ?? detectedLocale);
  const locale = switched ?? detectedLocale;
  const remember = (m: Partial<Memory>): Memory => ({ ...memory, locale, ...m });

  if (input.topic && index.entries.some((e) => e.id === input.topic)) {
    return { outcome: { kind: 'answer', topic: input.topic, confidence: 1 }, locale, memory: remember({ misses: 0 }), matches: [] };
  }
  if (switched) return { outcome: { kind: 'language' }, locale, memory: remember({}), matches: [] };

  const words = plain(input.text);
  if (DELETE.test(words)) return { outcome: { kind: 'notice', notice: 'deleted' }, locale, memory: null, matches: [] };
  if (GREETING.test(words)) return { outcome: { kind: 'greeting' }, locale, memory: remember({ misses: 0 }), matches: [] };
  // A lone "1", "sí", "otra" or "more" with no menu to pick from gets the menu, not a search.
  if (MENU.test(words) || isLoneReply(input.text)) return { outcome: { kind: 'menu' }, locale, memory: remember({}), matches: [] };

  const matches = index.search(input.text, SEARCH.maxSuggestions + 1);
  const top = matches[0];
  const second = matches[1];
  if (top && top.score >= SEARCH.answerThreshold && (!second || top.score - second.score >= SEARCH.answerMargin)) {
    return { outcome: { kind: 'answer', topic: top.id, confidence: top.score }, locale, memory: remember({ misses: 0 }), matches };
  }
  if (top && second && top.score >= SEARCH.confidentTie) {
    const outcome: Outcome = { kind: 'answer', topic: top.id, confidence: top.score, runnerUp: second.id };
    return { outcome, locale, memory: remember({ misses: 0 }), matches };
  }
  const near = matches.filter((m) => m.score >= SEARCH.suggestThreshold).slice(0, SEARCH.maxSuggestions);
  if (near.length > 0) {
    return {
      outcome: { kind: 'suggestions', topics: near.map((m) => m.id), confidence: near[0]!.score },
      locale,
      memory: remember({}),
      matches,
    };
  }
  const misses = memory.misses + 1;
  if (misses >= 2) {
    return { outcome: { kind: 'handoff', reason: 'repeated-misses' }, locale, memory: remember({ misses: 0 }), matches };
  }
  return { outcome: { kind: 'fallback', confidence: top?.score ?? 0 }, locale, memory: remember({ misses }), matches };
}
