// Locale choice, shared by server and client code.
export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = 'shirase_locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'ja' || value === 'en';
}

/** An explicit choice (cookie or ?lang) wins, then the browser's Accept-Language, then the page default. */
export function resolveLocale(input: { explicit?: string | null; acceptLanguage?: string | null; fallback: Locale }): Locale {
  if (isLocale(input.explicit)) return input.explicit;
  for (const part of (input.acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag === '*' || tag === '') continue;
    const base = tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return input.fallback;
}
