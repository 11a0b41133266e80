import type { Locale } from './locales';

/** Picks the English text when the visitor reads English and one exists. */
export function localized(locale: Locale, ja: string, en: string | null | undefined): string {
  return locale === 'en' && en ? en : ja;
}

export function localizedOptional(locale: Locale, ja: string | null | undefined, en: string | null | undefined): string | null {
  return locale === 'en' && en ? en : (ja ?? null);
}
