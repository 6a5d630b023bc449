import type { Translate } from '../i18n';
import type { Contact, Entry, Locale } from './schema';

/** One contact as a line of markdown: its name in bold, then how to reach it, in the reader's language. */
export function renderContact(contact: Contact, locale: Locale, t: Translate): string {
  const ways: string[] = [];
  if (contact.call) ways.push(t('contact.call', { number: contact.call }));
  if (contact.text) {
    ways.push(
      contact.textKeyword
        ? t('contact.textKeyword', { keyword: contact.textKeyword, number: contact.text })
        : t('contact.text', { number: contact.text }),
    );
  }
  if (contact.tty) ways.push(t('contact.tty', { number: contact.tty }));
  if (contact.web) ways.push(t('contact.web', { url: contact.web }));
  const hours = contact.hours ? ` (${contact.hours[locale]})` : '';
  const note = contact.note ? ` ${contact.note[locale]}` : '';
  return `**${contact.name[locale]}**: ${ways.join(' · ')}${hours}.${note}`;
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
    .replace(/\{\{\s*contact:([a-z0-9-]+)\s*\}\}/g, (whole, id: string) => {
      const contact = contacts.get(id);
      return contact ? `\n${renderContact(contact, locale, t)}` : whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
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
