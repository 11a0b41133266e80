import type { ServiceErrorCode } from '../errors';
import type { Locale } from '../i18n/locales';
import { loadMessages, t } from '../i18n/messages';

// Error text for the console: an area's own catalog first ("<namespace>.errors.<key>"), then
// the shared admin catalog, then a sentence per error code. Never the raw key or exception.

function exists(locale: Locale, path: string): boolean {
  let node: unknown = loadMessages(locale);
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

function firstKnown(locale: Locale, paths: string[], values?: Record<string, string | number>): string | null {
  for (const path of paths) {
    if (!exists(locale, path)) continue;
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
