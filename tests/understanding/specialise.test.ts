import path from 'node:path';
import { DATA_DIR } from '../../src/text/phrases';
import { parseSpecialisations, readSpecialisations, specialisedIn } from '../../src/understanding/specialise';
import { realKnowledge } from '../helpers/bot';

const FILE = path.join(DATA_DIR, 'understanding', 'specialised.txt');

describe('general entries answered by a specific one in a conversation (data/understanding/specialised.txt)', () => {
  test('a line names the general entry, the specific one and the conversation topics that call for it', () => {
    const [rule] = parseSpecialisations(['help.report-tip help.child-exploitation: signs.online-grooming help.child-exploitation']);
    expect(rule).toEqual({
      general: 'help.report-tip',
      specific: 'help.child-exploitation',
      contexts: new Set(['signs.online-grooming', 'help.child-exploitation']),
    });
  });
  test.each([['help.report-tip help.child-exploitation'], ['help.report-tip: signs.online-grooming'], ['help.report-tip help.report-tip: signs.sex']])(
    'a malformed line stops the start with the file and the line: %j',
    (line) => {
      expect(() => parseSpecialisations([line], 'specialised.txt')).toThrow(/specialised\.txt: ".+"/);
    },
  );
  test('only a conversation about a context topic specialises; the first rule for an entry wins', () => {
    const table = parseSpecialisations([
      'signs.general signs.sex: signs.sex about.sex-trafficking',
      'signs.general signs.labor: signs.labor signs.sex',
      'rights.general rights.workers: signs.labor',
    ]);
    expect([...specialisedIn(['about.sex-trafficking'], table)]).toEqual([['signs.general', 'signs.sex']]);
    expect([...specialisedIn(['signs.sex'], table)]).toEqual([['signs.general', 'signs.sex']]);
    expect([...specialisedIn(['signs.labor'], table)]).toEqual([
      ['signs.general', 'signs.labor'],
      ['rights.general', 'rights.workers'],
    ]);
    // The story told before a handoff counts as much as the previous topic.
    expect([...specialisedIn(['help.emergency', 'signs.labor'], table)].length).toBe(2);
    expect(specialisedIn(['rights.t-visa', undefined], table).size).toBe(0);
  });
  test('every topic id in the file is an entry of the knowledge base, and no rule is a no-op', async () => {
    const ids = new Set((await realKnowledge()).current().index.entries.map((e) => e.id));
    const table = readSpecialisations(FILE);
    expect(table.length).toBeGreaterThan(0);
    for (const s of table) {
      expect([s.general, s.specific, ...s.contexts].filter((id) => !ids.has(id))).toEqual([]);
    }
  });
});
