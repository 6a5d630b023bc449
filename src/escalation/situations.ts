import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../text/phrases';

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
