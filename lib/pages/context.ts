import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pages } from '../../db/schema';
import { ServiceError } from '../errors';

export type PageRow = typeof pages.$inferSelect;

/**
 * Which page a request, job or service call is about. An install serves one page today (the
 * oldest); a selector with a page id is how the console's page switcher and host routing will
 * name another one, so every reader asks here rather than picking a page itself.
 */
export type PageSelector = { pageId?: string };

export async function resolvePage(db: DbOrTx, selector: PageSelector = {}): Promise<PageRow> {
  const query = db.select().from(pages);
  const [page] = selector.pageId
    ? await query.where(eq(pages.id, selector.pageId)).limit(1)
    : await query.orderBy(asc(pages.createdAt)).limit(1);
  if (!page) throw new ServiceError('not_found', 'page_not_found');
  return page;
}
