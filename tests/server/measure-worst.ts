/**
 * Prints, as JSON, what the worst messages cost against an ordinary one in a whole decision (safety,
 * language, menus, search) on the real knowledge base. Run by the bounded-work test in its own Node
 * process (`node --import tsx`), as the server runs: Jest's module sandbox slows some steps several
 * times more than others, which would measure Jest instead of Reach.
 */
import { decide, EMPTY_MEMORY } from '../../src/bot/decide';
import { loadLive } from '../../src/knowledge/store';
import { KNOWLEDGE_DIR } from '../helpers/fixtures';
import { measureWorst } from './worst-messages';

async function main(): Promise<void> {
  const { live } = await loadLive(KNOWLEDGE_DIR);
  if (!live) throw new Error('the knowledge base has errors');
  const result = measureWorst((text) => decide({ text, defaultLocale: 'en', memory: EMPTY_MEMORY }, live));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
