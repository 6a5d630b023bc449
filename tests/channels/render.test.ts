import type { Reply } from '../../src/bot/replies';
import { numberedChoices, pickedNumber, pickFromMenu } from '../../src/channels/choices';
import { phoneFriendly } from '../../src/channels/phones';
import { toPlainText } from '../../src/channels/plain';
import { PROFILES, profileFor, SMS_LIMIT } from '../../src/channels/profiles';
import { toActivities } from '../../src/channels/render';
import { splitText } from '../../src/channels/split';
import { createI18n } from '../../src/i18n';

const i18n = createI18n();
const words = (s: string) => s.split(/\s+/).filter(Boolean);

describe('plain text for channels without markdown', () => {
  test.each([
    ['**Bold title**\n\nText', 'Bold title\n\nText'],
    ['* one\n+ two\n1. three\n2) four', '- one\n- two\n- three\n- four'],
    [
      'See [the hotline](https://humantraffickinghotline.org) now',
      'See the hotline: https://humantraffickinghotline.org now',
    ],
    ['[https://example.org](https://example.org)', 'https://example.org'],
    ['Call [911](tel:911).', 'Call 911.'],
    ['# Heading\n> quoted', 'Heading\nquoted'],
    ['an *important* word and `code` and ~~old~~', 'an important word and code and old'],
    ['a_snake_case_word and https://x.org/a_b_c stay', 'a_snake_case_word and https://x.org/a_b_c stay'],
  ])('%j', (markdown, plain) => {
    expect(toPlainText(markdown)).toBe(plain);
  });
});

describe('numbers and addresses phones can tap', () => {
  test.each([
    ['call (888) 373-7888', 'call 1-888-373-7888'],
    ['call +1 888.373.7888 now', 'call 1-888-373-7888 now'],
    ['call\u00A0911', 'call 911'],
    ['chat at humantraffickinghotline.org.', 'chat at https://humantraffickinghotline.org.'],
    ['already https://report.cybertip.org', 'already https://report.cybertip.org'],
    [
      'EE. UU. and e.g. stay, mail info@example.org stays',
      'EE. UU. and e.g. stay, mail info@example.org stays',
    ],
    ['on 2026-11-28 text 233733', 'on 2026-11-28 text 233733'],
  ])('plain: %j', (input, output) => {
    expect(phoneFriendly(input)).toBe(output);
  });
});

describe('numbered choices', () => {
  const choices = [
    { topic: 'a', title: 'First' },
    { topic: 'b', title: 'Second' },
    { topic: 'c', title: 'Third' },
  ];

  test.each([
    ['en', 'Reply 1, 2 or 3.'],
    ['es', 'Responda 1, 2 o 3.'],
  ] as const)('in %s they end with %j', (locale, prompt) => {
    expect(numberedChoices(choices, i18n.t(locale))).toBe(`1. First\n2. Second\n3. Third\n${prompt}`);
  });

  test.each([
    ['2', 2],
    ['2.', 2],
    ['#2', 2],
    [' 2 ', 2],
    ['dos', 2],
    ['Dos!', 2],
    ['two', 2],
    ['opción 2', 2],
    ['el dos', 2],
    ['number 3 please', 3],
    ['uno', 1],
    ['tres', 3],
    ['seis', 6],
    ['911', null],
    ['22', null],
    ['0', null],
    ['2 visas', null],
    ['tengo 2 hijos', null],
    ['', null],
    ['what', null],
  ])('%j picks %p', (text, n) => {
    expect(pickedNumber(text)).toBe(n);
  });

  test('a pick beyond the last menu, or with no menu, picks nothing', () => {
    expect(pickFromMenu('2', ['a', 'b'])).toBe('b');
    expect(pickFromMenu('3', ['a', 'b'])).toBeUndefined();
    expect(pickFromMenu('1', undefined)).toBeUndefined();
  });
});

describe('splitting long replies', () => {
  // About 3,000 characters of sentences that are not all the same length.
  const long = Array.from(
    { length: 42 },
    (_, i) => `Sentence ${i + 1} says ${'something useful '.repeat((i % 4) + 1).trim()} about rights.`,
  ).join(' ');

  test('a 3,000-character text splits into ordered parts within the limit, at sentence ends, no word cut', () => {
    expect(long.length).toBeGreaterThan(3000);
    const parts = splitText(long, SMS_LIMIT);
    expect(parts.length).toBe(Math.ceil(long.length / SMS_LIMIT));
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(SMS_LIMIT);
      expect(part).toMatch(/^Sentence \d+ .*\.$/s);
    }
    expect(parts.flatMap(words)).toEqual(words(long));
  });

  test('"EE. UU." is not the end of a sentence', () => {
    const text = `${'a'.repeat(50)}. Vive en EE. UU. y trabaja.`;
    // Breaking after "EE." would fit the first part; it must not happen.
    expect(splitText(text, 65)).toEqual([`${'a'.repeat(50)}.`, 'Vive en EE. UU. y trabaja.']);
  });

  test('lines and paragraphs are break points too', () => {
    const text = `${'a'.repeat(30)}\n${'b'.repeat(30)}\n\n${'c'.repeat(30)}`;
    expect(splitText(text, 40)).toEqual(['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(30)]);
    expect(splitText(text, 70)).toEqual([`${'a'.repeat(30)}\n${'b'.repeat(30)}`, 'c'.repeat(30)]);
  });

  test('a sentence longer than the limit breaks between words', () => {
    const sentence = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const parts = splitText(sentence, 100);
    expect(parts.every((p) => p.length <= 100)).toBe(true);
    expect(parts.flatMap(words)).toEqual(words(sentence));
  });

  test('text that fits is left alone', () => {
    expect(splitText('Short.  Two  spaces.', 100)).toEqual(['Short.  Two  spaces.']);
  });
});

describe('rendering one reply per profile', () => {
  const reply: Reply = {
    text: '**Title**\n\nIn danger? Call 911.\n- one · two\n- “quoted”',
    choices: [
      { topic: 'x.one', title: 'One' },
      { topic: 'x.two', title: 'Two' },
    ],
    trace: { kind: 'answer', locale: 'en', topic: 'x.topic', confidence: 1 },
    important: true,
  };

  test.each(Object.keys(PROFILES).concat('someday-new-channel'))('%s', (channelId) => {
    const profile = profileFor(channelId);
    const activities = toActivities(reply, { profile, t: i18n.t('en'), userId: 'person' });
    expect(activities[0]?.importance).toBe('high');
    for (const a of activities) expect(a.channelData).toEqual({ reach: reply.trace });
    const text = activities.map((a) => a.text).join('\n');
    if (profile.markdown) {
      expect(text).toContain('**Title**');
      const buttons =
        profile.choices === 'card'
          ? activities.at(-1)?.attachments?.[0]?.content?.buttons
          : activities.at(-1)?.suggestedActions?.actions;
      expect(buttons?.map((b: { value: unknown }) => b.value)).toEqual([
        { topic: 'x.one' },
        { topic: 'x.two' },
      ]);
    } else {
      expect(text).not.toMatch(/\*\*|\[.*\]\(/);
      expect(text).toMatch(/1\. One\n2\. Two\nReply 1 or 2\.$/);
      expect(activities.at(-1)?.suggestedActions?.actions.map((a) => a.value) ?? []).toEqual(
        profile.numberButtons ? ['1', '2'] : [],
      );
    }
    if (profile.gsm) expect(text).toContain('- one, two\n- "quoted"');
  });

  test('an unknown or missing channel gets the plain profile', () => {
    expect(profileFor('kik').name).toBe('plain');
    expect(profileFor(undefined).name).toBe('plain');
    expect(profileFor('SMS').name).toBe('sms');
  });

  test('the WhatsApp channel ids of the Twilio and Infobip adapters are plain text with keywords', () => {
    for (const id of ['whatsapp', 'infobip-whatsapp']) {
      expect(profileFor(id)).toMatchObject({ markdown: false, choices: 'numbered', keywords: true });
    }
    expect(profileFor('whatsapp').maxLength).toBe(SMS_LIMIT);
  });
});
