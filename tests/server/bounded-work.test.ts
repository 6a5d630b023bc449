import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { normalize } from '../../src/text/normalize';
import { isMessage, newConversation, trace } from '../helpers/bot';
import { ROOT } from '../helpers/fixtures';
import { LIMIT, worstMessages, type WorstCost } from './worst-messages';

/**
 * Bounded work per message (issue 20). One message within the 2,000-character limit used to cost up to
 * a second of blocked server: Unicode compatibility forms expand after the limit is checked (U+FDFA
 * repeated cost about 40 times an ordinary message). Cost is only ever a ratio to an ordinary
 * 2,000-character message measured in the same process (see worst-messages.ts), never a time.
 */
const MAX_RATIO = 5;

describe('no message within the length limit costs much more than an ordinary one', () => {
  test('the cases are the worst kinds: long expanders from a scan of every code point, combining runs, long words', () => {
    const cases = worstMessages();
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) expect(c.text.length).toBeLessThanOrEqual(LIMIT);
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^U\+FDFA repeated \(folds to 18×\)/)]));
  });

  test('none costs more than 5× an ordinary 2,000-character message', async () => {
    const script = path.join(__dirname, 'measure-worst.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, timeout: 110_000 });
    const { ratios } = JSON.parse(stdout) as WorstCost;
    expect(ratios.length).toBe(worstMessages().length);
    // The names of the cases over the bound are in the failure message, so a regression says what got slow.
    expect(ratios.filter((r) => r.ratio > MAX_RATIO)).toEqual([]);
  }, 120_000);
});

describe('danger named early in a long message still escalates', () => {
  test('a danger sentence then 1,900 × U+FDFA gets the danger handoff, with the real bot', async () => {
    const adapter = await newConversation();
    const text = 'He locked me in and took my phone. ' + '\uFDFA'.repeat(1900);
    expect(normalize(text).tokens.length).toBeLessThanOrEqual(600);
    await adapter
      .send(text)
      .assertReply((a) => {
        expect(isMessage(a)).toBe(true);
        expect(trace(a)).toMatchObject({ kind: 'handoff', reason: 'danger', locale: 'en' });
        expect(a.text).toMatch(/^If you are in danger right now, call 911\./);
      })
      .assertReply((a) => expect(a.name).toBe('handoff.initiate'));
  });
});
