import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** Every line of a JSONL file, each checked by a schema; a bad line throws with its `file:line`. */
export function readJsonl<T extends z.ZodType>(file: string, schema: T, what: string): z.infer<T>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${n}: ${parsed.error.issues[0]?.message ?? `invalid ${what}`}`);
      return parsed.data as z.infer<T>;
    });
}
