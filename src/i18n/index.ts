import i18next, { type TFunction } from 'i18next';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import type { Locale } from '../knowledge/schema';

export const resources = { en: { translation: en }, es: { translation: es } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: (typeof resources)['en'];
  }
}

export type Translate = TFunction<'translation'>;

/**
 * A fresh i18next instance with both languages loaded synchronously. Interpolated values are contact
 * numbers and URLs from contacts.yaml, never user text, and replies are markdown, not HTML: no escaping.
 */
export function createI18n(): { t(locale: Locale): Translate } {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  const fixed = { en: instance.getFixedT('en'), es: instance.getFixedT('es') };
  return { t: (locale: Locale) => fixed[locale] };
}
