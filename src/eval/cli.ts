import path from 'node:path';
import { loadConfig } from '../config';
import { KnowledgeStore, loadLive } from '../knowledge/store';
import { conversationMetrics, playConversations, readConversations } from './conversations';
import { judgeSafety, readSafetyLines, safetyMetrics } from './safety';
import { describeOutcome, evaluate, reachDecider, readCases, type Metrics } from './evaluate';

/** `npm run eval [-- --misses] [cases.jsonl]`: Reach's figures on the public evaluation set. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const showMisses = args.includes('--misses');
  if (args.includes('--conversations')) return conversations(args, showMisses);
  if (args.includes('--safety')) return safety(args, showMisses);
  const file = args.find((a) => !a.startsWith('--')) ?? path.join('tests', 'eval', 'cases.jsonl');
  const config = loadConfig(process.env);
  const { live, problems } = await loadLive(config.KNOWLEDGE_DIR, { modelCache: config.TOPIC_MODEL_CACHE });
  if (!live) {
    console.error(`The knowledge base has ${problems.length} problems; run npm run kb:check`);
    process.exit(1);
  }
  const cases = readCases(file);
  const { en, es, all, results } = evaluate(cases, reachDecider(live));
  const row = (name: string, m: Metrics) =>
    `| ${name} | ${m.cases} | ${m.hitAt1.toFixed(3)} | ${m.hitAt3.toFixed(3)} | ${m.dangerRecall.toFixed(3)} | ` +
    `${m.selfHarmRecall.toFixed(3)} | ${m.humanRecall.toFixed(3)} | ${m.falseHandoffRate.toFixed(3)} | ` +
    `${m.fallbackAccuracy.toFixed(3)} | ${m.greetingAccuracy.toFixed(3)} | ${m.smallTalkAccuracy.toFixed(3)} | ${m.languageAccuracy.toFixed(3)} |`;
  console.log(`Evaluation of ${file} (${cases.length} cases) on knowledge ${live.base.version}\n`);
  console.log(
    '| set | cases | hit@1 | hit@3 | danger recall | self-harm recall | human recall | false handoffs | declined | greeting acc. | small talk | language acc. |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  console.log(row('en', en));
  console.log(row('es', es));
  console.log(row('all', all));
  if (showMisses) {
    console.log('\nMisses:');
    for (const r of results.filter((x) => !x.hit1)) {
      console.log(`  [${r.case.locale}] expected ${r.case.expect}, got ${describeOutcome(r.decision)}: ${r.case.text}`);
    }
    for (const r of results.filter((x) => x.decision.locale !== x.case.locale)) {
      console.log(`  [${r.case.locale}] answered in ${r.decision.locale}: ${r.case.text}`);
    }
  } else console.log('\n(add -- --misses to list every case that missed)');
}

/** `npm run eval -- --safety file…`: recall, everyday escalations and situations answered, per language. */
async function safety(args: readonly string[], showMisses: boolean): Promise<void> {
  const files = args.filter((a) => !a.startsWith('--'));
  const config = loadConfig(process.env);
  const { live } = await loadLive(config.KNOWLEDGE_DIR, { modelCache: config.TOPIC_MODEL_CACHE });
  if (!live) throw new Error('the knowledge base has errors: run npm run kb:check');
  const results = files.flatMap((f) => readSafetyLines(f)).map((l) => judgeSafety(l, live));
  const f = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(3));
  console.log(`Safety of ${files.join(', ')} (${results.length} lines)\n`);
  console.log('| set | lines | danger recall | self-harm recall | human recall | everyday escalated | 988 without the writer | situations right | situations unanswered | situations handed off |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const locale of ['en', 'es', 'all'] as const) {
    const m = safetyMetrics(locale === 'all' ? results : results.filter((r) => r.line.locale === locale));
    console.log(
      `| ${locale} | ${m.lines} | ${f(m.dangerRecall)} | ${f(m.selfHarmRecall)} | ${f(m.humanRecall)} | ${f(m.everydayEscalated)} | ${m.everydaySelfHarmWithoutWriter} | ` +
        `${f(m.situationsRight)} | ${f(m.situationsUnanswered)} | ${f(m.situationsHandedOff)} |`,
    );
  }
  if (showMisses) {
    console.log('\nMisses:');
    for (const r of results.filter((x) => !x.right)) {
      console.log(`  [${r.line.locale}] expected ${r.line.expect}${r.line.topic ? ` ${r.line.topic}` : ''}, got ${describeOutcome(r.decision)}${r.decision.caution ? ` +${r.decision.caution}` : ''}: ${r.line.text}`);
    }
  } else console.log('\n(add --misses to list every line that missed)');
}

/** `npm run eval -- --conversations [file]`: per-turn and whole-conversation accuracy per channel. */
async function conversations(args: readonly string[], showMisses: boolean): Promise<void> {
  const file = args.find((a) => !a.startsWith('--')) ?? path.join('tests', 'eval', 'conversations.jsonl');
  const config = loadConfig(process.env);
  const store = await KnowledgeStore.open(config.KNOWLEDGE_DIR, undefined, { modelCache: config.TOPIC_MODEL_CACHE });
  const all = readConversations(file);
  const results = await playConversations(all, store);
  console.log(`Conversations of ${file} (${all.length} conversations, ${results.length} turns)\n`);
  console.log('| channel | conversations | turns | per-turn outcome | whole conversations right | danger turns handed off |');
  console.log('|---|---|---|---|---|---|');
  for (const channel of ['webchat', 'sms', 'whatsapp', 'all'] as const) {
    const m = conversationMetrics(channel === 'all' ? results : results.filter((r) => r.channel === channel));
    console.log(`| ${channel} | ${m.conversations} | ${m.turns} | ${m.turnAccuracy.toFixed(3)} | ${m.wholeAccuracy.toFixed(3)} | ${m.dangerHandedOff}/${m.dangerTurns} |`);
  }
  if (showMisses) {
    console.log('\nMisses:');
    for (const r of results.filter((x) => !x.right)) {
      const got = r.got ? `${r.got.kind}${r.got.topic ? ` ${r.got.topic}` : ''}${r.got.reason ? ` ${r.got.reason}` : ''} [${r.got.locale}]${r.got.context ? ' (context)' : ''}` : 'silence';
      console.log(`  ${r.conversation} (${r.channel}) expected ${JSON.stringify(r.expect)}, got ${got}: ${r.text}`);
    }
  } else console.log('\n(add --misses to list every turn that missed)');
}

void main();
