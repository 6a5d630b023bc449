import path from 'node:path';
import { DATA_DIR, PhraseMatcher, readDataLines as dataLines, readPhraseFile } from '../text/phrases';

/** A story is at least this many words: shorter lines on these topics are questions ("is that legal?"). */
export const SITUATION_WORDS = 14;

/** The topics of exploitation described calmly (data/safety/situation-topics.txt). */
export function situationTopics(file = path.join(DATA_DIR, 'safety', 'situation-topics.txt')): ReadonlySet<string> {
  return new Set(dataLines(file));
}

/**
 * Topics on which the weaker sign of a situation told also puts the hotline line first
 * (data/safety/hotline-topics.txt), besides the topics of exploitation.
 */
export function hotlineTopics(file = path.join(DATA_DIR, 'safety', 'hotline-topics.txt')): ReadonlySet<string> {
  return new Set([...situationTopics(), ...dataLines(file)]);
}

/**
 * Phrases that tell of exploitation that happened (data/safety/told.txt): in the safety model's training,
 * a story on any topic with one of them is a situation told (a survivor asking about a T visa).
 */
export function toldPhrases(file = path.join(DATA_DIR, 'safety', 'told.txt')): PhraseMatcher {
  return PhraseMatcher.of(readPhraseFile(file));
}

/** The topic each handoff stands for (data/safety/handoff-topics.txt): reason → topic id. */
export function handoffTopics(file = path.join(DATA_DIR, 'safety', 'handoff-topics.txt')): ReadonlyMap<string, string> {
  const pairs = dataLines(file).map((l) => {
    const [reason, topic, ...rest] = l.split(/\s+/);
    if (!reason || !topic || rest.length > 0) throw new Error(`${file}: expected "reason topic-id", got "${l}"`);
    return [reason, topic] as const;
  });
  return new Map(pairs);
}
