import type { Locale } from './locales';
import { loadMessages, t } from './messages';

// The first catalogue sentence found among `paths` ("namespace.key.sub"), most specific first:
// error texts try an area's own catalogue, then a shared one, then a sentence per error code.

function messageAt(locale: Locale, path: string): string | null {
  let node: unknown = loadMessages(locale);
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : null;
}

// A sentence that needs a value the caller does not have (a "too_long" without its maximum) is
// skipped for the next, more general one rather than shown half-filled.
const needsMissingValue = (message: string, values: Record<string, string | number> = {}) =>
  [...message.matchAll(/\{(\w+)[,}]/g)].some(([, name]) => !(name in values));

export function firstMessage(locale: Locale, paths: string[], values?: Record<string, string | number>): string | null {
  for (const path of paths) {
    const message = messageAt(locale, path);
    if (message === null || needsMissingValue(message, values)) continue;
    const [namespace, ...rest] = path.split('.');
    return t(locale, namespace)(rest.join('.'), values);
  }
  return null;
}
