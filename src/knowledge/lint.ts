import { ERROR_CODES } from '../errors';
import { assessSafety, safetyTier, TIERS } from '../escalation/tier';
import { analyse } from '../understanding/analysis';
import type { KnowledgeBase } from './load';
import type { Position } from './parsed';
import type { Problem } from './problems';
import { LOCALES } from './schema';
import type { KnowledgeIndex } from './search';
import { SEARCH } from './search-config';

/**
 * Checks that need the search itself: a question that the bot would send to another entry (the base
 * contradicts itself), or that the safety check would treat as an emergency (so it never reaches its
 * entry). Warnings, not errors: the base still works, but staff should look.
 */
export function lintBase(
  base: KnowledgeBase,
  index: KnowledgeIndex,
  /** Where a field stands in a file (kb:check passes `fileLocator`); without it, line 1. */
  locate: (file: string, fieldPath: readonly (string | number)[]) => Position = () => ({ line: 1, col: 1 }),
): Problem[] {
  const problems: Problem[] = [];
  for (const entry of base.entries) {
    const file = base.files.get(entry.id) ?? entry.id;
    for (const locale of LOCALES) {
      entry[locale].questions.forEach((q, i) => {
        const field = `${locale}.questions[${i}]`;
        const { line, col } = locate(file, [locale, 'questions', i]);
        // The same tiers as the bot (a question is always its own entry's exact line, so it answers closely).
        const analysis = analyse(q);
        const close = (index.search(analysis, 1)[0]?.score ?? 0) >= TIERS.close;
        if (safetyTier(assessSafety(analysis), close).tier === 'handoff') {
          problems.push({
            severity: 'warning', code: ERROR_CODES.KB_CONFLICT, file, line, col, field,
            what: `"${q}" reads as an emergency, so the bot answers it with the 911/hotline message`,
            todo: 'reword it as a question about the topic',
          });
          return;
        }
        // Ranked as any other wording would be: the question itself always reaches its entry.
        const ranked = index.search(q, SEARCH.maxSuggestions, { exact: false });
        const top = ranked[0];
        const second = ranked[1];
        // A tie with the runner-up (within the answer margin) reaches this entry either way: answered with
        // it offered first among the related topics, or in a "did you mean" list. Only a clear loss hides it.
        const tie = top && second?.id === entry.id && top.score - second.score < SEARCH.answerMargin;
        if (top && top.id !== entry.id && !tie) {
          problems.push({
            severity: 'warning', code: ERROR_CODES.KB_CONFLICT, file, line, col, field,
            what: `"${q}" reaches this entry only word for word: worded a little differently it finds ${top.id} first`,
            todo: `make it more specific to this entry, or move it to ${top.id}`,
          });
        }
      });
    }
  }
  return problems;
}
