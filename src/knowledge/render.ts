import type { Translate } from '../i18n';
import type { Contact, Entry, Locale } from './schema';

/**
 * `{{contact:id}}` puts the contact's short line in an answer; `{{contact:id full}}` its whole card (hours
 * and note too), for the entry that is about that contact. Anything else inside `{{ }}` is an error.
 */
export const CONTACT_PLACEHOLDER = /\{\{\s*contact:([a-z0-9-]+)(?:\s+(full))?\s*\}\}/g;

/** How much of a contact a line shows. */
export type ContactForm = 'short' | 'full';

/**
 * One contact as a line of markdown: its name in bold, then how to reach it, in the reader's language.
 * The short line gives the numbers to call or text (and the web address of a contact that cannot be
 * texted) and the contact's caution; the full card adds TTY, web, hours and note.
 */
export function renderContact(contact: Contact, locale: Locale, t: Translate, form: ContactForm = 'full'): string {
  const ways: string[] = [];
  if (contact.call) ways.push(t('contact.call', { number: contact.call }));
  if (contact.text) {
    ways.push(
      contact.textKeyword
        ? t('contact.textKeyword', { keyword: contact.textKeyword, number: contact.text })
        : t('contact.text', { number: contact.text }),
    );
  }
  const caution = contact.caution ? ` ${contact.caution[locale]}` : '';
  if (form === 'short') {
    // A contact that cannot be texted is often reached on the web (the CyberTipline): keep its address.
    if (!contact.text && contact.web) ways.push(t('contact.web', { url: contact.web }));
    return `**${contact.name[locale]}**: ${ways.join(' · ')}${caution ? `.${caution}` : ''}`;
  }
  if (contact.tty) ways.push(t('contact.tty', { number: contact.tty }));
  if (contact.web) ways.push(t('contact.web', { url: contact.web }));
  const hours = contact.hours ? ` (${contact.hours[locale]})` : '';
  const note = contact.note ? ` ${contact.note[locale]}` : '';
  return `**${contact.name[locale]}**: ${ways.join(' · ')}${hours}.${caution}${note}`;
}

/**
 * Contact lines already written, per translator and contacts map: i18next takes a few hundred microseconds
 * a line, and kb:check renders every answer of a statewide folder at start-up. A reload brings a new
 * contacts map, so nothing stale is reused.
 */
const lineCache = new WeakMap<Translate, WeakMap<ReadonlyMap<string, Contact>, Map<string, string>>>();

function contactLine(contacts: ReadonlyMap<string, Contact>, id: string, locale: Locale, t: Translate, form: ContactForm) {
  let byContacts = lineCache.get(t);
  if (!byContacts) lineCache.set(t, (byContacts = new WeakMap()));
  let lines = byContacts.get(contacts);
  if (!lines) byContacts.set(contacts, (lines = new Map()));
  const key = `${id} ${locale} ${form}`;
  let line = lines.get(key);
  if (line === undefined) {
    const contact = contacts.get(id);
    if (!contact) return undefined;
    line = renderContact(contact, locale, t, form);
    lines.set(key, line);
  }
  return line;
}

/** An entry's answer with every {{contact:id}} replaced by that contact's line. */
export function renderAnswer(
  entry: Entry,
  locale: Locale,
  contacts: ReadonlyMap<string, Contact>,
  t: Translate,
): string {
  return entry[locale].answer
    .trim()
    .replace(CONTACT_PLACEHOLDER, (whole, id: string, full: string | undefined) => {
      const line = contactLine(contacts, id, locale, t, full ? 'full' : 'short');
      return line === undefined ? whole : `\n${line}`;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** The whole answer as the website shows it: the title in bold, then the answer with its contacts. */
export function renderEntry(entry: Entry, locale: Locale, contacts: ReadonlyMap<string, Contact>, t: Translate): string {
  return `**${entry[locale].title}**\n\n${renderAnswer(entry, locale, contacts, t)}`;
}

/** The numbers every safety message interpolates, taken from contacts.yaml (never written twice). */
// A type alias, not an interface: i18next's typed options need an index-compatible object.
export type HotlineValues = {
  emergency: string;
  call: string;
  text: string;
  web: string;
  lifeline: string;
  /** The National Domestic Violence Hotline, for danger from a partner. */
  dvCall: string;
  dvText: string;
  dvKeyword: string;
};

export function hotlineValues(contacts: ReadonlyMap<string, Contact>): HotlineValues {
  const nhth = contacts.get('nhth');
  return {
    emergency: contacts.get('emergency')?.call ?? '',
    call: nhth?.call ?? '',
    text: nhth?.text ?? '',
    web: nhth?.web?.replace(/^https:\/\//, '') ?? '',
    lifeline: contacts.get('lifeline')?.call ?? '',
    dvCall: contacts.get('ndvh')?.call ?? '',
    dvText: contacts.get('ndvh')?.text ?? '',
    dvKeyword: contacts.get('ndvh')?.textKeyword ?? '',
  };
}
