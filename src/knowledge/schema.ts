import { z } from 'zod';

/** The categories a knowledge entry can belong to; the id prefix must match. */
export const CATEGORIES = ['about', 'signs', 'rights', 'help', 'safety', 'org'] as const;
export type Category = (typeof CATEGORIES)[number];

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Answers are read on phones: this is the most an answer may hold, as written in the file, and also as
 * shown (title and contact lines included), which kb:check measures with the real renderer.
 */
export const MAX_ANSWER_CHARS = 700;

const idPattern = /^(about|signs|rights|help|safety|org)\.[a-z0-9]+(?:-[a-z0-9]+)*$/;
const contactIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A calendar date written as YYYY-MM-DD (YAML may hand it over as a Date). */
const isoDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written as YYYY-MM-DD')
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      message: 'is not a real calendar date',
    }),
);

const text = z.string().trim().min(1, 'must not be empty');
const url = z.string().regex(/^https:\/\/[^\s<>"']+$/, 'must be a web address starting with https://');

export const localizedEntrySchema = z.strictObject({
  title: text.max(120, 'must be at most 120 characters'),
  questions: z.array(text).min(1, 'needs at least one question'),
  keywords: z.array(text).optional(),
  answer: text.max(MAX_ANSWER_CHARS, `must be at most ${MAX_ANSWER_CHARS} characters so it reads well on a phone`),
});

export const entrySchema = z.strictObject({
  id: z.string().regex(idPattern, 'must look like category.some-name (lowercase letters, digits and dashes)'),
  category: z.enum(CATEGORIES),
  reviewed: isoDate,
  sources: z.array(url).min(1, 'needs at least one official source'),
  related: z.array(z.string().regex(idPattern, 'must be an entry id like rights.t-visa')).default([]),
  en: localizedEntrySchema,
  es: localizedEntrySchema,
});

export type Entry = z.infer<typeof entrySchema>;
export type LocalizedEntry = z.infer<typeof localizedEntrySchema>;

const localizedText = z.strictObject({ en: text, es: text });

/** A help line, written once and referenced from answers as {{contact:id}}. */
export const contactSchema = z.strictObject({
  id: z.string().regex(contactIdPattern, 'must be lowercase letters, digits and dashes'),
  name: localizedText,
  call: z.string().regex(/^[0-9-]{3,20}$/, 'must be a phone number such as 1-888-373-7888').optional(),
  tty: z.string().regex(/^[0-9-]{3,20}$/, 'must be a phone number').optional(),
  text: z.string().regex(/^[0-9-]{3,20}$/, 'must be a number or short code to text').optional(),
  textKeyword: z.string().regex(/^[A-Z]{2,12}$/, 'must be one word in capital letters').optional(),
  web: url.optional(),
  hours: localizedText.optional(),
  note: localizedText.optional(),
  /** Shown on every line of this contact, short or full: what a reader must know before using it. */
  caution: localizedText.optional(),
  sources: z.array(url).default([]),
});

export const contactsFileSchema = z.strictObject({
  reviewed: isoDate,
  contacts: z.array(contactSchema).min(1, 'needs at least one contact'),
});

export type Contact = z.infer<typeof contactSchema>;
