import path from 'node:path';
import { DATA_DIR, PhraseMatcher, readDataLines, readPhraseFile } from '../text/phrases';
import type { Analysis } from '../understanding/analysis';
import { detectSafety, type SafetyReason, type SafetySignal } from './detect';
import { featuresOfBlanked } from './features';
import { blankIdioms } from './idioms';
import { MODEL_SURE, MODEL_THRESHOLDS, safetyModel, scoresOf, type ModelLabel } from './model';
import { toldPhrases } from './situations';

/** Words that tie a message to the writer's own life (data/safety/first-person.txt). */
const FIRST_PERSON = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'safety', 'first-person.txt')));
function ruleIds(name: string): ReadonlySet<string> {
  return new Set(readDataLines(path.join(DATA_DIR, 'safety', name)));
}
/** Phrase rules that also fire on exploitation told calmly (data/safety/story-rules.txt). */
const STORY_RULES = ruleIds('story-rules.txt');
/** Threat rules whose threat may be of coercion (data/safety/coercion-rules.txt), besides the story rules. */
const COERCION_RULES = new Set([...STORY_RULES, ...ruleIds('coercion-rules.txt')]);
/** Phrase rules the model never overrules alone (data/safety/severe-rules.txt). */
const SEVERE_RULES = ruleIds('severe-rules.txt');
/** Consequences of a threat that are coercion, not violence (data/safety/coercion.txt)… */
const COERCION = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'safety', 'coercion.txt')));
/** …unless a word of violence is there too (data/safety/harm-words.txt). */
const HARM_WORDS = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'safety', 'harm-words.txt')));
/** Frames of a question asked in general (data/safety/general-questions.txt). */
const GENERAL = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'safety', 'general-questions.txt')));
/** Someone else at the centre of a question in general ("how do i help a friend who…"; data/safety/someone-else.txt). */
const SOMEONE_ELSE = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'safety', 'someone-else.txt')));
/** The topic that answers a question about suicide asked in general (data/safety/asked-topic.txt). */
export const ASKED_SELF_HARM_TOPIC = [...ruleIds('asked-topic.txt')][0] ?? null;
/** The writer says they are safe at this moment ("safe for now", "ahorita estoy bien"; data/safety/safe-now.txt). */
const SAFE_NOW = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'safety', 'safe-now.txt')));
/** Phrases that tell of exploitation that happened: a survivor's question ("fui víctima de trata hace años, ¿puedo pedir la visa T?"). */
const TOLD = toldPhrases();
/** The writer cannot call: no credit, no phone, cannot speak (data/safety/cannot-call.txt). */
const CANNOT_CALL = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'safety', 'cannot-call.txt')));
/** Help called and on its way ("i called 911, they're on the way"; data/safety/help-called.txt)… */
const HELP_CALLED = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'safety', 'help-called.txt')));
/** …unless the call failed ("nobody answered", "no vinieron"; data/safety/help-failed.txt). */
const HELP_FAILED = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'safety', 'help-failed.txt')));
/** Words that deny a joke ("not joking", "no es broma", "fr"; data/safety/not-joking.txt). */
const NOT_JOKING = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'safety', 'not-joking.txt')));
/** Laughter and "just kidding" (data/safety/laughter.txt): whole words as typed, and emoji. */
const LAUGHTER = readLaughter(path.join(DATA_DIR, 'safety', 'laughter.txt'));
function readLaughter(file: string): { readonly word: RegExp; readonly emoji: readonly string[] } {
  const words: string[] = [];
  const emoji: string[] = [];
  let section: 'tokens' | 'emoji' | null = null;
  for (const line of readDataLines(file)) {
    if (line === '[tokens]' || line === '[emoji]') section = line === '[tokens]' ? 'tokens' : 'emoji';
    else if (section === 'tokens') words.push(`(?:${new RegExp(line).source})`);
    else if (section === 'emoji') emoji.push(line);
    else throw new Error(`${file}: "${line}" before any [tokens] or [emoji] line`);
  }
  return { word: new RegExp(`^(?:${words.join('|')})$`), emoji };
}

/** What people write to end a chat ("ok ya me voy, gracias por todo"; data/safety/closings.txt). */
const CLOSINGS = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'safety', 'closings.txt')));

/** Frames of a story that is not the writer's life: a film, a book, a game, a dream (data/safety/fiction.txt). */
const FICTION = PhraseMatcher.of(readPhraseFile(path.join(DATA_DIR, 'safety', 'fiction.txt')));

/**
 * The settings of the tiers. VETO: a phrase rule or the concept net is overruled only when the model,
 * which learnt from every labelled line (1,540 everyday messages among them), is at least this sure
 * that the message is calm; five-fold cross-validation (`npm run safety:train -- --cv`, 19,995 lines,
 * December 2026) puts the share of held-out lines needing a person that it would clear at 0.6%, and of
 * ordinary lines at 75%.
 * SITUATION: the model's probability at which a message is a situation told calmly (the hotline line
 * goes first); at 0.3 it marks 1.1% of ordinary held-out lines. GENERAL: the veto's level for a question
 * asked in general about nobody in particular, with no sign of the writer's own life (a question about
 * danger is not danger); at 0.8 it clears 2.3% of held-out lines needing a person before that condition. FICTION:
 * the level for a message framed as a film, a series, a book, a game or a dream (data/safety/fiction.txt);
 * set by judgement, not by cross-validation: of the project's labelled lines, 218 ordinary ones carry
 * such a frame and none that needs a person (`scratch` count over tests/fixtures and tests/eval). CONFIRM: the concept net alone
 * (words of harm near the writer, no phrase rule) hands off only when the model gives danger at least
 * this; otherwise it puts the hotline line first. TOLD: a phrase rule inside a message the model reads as
 * calm or as a situation at least this surely (and as danger under 0.15) gives the answer with the
 * hotline line first rather than the 911 script: papers kept, a debt, told without a threat now. STORY,
 * STORY_DANGER: any phrase rule, severe ones included, inside a message the model reads as a situation at
 * least STORY and as danger under STORY_DANGER gives the answer with the hotline line first; chosen on the
 * round-4 safety set (tests/eval/fresh/safety.jsonl, tuning data since it was measured): every danger line
 * a rule caught there had situation at most 0.33, while 17 situations handed off had 0.5 or more.
 * STORY_OVER: and the situation at least this many times the danger: where the two are near ("una muchacha
 * de 15 … me hizo señas de ayuda. el se la quiere llevar ya": situation 0.57, danger 0.48), the rule stands.
 * On the round-20 held-out scores (`--cv --by-source --dump`, 46,885 lines) 1.2 hands off 2 more danger
 * lines and no situation or ordinary line; 1.5 would add 4 danger for 6 situations and 1 ordinary line.
 * TOLD_RULE, TOLD_OVER: a phrase rule that is not severe (data/safety/severe-rules.txt) inside a message
 * the model reads as a situation at least TOLD_RULE and at least TOLD_OVER times its danger gives the
 * answer with the hotline line first; chosen on the cross-validated held-out scores (`npm run safety:train
 * -- --cv --by-source --dump`, December 2026, 23,964 lines): of the lines a rule hands off, it turns 28 of
 * 147 situations and 8 of 280 ordinary lines into answers with the hotline first, and 1 of 1,371 danger
 * lines ("nos tienen en un sotano y solo salimos pa trabajar"). Never where the model alone gives danger
 * (MODEL_THRESHOLDS.danger): two nets agreeing is danger. On the held-out scores of round 18 (`--cv
 * --by-source --dump`, 43,800 lines) that hands off 2 more of 3,120 danger lines and 1 more of 31,820
 * ordinary lines, and changes no situation. TOLD_MODEL: danger from the model alone,
 * in a message it reads as a situation more than TOLD_MODEL times as surely, gives the answer with the
 * hotline line first; on the same held-out scores it turns 13 of 64 situations the model alone hands off
 * into answers, 1 of 395 danger lines ("he has my passport and now says we're driving to another state
 * this weekend") and 1 of 136 ordinary lines. TOLD_TOPIC: with no sign at all, a message the model reads as
 * a situation at least this surely, answered on a topic of data/safety/situation-topics.txt, gets the
 * hotline line first (`onTopic`: `decide` knows the topic); on the same held-out scores, with
 * the topic model's first topic, it adds 150 of 2,236 situations (0.067) and marks 164 of 18,219 ordinary
 * lines (0.009), many of which tell a situation themselves ("my old employer still has my passport").
 * OWN_HARM,
 * OWN_HARM_DANGER: a danger rule or the concept net inside a message the model reads as self-harm at least
 * OWN_HARM and as danger under OWN_HARM_DANGER gets the self-harm handoff (988, and 911 if hurt) rather
 * than the danger one; set by judgement on the round-5 safety set (tuning data since it was measured) and
 * checked on every labelled line. OWN_SIGN: self-harm the model alone gives at least this counts as a sign
 * of the writer's own life where the word list (data/safety/first-person.txt) sees none ("been googling
 * how long it takes to bleed out", "mami perdóname, ya no pude"); cross-validation holding out whole
 * files (December 2026, 22,776 lines): of 153 held-out self-harm lines without such a word it finds 87,
 * and flags 8 of 16,747 ordinary lines (0.9: 74 and 4).
 * SEVERE_WORDS, SEVERE_LOW: a severe rule (data/safety/severe-rules.txt) is overruled only in a message of at
 * least SEVERE_WORDS words that the model reads as calm at VETO, with danger and self-harm both under
 * SEVERE_LOW: a short cry ("estoy secuestrada", "stuck", "auxilio auxilio") never is. Cross-validation
 * holding out whole files (`npm run safety:train -- --cv --by-source --dump`, 37,045 lines, December 2026,
 * round 12): of the held-out lines a severe rule catches, it clears 1 of 1,134 that need a person ("la
 * familia … cierra la alacena con llave y solo como lo que dejan", which then still gets the hotline line
 * first when the model reads a situation), 101 of 393 ordinary lines and 41 of 174 situations (which then
 * get their answer with the hotline line first); without the length condition it would clear 4 (two of them
 * "estoy secuestrada" and "stuck"). SURE:
 * danger the model alone gives at least this hands off even when the base answers closely; CLOSE: the
 * combined topic confidence at which an answer counts as close (see `decide`).
 */
export const TIERS = Object.freeze({
  veto: 0.97,
  general: 0.8,
  fiction: 0.5,
  situation: 0.3,
  confirm: 0.3,
  told: 0.9,
  story: 0.5,
  storyDanger: 0.5,
  storyOver: 1.2,
  toldRule: 0.25,
  toldOver: 1.5,
  toldModel: 1.2,
  toldTopic: 0.15,
  ownHarm: 0.9,
  ownHarmDanger: 0.2,
  ownSign: 0.8,
  askedSelfHarm: 0.1,
  severeWords: 8,
  severeLow: 0.02,
  sure: 0.6,
  close: 0.7,
});

/** What the safety nets make of one message, before the knowledge base is asked. */
export interface SafetyAssessment {
  readonly signal: SafetySignal | null;
  readonly scores: Readonly<Record<ModelLabel, number>>;
  /** The message speaks of the writer's own life ("i", "me", "quiero", "estoy"…). */
  readonly firstPerson: boolean;
  /** The message is framed as a question in general ("what should someone do if…"). */
  readonly general: boolean;
  /** The question is about someone else ("how do i help a friend who…", "una persona que…"). */
  readonly someoneElse: boolean;
  /** A threat's consequence is coercion (reported, deported, fired, unpaid), with no word of violence. */
  readonly coercion: boolean;
  /** The message tells a story that is not the writer's life: a film, a series, a book, a game, a dream. */
  readonly fiction: boolean;
  /** The writer says they are safe at this moment ("im safe for now", "ahorita estoy bien"). */
  readonly safeNow: boolean;
  /** The message tells of exploitation that happened ("me explotaron", "after i got out"; data/safety/told.txt). */
  readonly told: boolean;
  /** How many words the message has, as normalised (a short cry is never overruled: SEVERE_WORDS). */
  readonly words: number;
  /** The writer says they cannot call ("no tengo saldo", "cant talk"): after the danger handoff, it again. */
  readonly cannotCall: boolean;
  /**
   * The writer says help has been called and is on its way ("ya marque y dicen q vienen"), and not that
   * the call failed: read only right after the danger handoff, where it counts as safe for now.
   */
  readonly helpCalled: boolean;
  /** The message laughs ("jaja", "lol", 😂) and does not deny the joke (data/safety/laughter.txt). */
  readonly joking: boolean;
  /**
   * The message is wholly made of closing words ("ok ya me voy, gracias por todo", "that's all for now,
   * goodbye"; data/safety/closings.txt): a goodbye to the chat. The caller clears it right after a danger
   * or self-harm handoff, where "ya me voy" may be a farewell.
   */
  readonly closing: boolean;
}

/** The three tiers (and the person asked for), decided in one place. */
export type Tier =
  /** Danger now, self-harm, a person asked for: the handoff. */
  | { readonly tier: 'handoff'; readonly reason: SafetyReason; readonly rule: string }
  /** Answer, with a line first: 911 (`danger`), 988 (`self-harm`) or the hotline (`hotline`). */
  | { readonly tier: 'caution'; readonly caution: 'danger' | 'self-harm' | 'hotline'; readonly rule: string }
  /** An ordinary message: the answer alone; `asked`: a question in general about suicide (answered on its topic). */
  | {
      readonly tier: 'none';
      readonly asked?: 'self-harm';
      /**
       * A weaker sign of a situation told (TOLD_TOPIC, or a phrase of data/safety/told.txt: exploitation
       * that happened): the hotline line first if the answer is a topic of exploitation or one people ask
       * about after it (data/safety/situation-topics.txt, hotline-topics.txt).
       */
      readonly onTopic?: 'hotline';
    };

/** Run the nets over an analysed message. Pure. */
export function assessSafety(analysis: Pick<Analysis, 'tokens'> & Partial<Pick<Analysis, 'raw' | 'original'>>): SafetyAssessment {
  // The model reads the message as the phrase rules do (idioms blanked): scored once, for both.
  const blanked = blankIdioms(` ${analysis.tokens.join(' ')} `);
  const scores = scoresOf(safetyModel(), featuresOfBlanked(blanked));
  const signal = detectSafety(analysis, scores);
  const coercion = COERCION.has(analysis.tokens) && !HARM_WORDS.has(analysis.tokens);
  const callFailed = HELP_FAILED.has(analysis.tokens);
  return {
    signal,
    scores,
    firstPerson: FIRST_PERSON.has(analysis.tokens),
    general: GENERAL.has(analysis.tokens),
    someoneElse: SOMEONE_ELSE.has(analysis.tokens),
    coercion,
    fiction: FICTION.has(analysis.tokens),
    safeNow: SAFE_NOW.has(analysis.tokens),
    told: TOLD.has(analysis.tokens),
    words: analysis.tokens.length,
    // A call that failed leaves the same way out as no phone: the handoff's text and chat lines.
    cannotCall: callFailed || CANNOT_CALL.has(analysis.tokens),
    helpCalled: !callFailed && HELP_CALLED.has(analysis.tokens),
    joking: laughs(analysis) && !NOT_JOKING.has(analysis.tokens),
    // Read with hyperbole blanked too: "me muero de sueño, ya me voy a dormir" is a goodbye.
    closing: CLOSINGS.covers(blanked.split(' ').filter((w) => w !== '')),
  };
}

function laughs(analysis: Pick<Analysis, 'tokens'> & Partial<Pick<Analysis, 'raw' | 'original'>>): boolean {
  const original = analysis.original ?? '';
  return (analysis.raw ?? analysis.tokens).some((t) => LAUGHTER.word.test(t)) || LAUGHTER.emoji.some((e) => original.includes(e));
}

/**
 * The tier of a message, given whether the knowledge base answers it closely. Pure.
 * - Self-harm from the model alone needs a sign about the writer's own life (a first-person word, or the
 *   model at least OWN_SIGN sure outside a question in general): without one, no 988 script and no 988 line.
 *   A message of closing words alone ("ok ya me voy, gracias") is a goodbye, not such a sign.
 * - A phrase rule hands off, unless the model is VETO-sure the message is calm (a question about
 *   danger, a myth, a plot): then it is answered, with the hotline first if it tells a situation. A
 *   rule of data/safety/story-rules.txt inside a calm story, or in a threat whose consequence is
 *   coercion (data/safety/coercion.txt) with no word of violence, gives the answer with the hotline first.
 * - The concept net hands off danger only with the model's agreement (CONFIRM); otherwise the answer
 *   comes with the hotline line first.
 * - The model alone: self-harm it is sure of hands off, unsure puts 988 first; danger or a wish for a
 *   person hands off unless the base answers closely, which then comes with 911 first.
 * - A danger sign that no severe rule gave, where the writer says they are safe now ("safe for now",
 *   "ahorita estoy bien"): the answer with the hotline line first (911 first if no story is told).
 * - No sign, but a situation told calmly: the answer with the hotline line first.
 */
export function safetyTier(a: SafetyAssessment, closeAnswer: boolean): Tier {
  const { signal, scores } = a;
  // A question in general about nobody in particular (with "I" in it when it is about someone else: "how
  // do i help a friend who…"), or a story from a film, a book or a game.
  const general = (a.general && (!a.firstPerson || a.someoneElse)) || a.fiction;
  const level = a.fiction ? TIERS.fiction : general ? TIERS.general : TIERS.veto;
  const severe = signal?.source === 'rules' && SEVERE_RULES.has(signal.rule) && !general;
  // The model's own danger and self-harm must stay low too: at most a fifth of what it leaves to calm.
  const low = (1 - level) / 2 + 0.035;
  // A severe rule only in a long message the model reads as calm at VETO, with hardly any danger or self-harm.
  const calmSevere =
    severe && a.words >= TIERS.severeWords && scores.none + scores.situation >= TIERS.veto && scores.danger < TIERS.severeLow && scores['self-harm'] < TIERS.severeLow;
  const calm = calmSevere || (!severe && scores.none + scores.situation >= level && scores.danger < low && scores['self-harm'] < low);
  const told = scores.situation >= TIERS.situation;
  const quiet: Tier = told
    ? { tier: 'caution', caution: 'hotline', rule: 'model:situation' }
    : scores.situation >= TIERS.toldTopic || a.told
      ? { tier: 'none', onTopic: 'hotline' }
      : { tier: 'none' };
  if (!signal) return quiet;
  // A message that laughs and does not deny the joke is not an emergency ("send help lol").
  if (a.joking && signal.reason !== 'human') return quiet;
  const rule = signal.rule;
  if (signal.reason === 'self-harm') {
    if (signal.source === 'model') {
      // The model alone never sends the 988 script for a message with no sign of the writer's own life
      // ("does joel die in the last of us?"); the phrase rules are written around such signs already.
      // Inside a story (a film, a book, a game) the model alone is not enough either: the phrase rules
      // still read "i watched it and now i want to kill myself".
      // The model very sure (OWN_SIGN) is itself the sign, where no word list sees one ("been googling how
      // long it takes to bleed out", "Mami si lees esto perdóname") — unless the message is framed as a
      // question in general.
      const sure = (signal.confidence ?? 0) >= TIERS.ownSign && !general;
      // A goodbye to the chat and nothing more ("ya me voy, adios", "goodbye and take care") is not a
      // farewell note: the model learnt "goodbye" and "me voy" from both.
      if ((!a.firstPerson && !sure) || a.fiction || a.closing) return quiet;
      // A situation told that the model reads more surely than self-harm gets the hotline first.
      const own = signal.confidence ?? 1;
      if (scores.situation > own) return { tier: 'caution', caution: 'hotline', rule: 'model:situation' };
      return own >= MODEL_SURE ? { tier: 'handoff', reason: 'self-harm', rule } : { tier: 'caution', caution: 'self-harm', rule };
    }
    // A question in general about suicide ("how do i help a friend who says she's thinking about suicide",
    // "cuales son las señales de q alguien esta pensando en suicidarse") that the model does not read as
    // the writer's own self-harm at all is answered: the answer names 988 itself.
    // Calm or not: a model sure the message is calm would otherwise leave it to the topic model, which may
    // answer "what are the warning signs that someone might be suicidal?" with the signs of trafficking.
    const asked = general && !a.fiction && scores['self-harm'] < TIERS.askedSelfHarm && scores.danger < TIERS.askedSelfHarm;
    if (asked) return { tier: 'none', asked: 'self-harm' };
    return calm ? quiet : { tier: 'handoff', reason: 'self-harm', rule };
  }
  if (signal.reason === 'caution') {
    // Words of harm or control near the writer, too weak to hand off: 911 first, or the hotline first
    // when the model reads it as calm or as a situation told ("how can i leave safely, they watch us").
    return calm || told ? { tier: 'caution', caution: 'hotline', rule } : { tier: 'caution', caution: 'danger', rule };
  }
  // A danger sign in what the model reads surely as the writer's own self-harm ("i stopped taking my meds
  // on purpose, i just want it to be over"): the self-harm handoff, which also says to call 911 if hurt.
  const ownHarm = scores['self-harm'] >= TIERS.ownHarm && scores.danger < TIERS.ownHarmDanger;
  if (signal.reason === 'danger' && signal.source !== 'model' && ownHarm) return { tier: 'handoff', reason: 'self-harm', rule };
  // The writer says it can wait ("im at work rn, safe for now. how do i plan to get out"), and no severe
  // rule fired: the answer, with the hotline line first for a situation told or where the model reads
  // little danger (under CONFIRM: "me escapé hace 3 semanas y estoy en un albergue"), else the 911 line.
  if (signal.reason === 'danger' && a.safeNow && !severe) {
    return { tier: 'caution', caution: told || calm || scores.danger < TIERS.confirm ? 'hotline' : 'danger', rule };
  }
  if (signal.source === 'rules') {
    if (calm) return quiet;
    // Told calmly, or a threat of coercion rather than violence ("if I leave he calls immigration").
    const story =
      (STORY_RULES.has(rule) && scores.none + scores.situation >= TIERS.told && scores.danger < 0.15) ||
      (COERCION_RULES.has(rule) && a.coercion) ||
      // Any rule, severe ones too, inside what the model reads as a situation told and not as danger now
      // ("the boss keeps our passports in his office under lock and key, what can I do?").
      (scores.situation >= TIERS.story && scores.danger < TIERS.storyDanger && scores.situation >= TIERS.storyOver * scores.danger) ||
      // A rule that is not severe, in what the model reads more as a situation told than as danger
      // ("el dueño del car wash tiene las micas de todos, dice q es pa q no nos vayamos, eso es delito?"),
      // unless the model alone would give danger too: two nets agreeing is danger ("tengo 15 … estoy en una
      // casa con otras muchachas … no me deja irme", danger 0.63 beside situation 0.98).
      (!SEVERE_RULES.has(rule) && scores.situation >= TIERS.toldRule && scores.situation >= TIERS.toldOver * scores.danger && scores.danger < MODEL_THRESHOLDS.danger);
    return story ? { tier: 'caution', caution: 'hotline', rule } : { tier: 'handoff', reason: signal.reason, rule };
  }
  if (signal.source === 'concepts') {
    // The model agrees it is danger, or reads an emergency of either kind ("me encerré en el baño": hiding,
    // or about to hurt oneself): the handoff, 911 first.
    if (scores.danger >= TIERS.confirm || scores.danger + scores['self-harm'] >= MODEL_SURE) return { tier: 'handoff', reason: 'danger', rule };
    return { tier: 'caution', caution: 'hotline', rule };
  }
  // Only the model saw it. Inside a story (a film, a book, a game) it puts a line first but never hands off.
  if (a.fiction && signal.reason === 'danger') return calm ? quiet : { tier: 'caution', caution: told ? 'hotline' : 'danger', rule };
  // Danger the model reads in a situation it reads more surely still (TOLD_MODEL times): the answer, hotline first.
  if (signal.reason === 'danger' && told && scores.situation > TIERS.toldModel * scores.danger) return { tier: 'caution', caution: 'hotline', rule };
  // A person asked for, where the base answers closely ("hay alguien q hable español q me pueda llamar?"):
  // the answer with the hotline's line first (people answer it), never the 911 line.
  if (closeAnswer && (signal.reason !== 'danger' || (signal.confidence ?? 1) < TIERS.sure)) {
    return { tier: 'caution', caution: signal.reason === 'human' || told ? 'hotline' : 'danger', rule };
  }
  return { tier: 'handoff', reason: signal.reason, rule };
}
