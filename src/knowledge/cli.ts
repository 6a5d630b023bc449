import { decide, EMPTY_MEMORY } from '../bot/decide';
import { loadConfig } from '../config';
import { detectSafety } from '../escalation/detect';
import { detectLanguage } from '../i18n/detect';
import { describeOutcome } from '../eval/evaluate';
import { lintBase } from './lint';
import { loadKnowledge } from './load';
import { fileLocator } from './parsed';
import { formatProblem } from './problems';
import { CATEGORIES } from './schema';
import { KnowledgeIndex } from './search';
import { loadLive } from './store';
import { loadTraining } from './training';

const USAGE = 'usage: npm run kb:check [-- <folder>]   |   npm run kb:ask -- "a question"';

/** `kb:check`: every problem at once, then a summary; exit 1 on any error. */
async function check(dir: string): Promise<number> {
  const { base, problems } = await loadKnowledge(dir);
  const all = [...problems];
  if (base) all.push(...lintBase(base, new KnowledgeIndex(base.entries), fileLocator(dir)));
  // The training corpus (knowledge/training): the same file:line problems, and what it holds.
  const corpus = base ? await loadTraining(dir, base.entries.map((e) => e.id)) : null;
  if (corpus) all.push(...corpus.problems);
  const order = (s: string) => (s === 'error' ? 0 : 1);
  all.sort((a, b) => order(a.severity) - order(b.severity) || a.file.localeCompare(b.file) || a.line - b.line);
  for (const p of all) console.log(formatProblem(p));
  const errors = all.filter((p) => p.severity === 'error').length;
  const warnings = all.length - errors;
  console.log('');
  if (base) {
    const per = CATEGORIES.map((c) => `${c} ${base.entries.filter((e) => e.category === c).length}`).join(', ');
    const en = base.entries.reduce((n, e) => n + e.en.questions.length, 0);
    const es = base.entries.reduce((n, e) => n + e.es.questions.length, 0);
    console.log(`Knowledge ${base.version}: ${base.entries.length} entries (${per}), each in English and Spanish`);
    console.log(`Questions: ${en} English, ${es} Spanish; ${base.contacts.size} contacts`);
    if (corpus) {
      const lines = (l: 'en' | 'es') => corpus.examples.filter((x) => x.locale === l).length;
      console.log(`Training lines: ${lines('en')} English, ${lines('es')} Spanish in ${corpus.files.length} files`);
    }
  }
  console.log(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${dir}`);
  if (errors > 0) console.log('The bot will not load this version until the errors are fixed.');
  return errors > 0 ? 1 : 0;
}

/** `kb:ask`: what the bot would do with one message, for staff checking an edit. */
async function ask(dir: string, message: string): Promise<number> {
  const { live } = await loadLive(dir);
  if (!live) {
    console.log('The knowledge base has errors; run npm run kb:check first.');
    return 1;
  }
  const { index } = live;
  const language = detectLanguage(message);
  const safety = detectSafety(message);
  const decision = decide({ text: message, defaultLocale: 'en', memory: EMPTY_MEMORY }, live);
  console.log(`Language:  ${language.locale ?? 'unclear'} (replying in ${decision.locale})`);
  console.log(`Safety:    ${safety ? `${safety.reason} (rule ${safety.rule})` : 'no emergency detected'}`);
  console.log(`Outcome:   ${describeOutcome(decision)}`);
  console.log('Top matches:');
  const matches = index.search(message, 5);
  if (matches.length === 0) console.log('  (none)');
  for (const m of matches) console.log(`  ${m.score.toFixed(3)}  ${m.id.padEnd(32)} via "${m.matched}" [${m.locale}]`);
  return 0;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const config = loadConfig(process.env);
  if (command === 'check') return check(rest[0] ?? config.KNOWLEDGE_DIR);
  if (command === 'ask' && rest.length > 0) return ask(config.KNOWLEDGE_DIR, rest.join(' '));
  console.log(USAGE);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
