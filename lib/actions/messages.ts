import type { ServiceErrorCode } from '../errors';
import type { Locale } from '../i18n/locales';
import { loadMessages, t } from '../i18n/messages';

// Error text for the console: an area's own catalog first ("<namespace>.errors.<key>"), then
// the shared admin catalog, then a sentence per error code. Never the raw key or exception.

function messageAt(locale: Locale, path: string): string | null {
  let node: unknown = loadMessages(locale);
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : null;
}

// A key whose sentence needs a value the caller does not have (a service's "too_long" without
// its maximum) is skipped for the next, more general sentence rather than shown half-filled.
const needsMissingValue = (message: string, values: Record<string, string | number> = {}) =>
  [...message.matchAll(/\{(\w+)[,}]/g)].some(([, name]) => !(name in values));

function firstKnown(locale: Locale, paths: string[], values?: Record<string, string | number>): string | null {
  for (const path of paths) {
    const message = messageAt(locale, path);
    if (message === null || needsMissingValue(message, values)) continue;
    const [namespace, ...rest] = path.split('.');
    return t(locale, namespace)(rest.join('.'), values);
  }
  return null;
}

export function serviceErrorText(locale: Locale, error: { code: ServiceErrorCode; messageKey: string }, namespace?: string): string {
  const paths = [...(namespace ? [`${namespace}.errors.${error.messageKey}`] : []), `admin.errors.${error.messageKey}`, `admin.errors.code.${error.code}`];
  return firstKnown(locale, paths) ?? t(locale, 'admin')('errors.code.unavailable');
}

export function fieldErrorText(locale: Locale, key: string, values: Record<string, number> = {}, namespace?: string): string {
  const paths = [...(namespace ? [`${namespace}.errors.${key}`] : []), `admin.fieldErrors.${key}`, `admin.errors.${key}`];
  return firstKnown(locale, paths, values) ?? t(locale, 'admin')('fieldErrors.invalid');
}
