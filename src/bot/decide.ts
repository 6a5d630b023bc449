import path from 'node:path';
import { isLoneReply } from '../channels/choices';
import { detectKeyword } from '../channels/keywords';
import { breaksSilence } from '../channels/optOut';
import { handoffTopics, hotlineTopics } from '../escalation/situations';
import type { SafetyReason } from '../escalation/detect';
import { ASKED_SELF_HARM_TOPIC, assessSafety, safetyTier, type Tier, TIERS } from '../escalation/tier';
import { detectLanguageSwitch, type LanguageGuess, SWITCH_STRENGTH } from '../i18n/detect';
import type { Locale } from '../knowledge/schema';
import type { KnowledgeIndex, Match } from '../knowledge/search';
import { SEARCH } from '../knowledge/search-config';
import { fold } from '../text/normalize';
import { DATA_DIR, PhraseMatcher, readDataLines, readPhraseFile, WholeMessages } from '../text/phrases';
import { analyse, type Analysis } from '../understanding/analysis';
import { understandInContext, type Understanding } from '../understanding/combine';
import { readSpecialisations, specialisedIn } from '../understanding/specialise';
import type { TopicModel } from '../understanding/topics';

/** What a conversation remembers between turns. Nothing the person wrote is kept. */
export interface Memory {
  readonly locale?: Locale;
  /** Fallbacks in a row. */
  readonly misses: number;
  /** Topic ids of the last menu or suggestions shown, in order (for numbered replies on text channels). */
  readonly lastMenu?: readonly string[];
  /** The topic last answered, so that a follow-up ("how do i apply") keeps its meaning. */
  readonly lastTopic?: string;
  /** `lastTopic` stands for a handoff, whose reply gave that line alone: a follow-up ("y ese numero es gratis?") is about it. */
  readonly handedOff?: true;
  /**
   * With `handedOff`: the topic the message handed off was itself about (a blackmailed teenager, papers
   * kept), so that the questions that follow ("should he just pay them?") keep it. A topic id, never text.
   */
  readonly story?: string;
  /** The person texted STOP/ALTO: no replies until START (safety replies and HELP excepted). */
  readonly silenced?: boolean;
  /** Text channels: this conversation's first reply (with its first-contact line) was sent. */
  readonly welcomed?: boolean;
  /** Text channels: the answer whose next part a reply of MORE/MAS sends. */
  readonly more?: { readonly topic: string; readonly page: number };
}

export const EMPTY_MEMORY: Memory = Object.freeze({ misses: 0 });

export type HandoffReason = 'danger' | 'self-harm' | 'human' | 'repeated-misses';

/** Small talk with a reply of its own (a greeting is a `greeting`, "what can you do" a `menu`). */
export type Talk = 'thanks' | 'bye' | 'ack' | 'about';

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
  | { readonly kind: 'out-of-scope'; readonly confidence: number }
  | { readonly kind: 'small-talk'; readonly talk: Talk; readonly confidence: number }
  | { readonly kind: 'greeting' }
  | { readonly kind: 'menu' }
  | { readonly kind: 'language' }
  | { readonly kind: 'notice'; readonly notice: 'deleted' | 'stopped' | 'resumed' | 'help' | 'silenced' };

/** Which line goes first above an answer: 911, 988, or the hotline for a situation described. */
export type Caution = 'danger' | 'self-harm' | 'hotline';

export interface Decision {
  readonly outcome: Outcome;
  readonly locale: Locale;
  /** The memory to keep after this turn; null means erase it. */
  readonly memory: Memory | null;
  /** The matches behind an answer, suggestions or fallback (for staff tools). */
  readonly matches: readonly Match[];
  /** A line put first above the answer (see `Caution`). */
  readonly caution?: Caution;
  /** The previous topic decided the outcome (a follow-up). */
  readonly context?: true;
  /** The language the message itself shows, if any (marker words, or the words of the training lines). */
  readonly shown?: Locale;
}

/** What a turn is decided against: the knowledge index and the topic model trained with it. */
export interface Understanders {
  readonly index: KnowledgeIndex;
  readonly topics: TopicModel;
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
const MENU = /^(menu|help|ayuda|opciones|options|topics|temas|what can you do|que puedes hacer|que hace|info|informacion|information)( please| por favor)?$/;
const DELETE = /^(borrar|borra|borrar (todo|chat|el chat|mis datos|conversacion|la conversacion)|borra todo|delete|delete (this|chat|my data|everything|this chat|conversation)|erase|forget me|olvidame)$/;
/** The same request at the end of a longer message ("ok ya anote todo, borrar mis datos por favor"). */
const DELETE_AT_END = /(?:^| )(?:borrar|borra|borren|eliminar|elimina|eliminen|delete|erase) (?:mis datos|my data|todo|everything|la conversacion|esta conversacion|el chat|this chat|this conversation)(?: por favor| please| pls)?$/;

/** "delete this" / "borra esto" as a sentence of its own at the end ("I have to go. delete this"), not "how do i delete this". */
const DELETE_THIS_AT_END = /(?:^|[.!;]\s*)(?:borrar|borra|borren|borralo|elimina|eliminen|delete|erase) (?:this|esto|eso|all this|todo esto)(?: por favor| porfa| please| pls| plz| xfa)?\s*[.!]*\s*$/;

/** Asked of Reach in so many words: "can you erase everything i said", "pueden borrar todo lo que les dije?". */
const DELETE_ASKED = /(?:^| )(?:can you|could you|can u|pls|please|pueden|puedes|podrian|podrias|me pueden|me puedes) (?:delete|erase|borrar|borrarme|eliminar) (?:everything|all|todo|this chat|this conversation|what i (?:said|wrote)|my messages|este chat|esta conversacion|lo que (?:les |te )?(?:dije|escribi)|mis mensajes)(?: |$)/;

function asksToDelete(words: string, text: string): boolean {
  return DELETE.test(words) || DELETE_AT_END.test(words) || DELETE_ASKED.test(words) || DELETE_THIS_AT_END.test(fold(text).trim());
}

/** A partner or an ex named in a message ("my husband", "mi ex", "el novio de mi hija"). */
const PARTNER = /\s(?:husband|wife|boyfriend|girlfriend|partner|ex|fiance|fiancee|esposo|esposa|marido|novio|novia|pareja|expareja|exesposo|exesposa|exnovio|exnovia|prometido|concubino)\s/;

const HOTLINE_TOPICS = hotlineTopics();
/** The topic a handoff stands for, remembered for a follow-up (data/safety/handoff-topics.txt). */
const HANDOFF_TOPICS = handoffTopics();

/** Topics a conversation passes through: a follow-up is never decided for them (data/understanding/passing-topics.txt). */
const PASSING_TOPICS: ReadonlySet<string> = new Set(readDataLines(path.join(DATA_DIR, 'understanding', 'passing-topics.txt')));

/** General entries a conversation's topic answers with a specific one (data/understanding/specialised.txt). */
const SPECIALISED = readSpecialisations(path.join(DATA_DIR, 'understanding', 'specialised.txt'));

/** Words that refer back to what was just answered (data/understanding/follow-ups.txt). */
const FOLLOW_UPS = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'understanding', 'follow-ups.txt')));

/** Phrases that announce a change of subject: "random but…", "otra cosa" (data/understanding/new-subject.txt). */
const NEW_SUBJECT = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'understanding', 'new-subject.txt')));

/** Phrases that say the line a handoff gave was used: "ya llamé al 911" (data/understanding/line-used.txt). */
const LINE_USED = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'understanding', 'line-used.txt')));

/** Whole messages that only ask about what was just answered, "is that legal?" (data/understanding/about-the-previous.txt). */
const ABOUT_THE_PREVIOUS = WholeMessages.of(
  readPhraseFile(path.join(DATA_DIR, 'understanding', 'about-the-previous.txt')),
  readPhraseFile(path.join(DATA_DIR, 'understanding', 'fillers.txt')),
);

function hintToLocale(hint: string | undefined): Locale | null {
  if (!hint) return null;
  const lang = hint.toLowerCase().slice(0, 2);
  return lang === 'es' ? 'es' : lang === 'en' ? 'en' : null;
}

/**
 * One turn's decision, as data: what kind of reply, in which language, and what to remember. Pure: the
 * bot turns it into activities. The message is analysed once; safety comes first, on the message alone,
 * before language switches, menus, the previous topic or search.
 */
export function decide(input: TurnInput, knowledge: Understanders): Decision {
  const analysis = analyse(input.text);
  // The marker words first; what they leave open ("adios", "dale", "temas"), the words of the training lines.
  const guess = analysis.language.locale ? analysis.language : knowledge.topics.language.guess(analysis);
  const decision = decideAnalysed(input, knowledge, analysis, guess);
  return guess.locale ? { ...decision, shown: guess.locale } : decision;
}

function decideAnalysed(input: TurnInput, knowledge: Understanders, analysis: Analysis, guess: LanguageGuess): Decision {
  const { memory } = input;
  const detected = guess.locale && (!memory.locale || guess.strength >= SWITCH_STRENGTH) ? guess.locale : null;
  const locale: Locale = detected ?? memory.locale ?? hintToLocale(input.hintLocale) ?? input.defaultLocale;

  const stopped = input.keywords === true && memory.silenced === true;
  // An opt-out ("ALTO", "ya no me escriban") is a request to stop, before any reading for harm.
  const optOut = input.keywords && detectKeyword(input.text, stopped)?.keyword === 'stop' ? decideKeyword(input, analysis, locale) : null;
  if (optOut) return optOut;
  // Where there are no carrier keywords (the website), "please don't message me anymore" is a goodbye,
  // not a crisis: the message is only an opt-out phrase, with nothing else said.
  if (!input.keywords && detectKeyword(input.text, false)?.natural) {
    return { outcome: { kind: 'small-talk', talk: 'bye', confidence: 1 }, locale, memory: { ...memory, locale, misses: 0 }, matches: [] };
  }
  // Right after a danger or self-harm handoff (or its entry), "ok ya me voy" may be a farewell: closing
  // words are read as a goodbye only in a conversation that has not been there. Right after the danger
  // handoff, "i called 911, they're on the way" is the handoff heeded: what is asked next is answered
  // (with the 911 line first where the model still reads danger), as when the person says they are safe.
  const assessed = assessSafety(analysis);
  const afterDanger = memory.lastTopic !== undefined && memory.lastTopic === HANDOFF_TOPICS.get('danger');
  const afterCrisis = afterDanger || (memory.lastTopic !== undefined && memory.lastTopic === HANDOFF_TOPICS.get('self-harm'));
  const safety = {
    ...assessed,
    closing: assessed.closing && !afterCrisis,
    safeNow: assessed.safeNow || (afterDanger && assessed.helpCalled && !assessed.cannotCall),
  };
  // The knowledge base is asked first only when a model-only sign weighs it (see `safetyTier`).
  const needsAnswer = safety.signal?.source === 'model' && safety.signal.reason !== 'self-harm';
  const answered = needsAnswer ? decideAnswer(input, analysis, knowledge, locale) : null;
  const close = answered?.outcome.kind === 'answer' && answered.outcome.confidence >= TIERS.close;
  const judged = safetyTier(safety, close);
  // Right after the danger handoff, the person has already said they are in danger: a further sign the
  // model reads at CONFIRM or more ("no puedo llamar, el tiene mi telefono") hands
  // off again rather than answering from the 911 entry; unless they now say they are safe ("ya sali, estoy
  // con una vecina"). So does "no tengo saldo para llamar": the handoff's text and chat lines are the way left.
  const tier: Tier =
    afterDanger && judged.tier !== 'handoff' && !safety.safeNow && (safety.scores.danger >= TIERS.confirm || safety.cannotCall)
      ? { tier: 'handoff', reason: 'danger', rule: 'model:danger-after-handoff' }
      : judged;
  const handoff = (reason: SafetyReason): Decision => {
    // A person in danger is answered in the language of this very message whenever it shows any sign
    // of one ("me van a matar" after an English conversation), not in the remembered one.
    const urgent: Locale = guess.locale ?? locale;
    const partner = reason === 'danger' && PARTNER.test(analysis.padded);
    const outcome: Outcome = partner ? { kind: 'handoff', reason: 'danger', partner } : { kind: 'handoff', reason };
    const after = HANDOFF_TOPICS.get(reason);
    const lastTopic = after && knowledge.index.entries.some((e) => e.id === after) ? after : memory.lastTopic;
    const story = storyOf(answered ?? decideAnswer(input, analysis, knowledge, locale), memory, after);
    return { outcome, locale: urgent, memory: { ...memory, locale: urgent, misses: 0, lastTopic, handedOff: true, story }, matches: [] };
  };
  // Asked in the same message to erase the chat ("he's coming home soon I have to go. delete this"): it is
  // erased, as asked (someone may read the phone), and the reply puts the handoff's line first.
  if (tier.tier === 'handoff' && tier.reason !== 'human' && !stopped && asksToDelete(analysis.text, input.text)) {
    const caution: Caution = tier.reason === 'self-harm' ? 'self-harm' : 'danger';
    return { outcome: { kind: 'notice', notice: 'deleted' }, locale: guess.locale ?? locale, memory: null, matches: [], caution };
  }
  // After STOP only danger or self-harm that a phrase rule or the concept net found breaks the silence.
  if (tier.tier === 'handoff' && (!stopped || (safety.signal !== null && breaksSilence(safety.signal)))) return handoff(tier.reason);
  const caution = tier.tier === 'caution' ? tier.caution : undefined;
  const keyword = input.keywords ? decideKeyword(input, analysis, locale) : null;
  // Carrier keywords carry 911 already; only the 988 line is added to them.
  if (keyword) return caution === 'self-harm' ? { ...keyword, caution } : keyword;
  const decision = answered ?? decideAnswer(input, analysis, knowledge, locale);
  // Right after the self-harm handoff, "no se si pueda llamar, me da pena" gets it again, with its text and
  // chat lines, rather than an answer about something else; a question the 988 entry answers ("can i text
  // them instead") gets that entry.
  const selfHarmTopic = HANDOFF_TOPICS.get('self-harm');
  if (memory.handedOff === true && memory.lastTopic !== undefined && memory.lastTopic === selfHarmTopic && !stopped && safety.cannotCall) {
    const o = decision.outcome;
    if (!(o.kind === 'answer' && o.topic === selfHarmTopic)) return handoff('self-harm');
  }
  // Right after the danger handoff, a message Reach cannot place (where they are: "creo que es cerca de un
  // Walmart", "my phone is at 3 percent") is still the emergency: the handoff again, not a decline, a
  // fallback or suggestions.
  // Help on its way is not help arrived: the question asked then is answered only when it names its own
  // topic ("si viene la policia me van a deportar?"); "q hago mientras" is the emergency still.
  if (afterDanger && memory.handedOff === true && !stopped && !assessed.safeNow) {
    const o = decision.outcome;
    if (o.kind === 'out-of-scope' || o.kind === 'fallback' || o.kind === 'suggestions') return handoff('danger');
    // Nor is a message with any sign of harm ("me encerré en el baño") answered because the topic told
    // before the handoff places it: only a message with no sign at all is read in that light.
    // (Inside this block the message itself says nothing of being safe: `safety.safeNow` is help on its way.)
    if (decision.context === true && ((safety.signal !== null && safety.signal.reason !== 'human') || safety.safeNow)) return handoff('danger');
  }
  // A question in general about suicide is answered with the entry made for it, whatever else it matched.
  if (tier.tier === 'none' && tier.asked && ASKED_SELF_HARM_TOPIC && knowledge.index.entries.some((e) => e.id === ASKED_SELF_HARM_TOPIC)) {
    const topic = ASKED_SELF_HARM_TOPIC;
    const outcome: Outcome = { kind: 'answer', topic, confidence: decision.outcome.kind === 'answer' && decision.outcome.topic === topic ? decision.outcome.confidence : 0 };
    return { ...decision, outcome, memory: withTopic(decision.memory ?? memory, topic) };
  }
  // A weaker sign of a situation told, where the answer is itself a topic of exploitation or one that
  // people ask about after telling what happened (data/safety/situation-topics.txt, hotline-topics.txt):
  // the hotline line first too.
  if (tier.tier === 'none' && tier.onTopic && decision.outcome.kind === 'answer' && HOTLINE_TOPICS.has(decision.outcome.topic)) {
    return { ...decision, caution: tier.onTopic };
  }
  // The same sign where the message settles on no topic: the first suggestion, when it is one of those
  // topics, is answered with the hotline first rather than offered among others.
  if (tier.tier === 'none' && tier.onTopic && decision.outcome.kind === 'suggestions') {
    const first = decision.outcome.topics[0];
    if (first && HOTLINE_TOPICS.has(first)) return answerWith(decision, memory, first, decision.outcome.confidence, tier.onTopic);
  }
  // Nor is such a message declined or left at a fallback ("salí de donde me tenían y duermo en el carro de
  // una amiga, necesito un sitio"): the closest of those topics, with the hotline first.
  if (tier.tier === 'none' && tier.onTopic && (decision.outcome.kind === 'out-of-scope' || decision.outcome.kind === 'fallback')) {
    const topic = closestSituation(decision.matches, knowledge, analysis);
    if (topic) return answerWith(decision, memory, topic, 0, tier.onTopic);
  }
  if (!caution) return decision;
  // A 911 or 988 line first, then a greeting, a "you're welcome", a decline or a fallback says two things
  // at once ("Is it bad that I wish I hadn't woken up this morning?" read as "good morning"): the line
  // comes with the entry it stands for (data/safety/handoff-topics.txt) instead.
  const crisisTopic = caution === 'hotline' ? undefined : HANDOFF_TOPICS.get(caution);
  if (crisisTopic && ['greeting', 'small-talk', 'out-of-scope', 'fallback'].includes(decision.outcome.kind) && knowledge.index.entries.some((e) => e.id === crisisTopic)) {
    return answerWith(decision, memory, crisisTopic, 0, caution);
  }
  // A situation told calmly is answered, never left at a fallback: its closest topic of exploitation.
  if (caution === 'hotline' && decision.outcome.kind !== 'answer') {
    const topic = closestSituation(decision.matches, knowledge, analysis);
    if (topic) return answerWith(decision, memory, topic, decision.outcome.kind === 'suggestions' ? decision.outcome.confidence : 0, caution);
  }
  return { ...decision, caution };
}

/** The decision turned into an answer on `topic`, remembered as the last topic, with a line first. */
function answerWith(decision: Decision, memory: Memory, topic: string, confidence: number, caution: Caution): Decision {
  const outcome: Outcome = { kind: 'answer', topic, confidence };
  return { ...decision, outcome, memory: withTopic(decision.memory ?? memory, topic), caution };
}

/**
 * The topic a handed-off message was about: what it would have been answered with (in the light of the
 * previous topic), else what the conversation was about before; never the handoff's own topic.
 */
function storyOf(decision: Decision, memory: Memory, handoffTopic: string | undefined): string | undefined {
  const o = decision.outcome;
  const own = o.kind === 'answer' ? o.topic : o.kind === 'suggestions' ? o.topics[0] : undefined;
  const before = memory.handedOff ? memory.story : memory.lastTopic;
  return [own, before].find((t) => t !== undefined && t !== handoffTopic);
}

/** `memory` with `topic` as the last topic answered (no longer one a handoff stands for). */
function withTopic(memory: Memory, topic: string): Memory {
  const rest: { -readonly [K in keyof Memory]: Memory[K] } = { ...memory };
  delete rest.handedOff;
  delete rest.story;
  return { ...rest, misses: 0, lastTopic: topic };
}

/**
 * The topic of exploitation, or of what people ask after telling what happened (data/safety/
 * situation-topics.txt, hotline-topics.txt), that the model and the index rank highest: a survivor asking
 * where to stay gets the shelter entry, not the nearest list of signs.
 */
function closestSituation(matches: readonly Match[], knowledge: Understanders, analysis: Analysis): string | null {
  const scores = knowledge.topics.scores(analysis);
  const known = new Set(knowledge.index.entries.map((e) => e.id));
  const best = scores.ranked.find((r) => HOTLINE_TOPICS.has(r.label) && known.has(r.label));
  return best?.label ?? matches.find((m) => HOTLINE_TOPICS.has(m.id))?.id ?? null;
}

/**
 * Carrier keywords, as whole messages. STOP silences the conversation until START; HELP is answered even
 * then (it carries 911 and the hotline), and so is danger, which is decided before this. An English
 * keyword answers in English unless the conversation is already in Spanish.
 */
function decideKeyword(input: TurnInput, analysis: Analysis, detectedLocale: Locale): Decision | null {
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
  const erase = asksToDelete(analysis.text, input.text);
  return notice('silenced', erase ? { misses: 0, silenced: true } : memory);
}

/** Everything after safety: a tapped topic, a language switch, commands, then what the message is about. */
function decideAnswer(input: TurnInput, analysis: Analysis, knowledge: Understanders, detectedLocale: Locale): Decision {
  const { memory } = input;
  const { index } = knowledge;
  const switched = detectLanguageSwitch(input.text, memory.locale ?? detectedLocale);
  const locale = switched ?? detectedLocale;
  const remember = (m: Partial<Memory>): Memory =>
    m.lastTopic === undefined ? { ...memory, locale, ...m } : { ...withTopic(memory, m.lastTopic), locale, ...m };

  if (input.topic && index.entries.some((e) => e.id === input.topic)) {
    const outcome: Outcome = { kind: 'answer', topic: input.topic, confidence: 1 };
    return { outcome, locale, memory: remember({ misses: 0, lastTopic: input.topic }), matches: [] };
  }
  if (switched) return { outcome: { kind: 'language' }, locale, memory: remember({}), matches: [] };

  const words = analysis.text;
  if (asksToDelete(words, input.text)) return { outcome: { kind: 'notice', notice: 'deleted' }, locale, memory: null, matches: [] };
  if (GREETING.test(words)) return { outcome: { kind: 'greeting' }, locale, memory: remember({ misses: 0 }), matches: [] };
  // A lone "1", "sí", "otra" or "more" with no menu to pick from gets the menu, not a search.
  if (MENU.test(words) || isLoneReply(input.text)) return { outcome: { kind: 'menu' }, locale, memory: remember({}), matches: [] };

  const matches = index.search(analysis, SEARCH.maxSuggestions + 3);
  const topics = index.entries.map((e) => e.id);
  // A message that announces a change of subject ("random but…", "otra cosa,…") is read on its own.
  const previous = memory.lastTopic && !NEW_SUBJECT.has(analysis.tokens) ? index.entries.find((e) => e.id === memory.lastTopic) : undefined;
  const story = memory.handedOff && memory.story ? index.entries.find((e) => e.id === memory.story) : undefined;
  const { understanding, context } = understandInContext(
    knowledge.topics.scores(analysis),
    matches,
    topics,
    previous
      ? {
          topic: previous.id,
          related: previous.related,
          cue: FOLLOW_UPS.has(analysis.tokens),
          asksAbout: ABOUT_THE_PREVIOUS.matches(analysis.tokens),
          words: analysis.tokens.length,
          alone: memory.handedOff === true,
          passing: PASSING_TOPICS.has(previous.id),
          ...(story ? { story: { topic: story.id, related: story.related } } : {}),
          ...(memory.handedOff && LINE_USED.has(analysis.tokens) ? { used: true } : {}),
          specialised: specialisedIn([previous.id, story?.id], SPECIALISED),
        }
      : null,
  );
  const decision = fromUnderstanding(understanding, locale, memory, remember, matches);
  return context ? { ...decision, context: true } : decision;
}

function fromUnderstanding(
  u: Understanding,
  locale: Locale,
  memory: Memory,
  remember: (m: Partial<Memory>) => Memory,
  matches: readonly Match[],
): Decision {
  switch (u.kind) {
    case 'topic': {
      const outcome: Outcome = u.runnerUp
        ? { kind: 'answer', topic: u.topic, confidence: u.confidence, runnerUp: u.runnerUp }
        : { kind: 'answer', topic: u.topic, confidence: u.confidence };
      return { outcome, locale, memory: remember({ misses: 0, lastTopic: u.topic }), matches };
    }
    case 'suggest':
      return { outcome: { kind: 'suggestions', topics: u.topics, confidence: u.confidence }, locale, memory: remember({}), matches };
    case 'small-talk': {
      if (u.label === 'smalltalk.greeting') return { outcome: { kind: 'greeting' }, locale, memory: remember({ misses: 0 }), matches };
      if (u.label === 'smalltalk.capabilities') return { outcome: { kind: 'menu' }, locale, memory: remember({ misses: 0 }), matches };
      const talk = u.label.slice('smalltalk.'.length) as Talk;
      return { outcome: { kind: 'small-talk', talk, confidence: u.confidence }, locale, memory: remember({ misses: 0 }), matches };
    }
    case 'out-of-scope':
      // Declined on purpose: not a miss, so a second everyday question does not call in the hotline.
      return { outcome: { kind: 'out-of-scope', confidence: u.confidence }, locale, memory: remember({}), matches };
    case 'unknown': {
      const misses = memory.misses + 1;
      if (misses >= 2) {
        return { outcome: { kind: 'handoff', reason: 'repeated-misses' }, locale, memory: remember({ misses: 0 }), matches };
      }
      return { outcome: { kind: 'fallback', confidence: u.confidence }, locale, memory: remember({ misses }), matches };
    }
  }
}
