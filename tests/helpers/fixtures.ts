import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const KNOWLEDGE_DIR = path.join(ROOT, 'knowledge');

export interface SafetyCase {
  readonly locale: 'en' | 'es';
  readonly text: string;
  readonly expect: 'danger' | 'self-harm' | 'human' | 'none';
  readonly note?: string;
}

/** Read a JSON Lines file from tests/. */
export function readJsonl<T>(relative: string): T[] {
  return readFileSync(path.join(ROOT, 'tests', relative), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as T);
}
