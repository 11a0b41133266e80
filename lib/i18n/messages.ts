import fs from 'node:fs';
import path from 'node:path';
import { createTranslator, type AbstractIntlMessages } from 'use-intl/core';
import type { Locale } from './locales';

// Catalogs live in messages/<locale>/<namespace>.json, one file per part of the product, so
// each part owns its own file. Loaded once per process.
const cache = new Map<Locale, AbstractIntlMessages>();

export function loadMessages(locale: Locale): AbstractIntlMessages {
  const cached = cache.get(locale);
  if (cached) return cached;
  const dir = path.resolve(process.cwd(), 'messages', locale);
  const messages: AbstractIntlMessages = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    messages[file.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  }
  cache.set(locale, messages);
  return messages;
}

/** A translator usable anywhere on the server: pages, emails, LINE and Chatwork texts. */
export function translator(locale: Locale, namespace?: string) {
  return createTranslator({ locale, messages: loadMessages(locale), namespace: namespace as never });
}

export type Translator = (key: string, values?: Record<string, string | number | Date>) => string;

/** Same as translator() but loosely typed, for code that builds keys from data. */
export function t(locale: Locale, namespace?: string): Translator {
  return translator(locale, namespace) as unknown as Translator;
}
