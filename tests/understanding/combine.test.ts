import { understand, understandInContext, UNDERSTANDING } from '../../src/understanding/combine';
import type { TopicScores } from '../../src/understanding/topics';

const topics = ['rights.t-visa', 'help.legal', 'rights.minors', 'signs.documents-taken'];

function scores(p: Record<string, number>, known = 1): TopicScores {
  const ranked = Object.entries(p)
    .map(([label, v]) => ({ label, p: v }))
    .sort((a, b) => b.p - a.p);
  return { ranked, of: (l) => p[l] ?? 0, known };
}

describe('one decision from the model and the index', () => {
  test('a clear topic is answered', () => {
    expect(understand(scores({ 'rights.t-visa': 0.9, 'help.legal': 0.05, 'out-of-scope': 0.05 }), [], topics)).toMatchObject({ kind: 'topic', topic: 'rights.t-visa' });
  });
  test('a message word for word one of an entry\'s lines is that entry\'s, whatever the model says', () => {
    const u = understand(scores({ 'help.legal': 0.9, 'out-of-scope': 0.1 }), [{ id: 'rights.t-visa', score: 1 }], topics);
    expect(u).toMatchObject({ kind: 'topic', topic: 'rights.t-visa', confidence: 1 });
  });
  test('out-of-scope and small talk win only when no topic is answered', () => {
    expect(understand(scores({ 'out-of-scope': 0.8, 'help.legal': 0.2 }), [], topics).kind).toBe('out-of-scope');
    expect(understand(scores({ 'smalltalk.thanks': 0.7, 'help.legal': 0.3 }), [], topics)).toMatchObject({ kind: 'small-talk', label: 'smalltalk.thanks' });
  });
  test('small talk is sure as a kind: its labels together decide, the likeliest gives the reply', () => {
    const u = understand(scores({ 'smalltalk.ack': 0.2, 'smalltalk.bye': 0.18, 'help.legal': 0.12 }), [], topics, { ...UNDERSTANDING, smallTalk: 0.3 });
    expect(u).toMatchObject({ kind: 'small-talk', label: 'smalltalk.ack' });
    expect((u as { confidence: number }).confidence).toBeCloseTo(0.38);
  });
  test('close topics become suggestions; nothing at all is unknown', () => {
    const u = understand(scores({ 'help.legal': 0.3, 'rights.t-visa': 0.28, 'out-of-scope': 0.1 }), [], topics);
    expect(u).toMatchObject({ kind: 'suggest' });
    expect(understand(scores({ 'out-of-scope': 0.1, 'help.legal': 0.05 }, 0), [], topics).kind).toBe('unknown');
  });
});

describe('with the previous topic in view', () => {
  const previous = { topic: 'signs.documents-taken', related: ['rights.minors'], cue: true, words: 3 };
  test('a short follow-up that refers back stays with the previous topic ("is that legal?")', () => {
    const r = understandInContext(scores({ 'help.legal': 0.5, 'signs.documents-taken': 0.1, 'out-of-scope': 0.4 }), [], topics, previous);
    expect(r.understanding).toMatchObject({ kind: 'topic', topic: 'signs.documents-taken' });
    expect(r.context).toBe(true);
  });
  test('a clear new topic wins even in a message that refers back ("y la laboral?" after sex trafficking)', () => {
    const r = understandInContext(scores({ 'help.legal': 0.9, 'signs.documents-taken': 0.05, 'out-of-scope': 0.05 }), [], topics, previous);
    expect(r.understanding).toMatchObject({ kind: 'topic', topic: 'help.legal' });
    expect(r.context).toBe(false);
  });
  test('a clear new topic in a longer message wins over the previous one', () => {
    const r = understandInContext(scores({ 'rights.minors': 0.95, 'out-of-scope': 0.05 }), [], topics, { ...previous, cue: false, words: 12 });
    expect(r.understanding).toMatchObject({ kind: 'topic', topic: 'rights.minors' });
    expect(r.context).toBe(false);
  });
  test('what the model learnt a follow-up looks like refers back without a cue word ("how do i apply")', () => {
    const model = { ...scores({ 'out-of-scope': 0.95, 'signs.documents-taken': 0.03, 'help.legal': 0.02 }), followUp: 0.8 };
    const r = understandInContext(model, [], topics, { ...previous, cue: false, words: 4 });
    expect(r.understanding).toMatchObject({ kind: 'topic', topic: 'signs.documents-taken' });
    expect(r.context).toBe(true);
    // The same without a model's follow-up sign is declined as out-of-scope.
    const declined = understandInContext(scores({ 'out-of-scope': 0.95, 'signs.documents-taken': 0.03, 'help.legal': 0.02 }), [], topics, { ...previous, cue: false, words: 6 });
    expect(declined.understanding.kind).toBe('out-of-scope');
  });
  test('a follow-up with nothing to follow is not understood', () => {
    expect(understand({ ...scores({ 'out-of-scope': 0.8, 'help.legal': 0.2 }), followUp: 0.7 }, [], topics).kind).toBe('unknown');
    // …while one that names its topic is answered, follow-up or not ("what if i'd rather donate").
    expect(understand({ ...scores({ 'rights.t-visa': 0.9, 'out-of-scope': 0.1 }), followUp: 0.7 }, [], topics)).toMatchObject({ kind: 'topic', topic: 'rights.t-visa' });
  });
  test('after a handoff, what the model reads as a follow-up is about the handoff\'s line, unless it clearly names another', () => {
    const handoff = { topic: 'help.legal', related: ['rights.t-visa'], cue: true, words: 4, alone: true };
    // "y ese numero es gratis?" after the 988 handoff: the model leans to another number's topic.
    const leaning = { ...scores({ 'rights.t-visa': 0.65, 'help.legal': 0.05, 'out-of-scope': 0.3 }), followUp: 0.95 };
    expect(understandInContext(leaning, [], topics, handoff)).toMatchObject({ understanding: { kind: 'topic', topic: 'help.legal' }, context: true });
    // After an answer (not a handoff) the same scores go to the related topic the model leans to.
    expect(understandInContext(leaning, [], topics, { ...handoff, alone: false }).understanding).toMatchObject({ topic: 'rights.t-visa' });
    // Not read as a follow-up by the model ("afterwards how do I report this"): scored as any other message.
    const noFollowUp = { ...scores({ 'rights.t-visa': 0.65, 'help.legal': 0.05, 'out-of-scope': 0.3 }), followUp: 0 };
    expect(understandInContext(noFollowUp, [], topics, handoff).understanding).toMatchObject({ topic: 'rights.t-visa' });
    // A clear new topic still wins: one the model and the index both name, past `clearAfterHandoff`.
    const clear = { ...scores({ 'rights.minors': 0.99, 'out-of-scope': 0.01 }), followUp: 0.95 };
    expect(understandInContext(clear, [{ id: 'rights.minors', score: 0.9 }], topics, handoff)).toMatchObject({ understanding: { topic: 'rights.minors' }, context: false });
    // The model alone at 0.95 (0.76 blended) is not clear enough right after a handoff; after an answer it is.
    const leaningHard = { ...scores({ 'rights.minors': 0.95, 'out-of-scope': 0.05 }), followUp: 0.95 };
    expect(understandInContext(leaningHard, [], topics, handoff).understanding).toMatchObject({ topic: 'help.legal' });
    expect(understandInContext(leaningHard, [], topics, { ...handoff, alone: false })).toMatchObject({ understanding: { topic: 'rights.minors' }, context: false });
  });
  test('after a handoff, a question that is not about the handoff\'s line keeps the topic the handed-off message was about', () => {
    // The danger handoff's topic is one conversations pass through; the message handed off was about a minor.
    const handoff = { topic: 'help.legal', related: [], cue: false, words: 9, alone: true, passing: true };
    // "could she be charged with anything herself?": the model leans, unsure, between two topics.
    const unsure = scores({ 'signs.documents-taken': 0.3, 'rights.minors': 0.25, 'out-of-scope': 0.45 });
    expect(understandInContext(unsure, [], topics, handoff).understanding.kind).not.toBe('topic');
    const withStory = understandInContext(unsure, [], topics, { ...handoff, story: { topic: 'rights.minors', related: [] } });
    expect(withStory).toMatchObject({ understanding: { kind: 'topic', topic: 'rights.minors' }, context: true });
    // The story's related entries are raised too, less than the story: one the words lean to can win.
    const story = { topic: 'rights.t-visa', related: ['signs.documents-taken'] };
    const leaning = scores({ 'signs.documents-taken': 0.45, 'out-of-scope': 0.55 });
    expect(understandInContext(leaning, [], topics, { ...handoff, story }).understanding).toMatchObject({ kind: 'topic', topic: 'signs.documents-taken' });
    expect(understandInContext(leaning, [], topics, { ...handoff, story: { ...story, related: [] } }).understanding).toMatchObject({ kind: 'topic', topic: 'rights.t-visa' });
    // Only after a handoff: after an answer the previous topic is the context, whatever a story says.
    const answered = understandInContext(unsure, [], topics, { ...handoff, alone: false, passing: false, story: { topic: 'rights.minors', related: [] } });
    expect(answered.understanding).toMatchObject({ topic: 'help.legal' });
  });
  test('a message that only asks about the previous answer ("is that legal?") stays with it or its related entries, whatever its words lean to', () => {
    const legal = { ...scores({ 'help.legal': 0.95, 'rights.minors': 0.03, 'signs.documents-taken': 0.02 }), followUp: 0.9 };
    // Read as any other follow-up, "legal" makes "Finding a lawyer" a clear new topic.
    expect(understandInContext(legal, [], topics, previous).understanding).toMatchObject({ topic: 'help.legal' });
    const asked = understandInContext(legal, [], topics, { ...previous, asksAbout: true });
    expect(asked).toMatchObject({ understanding: { kind: 'topic', topic: 'signs.documents-taken' }, context: true });
    // A related entry the words point to can still win over the previous topic.
    const leaning = { ...scores({ 'rights.minors': 0.9, 'signs.documents-taken': 0.05, 'help.legal': 0.05 }), followUp: 0.9 };
    expect(understandInContext(leaning, [], topics, { ...previous, asksAbout: true }).understanding).toMatchObject({ topic: 'rights.minors' });
    // Small talk does not settle it either ("is that ok?"), nor a sure out-of-scope reading ("es legal aqui?").
    const ok = { ...scores({ 'smalltalk.ack': 0.8, 'signs.documents-taken': 0.1, 'out-of-scope': 0.1 }), followUp: 0.2 };
    expect(understandInContext(ok, [], topics, { ...previous, cue: false, asksAbout: true }).understanding).toMatchObject({ topic: 'signs.documents-taken' });
    const declined = { ...scores({ 'out-of-scope': 0.9, 'signs.documents-taken': 0.05, 'help.legal': 0.05 }), followUp: 0 };
    expect(understandInContext(declined, [], topics, { ...previous, cue: false, asksAbout: true }).understanding).toMatchObject({ topic: 'signs.documents-taken' });
  });
  test('a message with no word the model knows is not read as a follow-up', () => {
    const r = understandInContext(scores({ 'out-of-scope': 0.5, 'help.legal': 0.1 }, 0), [], topics, { ...previous, cue: false, words: 1 });
    expect(r.context).toBe(false);
  });
  test('small talk is decided on the message alone', () => {
    const r = understandInContext(scores({ 'smalltalk.thanks': 0.9, 'out-of-scope': 0.1 }), [], topics, { ...previous, cue: false, words: 2 });
    expect(r.understanding.kind).toBe('small-talk');
  });
  test('small talk the model is unsure of does not settle a message that refers back ("y es gratis?")', () => {
    // Read as a follow-up by the follow-up model: the previous topic.
    const unsure = { ...scores({ 'smalltalk.ack': 0.6, 'signs.documents-taken': 0.05, 'out-of-scope': 0.35 }), followUp: 0.8 };
    const r = understandInContext(unsure, [], topics, { ...previous, cue: true, words: 3 });
    expect(r.understanding).toMatchObject({ kind: 'topic', topic: 'signs.documents-taken' });
    expect(r.context).toBe(true);
    // Only a word that refers back, and small talk under smallTalkOverCue: the previous topic too.
    const weak = scores({ 'smalltalk.ack': 0.4, 'signs.documents-taken': 0.05, 'out-of-scope': 0.35, 'help.legal': 0.2 });
    expect(understandInContext(weak, [], topics, { ...previous, cue: true, words: 3 }).understanding).toMatchObject({ topic: 'signs.documents-taken' });
    // Only a word that refers back, small talk at smallTalkOverCue or more ("ok. thank you, this helped me think
    // straight"): small talk. Without any sign of referring back it stays small talk; a sure "gracias" always does.
    const thanks = scores({ 'smalltalk.thanks': UNDERSTANDING.smallTalkOverCue, 'signs.documents-taken': 0.05, 'out-of-scope': 0.3 });
    expect(understandInContext(thanks, [], topics, { ...previous, cue: true, words: 8 }).understanding.kind).toBe('small-talk');
    expect(understandInContext({ ...unsure, followUp: 0 }, [], topics, { ...previous, cue: false, words: 3 }).understanding.kind).toBe('small-talk');
    const sure = { ...scores({ 'smalltalk.thanks': UNDERSTANDING.sureSmallTalk, 'out-of-scope': 0.05 }), followUp: 0.8 };
    expect(understandInContext(sure, [], topics, { ...previous, cue: true, words: 2 }).understanding.kind).toBe('small-talk');
  });
  test('without a previous topic the answer is the message\'s alone', () => {
    const alone = understand(scores({ 'help.legal': 0.8, 'out-of-scope': 0.2 }), [], topics, UNDERSTANDING);
    expect(understandInContext(scores({ 'help.legal': 0.8, 'out-of-scope': 0.2 }), [], topics, null).understanding).toEqual(alone);
  });
});

describe('without a topic model (a base too large for one)', () => {
  test('the index alone decides', () => {
    const none: TopicScores = { ranked: [], of: () => 0, known: 0 };
    expect(understand(none, [{ id: 'help.legal', score: 0.6 }], topics)).toMatchObject({ kind: 'topic', topic: 'help.legal', confidence: 0.6 });
    expect(understand(none, [], topics).kind).toBe('unknown');
  });
});

describe('a general entry answered by a specific one in this conversation (PreviousTopic.specialised)', () => {
  const all = ['help.report-tip', 'help.child-exploitation', 'signs.online-grooming', 'rights.t-visa'];
  const previous = { topic: 'signs.online-grooming', related: ['help.child-exploitation'], cue: true, words: 4 };
  const specialised = new Map([['help.report-tip', 'help.child-exploitation']]);
  const reportIt = scores({ 'help.report-tip': 0.85, 'help.child-exploitation': 0.1, 'out-of-scope': 0.05 });
  test('"how do i report him" after online grooming is the CyberTipline entry, and context decided it', () => {
    const r = understandInContext(reportIt, [], all, { ...previous, specialised });
    expect(r.understanding).toMatchObject({ kind: 'topic', topic: 'help.child-exploitation' });
    expect(r.context).toBe(true);
  });
  test('without the table, or with a specific entry the base does not have, the general entry answers', () => {
    expect(understandInContext(reportIt, [], all, previous).understanding).toMatchObject({ topic: 'help.report-tip' });
    const gone = new Map([['help.report-tip', 'help.no-such-entry']]);
    expect(understandInContext(reportIt, [], all, { ...previous, specialised: gone }).understanding).toMatchObject({ topic: 'help.report-tip' });
  });
  test('another topic is left as it is', () => {
    const visa = scores({ 'rights.t-visa': 0.9, 'out-of-scope': 0.1 });
    const r = understandInContext(visa, [], all, { ...previous, specialised });
    expect(r.understanding).toMatchObject({ kind: 'topic', topic: 'rights.t-visa' });
    expect(r.context).toBe(false);
  });
});

