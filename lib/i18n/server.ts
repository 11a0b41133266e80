import 'server-only';
import { cookies, headers } from 'next/headers';
import { env } from '../env';
import { LOCALE_COOKIE, resolveLocale, type Locale } from './locales';

/** The visitor's locale for this request: cookie, then Accept-Language, then the default. */
export async function requestLocale(): Promise<Locale> {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return resolveLocale({
    explicit: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerStore.get('accept-language'),
    fallback: env().DEFAULT_LOCALE,
  });
}
