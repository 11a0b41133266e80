import type { ServiceErrorCode } from '../errors';
import type { Locale } from '../i18n/locales';
import { firstMessage } from '../i18n/first-message';
import { t } from '../i18n/messages';

// Error text for the console: an area's own catalog first ("<namespace>.errors.<key>"), then
// the shared admin catalog, then a sentence per error code. Never the raw key or exception.

export function serviceErrorText(
  locale: Locale,
  error: { code: ServiceErrorCode; messageKey: string },
  namespace?: string,
): string {
  const paths = [
    ...(namespace ? [`${namespace}.errors.${error.messageKey}`] : []),
    `admin.errors.${error.messageKey}`,
    `admin.errors.code.${error.code}`,
  ];
  return firstMessage(locale, paths) ?? t(locale, 'admin')('errors.code.unavailable');
}

export function fieldErrorText(locale: Locale, key: string, values: Record<string, number> = {}, namespace?: string): string {
  const paths = [...(namespace ? [`${namespace}.errors.${key}`] : []), `admin.fieldErrors.${key}`, `admin.errors.${key}`];
  return firstMessage(locale, paths, values) ?? t(locale, 'admin')('fieldErrors.invalid');
}
