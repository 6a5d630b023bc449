import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR, PhraseMatcher, readPhraseFile } from '../text/phrases';

/** A story is at least this many words: shorter lines on these topics are questions ("is that legal?"). */
export const SITUATION_WORDS = 14;

/** The topics of exploitation described calmly (data/safety/situation-topics.txt). */
export function situationTopics(file = path.join(DATA_DIR, 'safety', 'situation-topics.txt')): ReadonlySet<string> {
  return new Set(
    readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
}

/**
 * Phrases that tell of exploitation that happened (data/safety/told.txt): in the safety model's training,
 * a story on any topic with one of them is a situation told (a survivor asking about a T visa).
 */
export function toldPhrases(file = path.join(DATA_DIR, 'safety', 'told.txt')): PhraseMatcher {
  return PhraseMatcher.of(readPhraseFile(file));
}
