// Quick check of single knowledge files while writing content; `npm run kb:check` is the full check.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { entrySchema } from '../src/knowledge/schema';

let failed = false;
for (const file of process.argv.slice(2)) {
  const result = entrySchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    failed = true;
    for (const issue of result.error.issues) console.log(`${file}  ${issue.path.join('.')}  ${issue.message}`);
    continue;
  }
  const e = result.data;
  console.log(
    `${file}  ok  en: ${e.en.questions.length} questions, answer ${e.en.answer.length} chars;` +
      ` es: ${e.es.questions.length} questions, answer ${e.es.answer.length} chars`,
  );
}
process.exit(failed ? 1 : 0);
