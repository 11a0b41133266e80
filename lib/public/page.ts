import { asc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pages } from '../../db/schema';
import { ServiceError } from '../errors';
import type { Locale } from '../i18n/locales';

export type PageRow = typeof pages.$inferSelect;

/** Today one page per installation; the model keeps room for more. */
export async function getPrimaryPage(db: DbOrTx): Promise<PageRow> {
  const [page] = await db.select().from(pages).orderBy(asc(pages.createdAt)).limit(1);
  if (!page) throw new ServiceError('not_found', 'page_not_found');
  return page;
}

/** Picks the English text when the visitor reads English and one exists. */
export function localized(locale: Locale, ja: string, en: string | null | undefined): string {
  return locale === 'en' && en ? en : ja;
}

export function localizedOptional(locale: Locale, ja: string | null | undefined, en: string | null | undefined): string | null {
  return locale === 'en' && en ? en : (ja ?? null);
}
