import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONCEPT_NAMES, scoreConcepts } from '../../src/escalation/concepts';
import { IDIOMS, blankIdioms } from '../../src/escalation/idioms';
import { SAFETY_RULES } from '../../src/escalation/patterns';
import { SAFETY_DATA_DIR, loadConcepts, loadIdioms, loadLists, loadSafetyRules } from '../../src/escalation/rules-data';
import { ERROR_CODES } from '../../src/errors';
import { normalize } from '../../src/text/normalize';
import { readJsonl, type SafetyCase } from '../helpers/fixtures';

/** The safety tables (see detect.test.ts) and the model's training lines, as detection reads them. */
const TABLES = [
  ...readdirSync(path.join(__dirname, '..', 'fixtures')).filter((f) => f.endsWith('.jsonl')).map((f) => `fixtures/${f}`),
  ...readdirSync(path.join(__dirname, '..', 'fixtures', 'training')).map((f) => `fixtures/training/${f}`),
];
const padded = TABLES.flatMap((t) => readJsonl<SafetyCase>(t)).map((c) => ` ${normalize(c.text).tokens.join(' ')} `);
const blanked = padded.map(blankIdioms);

const dataFile = (name: string): string => readFileSync(path.join(SAFETY_DATA_DIR, name), 'utf8');
const RULE_FILES = ['rules.en.txt', 'rules.es.txt', 'rules.any.txt'];

describe('safety rules from data/safety', () => {
  test.each(['severe-rules.txt', 'story-rules.txt', 'coercion-rules.txt'])('every rule id of %s names a rule that exists', (file) => {
    const ids = new Set(SAFETY_RULES.map((r) => r.id));
    const named = dataFile(file).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });

  test('every rule in the rule files compiles, once, in the order of order.txt', () => {
    const ids = RULE_FILES.flatMap((f) => [...dataFile(f).matchAll(/^\[(\S+) /gm)].map((m) => m[1]));
    const order = dataFile('order.txt').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(SAFETY_RULES.map((r) => r.id)).toEqual(order);
    expect([...ids].sort()).toEqual([...order].sort());
    for (const r of SAFETY_RULES) expect(r.pattern).toBeInstanceOf(RegExp);
  });

  test('severe danger rules come before every other danger rule, so that a severe one names the sign when both fire', () => {
    const severe = new Set(dataFile('severe-rules.txt').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
    const danger = SAFETY_RULES.filter((r) => r.reason === 'danger').map((r) => r.id);
    const firstOther = danger.findIndex((id) => !severe.has(id));
    expect(firstOther).toBeGreaterThan(0);
    expect(danger.slice(firstOther).filter((id) => severe.has(id))).toEqual([]);
    expect(danger.slice(0, firstOther).every((id) => severe.has(id))).toBe(true);
  });

  // Each rule, from each rule file, matches at least one line written for it in the tables.
  test.each(SAFETY_RULES.map((r) => [r.id, r] as const))('%s matches a line of the safety tables', (_id, r) => {
    expect(blanked.some((p) => r.pattern.test(p))).toBe(true);
  });

  test.each(RULE_FILES)("%s holds its language's rules", (file) => {
    const lang = file.split('.')[1];
    expect(SAFETY_RULES.filter((r) => r.id.startsWith(`${lang}.`)).length).toBeGreaterThan(3);
  });

  test('every part in parts.txt is used by a rule or another part', () => {
    const names = [...dataFile('parts.txt').matchAll(/^\[([A-Z_0-9]+)/gm)].map((m) => m[1]!);
    const users = [...RULE_FILES, 'parts.txt'].map(dataFile).join('\n');
    const unused = names.filter((n) => n !== 'HYPOTHETICAL' && !users.includes(`{${n}}`));
    expect(names.length).toBeGreaterThan(5);
    expect(unused).toEqual([]);
  });

  test('a phrase added to a list is matched (the data drives the rules)', () => {
    const dir = copyData();
    try {
      const before = loadSafetyRules(dir).find((r) => r.id === 'en.human-word')!;
      expect(before.pattern.test(' a volunteer ')).toBe(false);
      edit(dir, 'rules.en.txt', (text) => text.replace('[en.human-word human whole]\n', '[en.human-word human whole]\na volunteer\n'));
      const after = loadSafetyRules(dir).find((r) => r.id === 'en.human-word')!;
      expect(after.pattern.test(' a volunteer ')).toBe(true);
      expect(after.pattern.test(' a volunteer please ')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('idioms and concepts from data/safety', () => {
  test.each(IDIOMS.map((re, i) => [i + 1, re] as const))('idiom %i blanks a line of the tables', (_n, re) => {
    expect(padded.some((p) => p.replace(re, ' ') !== p)).toBe(true);
  });

  test.each(CONCEPT_NAMES)('concept %s is found in a line of the tables', (name) => {
    expect(blanked.some((p) => scoreConcepts(p, p.trim().split(' ')).concepts.includes(name))).toBe(true);
  });

  // concept-context.txt: a general question or a report question reads as one, a denied sign is no sign.
  test.each([
    ['a general question', ' what are the signs of being chained ', 'generalQuestion', true],
    ['a question about reporting', ' my neighbor is chained where do i report it ', 'generalQuestion', true],
    ['a relative', ' my sister is chained ', 'personal', true],
    ['no one close', ' the dog is chained ', 'personal', false],
  ] as const)('%s', (_name, text, field, expected) => {
    expect(scoreConcepts(text, text.trim().split(' '))[field]).toBe(expected);
  });

  test('a denied sign is not a sign', () => {
    expect(scoreConcepts(' we are chained ', ['we', 'are', 'chained']).concepts).toContain('held');
    expect(scoreConcepts(' we are not chained ', ['we', 'are', 'not', 'chained']).concepts).not.toContain('held');
  });
});

function copyData(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reach-safety-'));
  cpSync(SAFETY_DATA_DIR, dir, { recursive: true });
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const full = path.join(dir, file);
  writeFileSync(full, change(readFileSync(full, 'utf8')));
}

/** The 1-based number of the line `marker` (a whole line) is on in a data file. */
function lineOf(file: string, marker: string): number {
  return dataFile(file).split('\n').indexOf(marker) + 1;
}

describe('a malformed data line names its file and line', () => {
  const LOCKED = '[en.locked danger phrase]';
  // name, file, the line the bad lines go after, the lines, which of them is bad, what the error says.
  const cases: readonly [string, string, string, string[], number, string][] = [
    ['an unbalanced bracket', 'rules.en.txt', LOCKED, ['(?:locked me'], 0, 'not a valid phrase'],
    ['two phrases on one line', 'rules.en.txt', LOCKED, ['locked me|held me'], 0, 'one phrase a line'],
    ['an unknown part', 'rules.en.txt', LOCKED, ['locked {NOBODY}'], 0, 'unknown part {NOBODY}'],
    ['a bad header', 'rules.en.txt', LOCKED, ['locked me', '[en.x dangerous phrase]'], 1, '"[en.x dangerous phrase]" is not a rule header'],
    ['a rule in the wrong file', 'rules.en.txt', LOCKED, ['locked me', '[es.x danger phrase]'], 1, 'rule es.x belongs in rules.es.txt'],
    ['a both rule with one list', 'rules.en.txt', LOCKED, ['locked me', '[en.x danger both]', 'locked'], 1, 'a both rule has two lists'],
    ['a bad part line', 'parts.txt', '[REL_EN]', ['son)'], 0, 'not a valid phrase'],
  ];
  test.each(cases)('%s', (_name, file, after, lines, bad, problem) => {
    const dir = copyData();
    try {
      edit(dir, file, (t) => t.replace(`${after}\n`, `${after}\n${lines.join('\n')}\n`));
      const line = lineOf(file, after) + 1 + bad;
      expect(() => loadSafetyRules(dir)).toThrow(
        expect.objectContaining({ code: ERROR_CODES.SAFETY_DATA, message: expect.stringContaining(`${file}:${line}: ${problem}`) }),
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('a rule missing from order.txt', () => {
    const dir = copyData();
    try {
      edit(dir, 'order.txt', (t) => t.replace('en.locked\n', ''));
      expect(() => loadSafetyRules(dir)).toThrow(/order\.txt: add en\.locked/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('an invalid idiom, a concept word or a context word not normalised', () => {
    const dir = copyData();
    try {
      edit(dir, 'idioms.txt', (t) => `${t}\\s(?:oops\n`);
      const idiomLine = readFileSync(path.join(dir, 'idioms.txt'), 'utf8').split('\n').length - 1;
      expect(() => loadIdioms(path.join(dir, 'idioms.txt'))).toThrow(new RegExp(`idioms\\.txt:${idiomLine}: not a valid idiom`));
      edit(dir, 'concepts.txt', (t) => t.replace('stems:\ngun\n', 'stems:\nGolpeó\n'));
      const at = lineOf('concepts.txt', 'gun');
      expect(() => loadConcepts(CONCEPT_NAMES, path.join(dir, 'concepts.txt'))).toThrow(new RegExp(`concepts\\.txt:${at}: "Golpeó": write words normalised`));
      edit(dir, 'concept-context.txt', (t) => t.replace('[negation words]\nnot\n', '[negation words]\nnot yet\n'));
      const neg = lineOf('concept-context.txt', '[negation words]') + 1;
      expect(() => loadLists(['negation', 'personal', 'relative', 'general-question', 'report-question'], path.join(dir, 'concept-context.txt'))).toThrow(new RegExp(`concept-context\\.txt:${neg}: "not yet": write words normalised`));
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
