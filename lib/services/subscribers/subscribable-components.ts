import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { componentGroups, components } from '../../../db/schema';
import type { Locale } from '../../i18n/locales';
import { resolvePage } from '../../pages/context';
import { localized } from '../../i18n/localized';

export interface SubscribableGroup {
  /** Null for components outside any group. */
  name: string | null;
  components: { id: string; name: string }[];
}

/** The components a visitor can choose on the subscribe and manage pages, grouped as on the status page. */
export async function listSubscribableComponents(
  db: DbOrTx,
  locale: Locale,
): Promise<{ pageName: string; groups: SubscribableGroup[] }> {
  const page = await resolvePage(db);
  const rows = await db
    .select({
      id: components.id,
      name: components.name,
      nameEn: components.nameEn,
      groupId: components.groupId,
      groupName: componentGroups.name,
      groupNameEn: componentGroups.nameEn,
    })
    .from(components)
    .leftJoin(componentGroups, eq(componentGroups.id, components.groupId))
    .where(and(eq(components.pageId, page.id), isNull(components.deletedAt)))
    .orderBy(asc(componentGroups.position), asc(components.position), asc(components.name));
  const groups = new Map<string, SubscribableGroup>();
  for (const row of rows) {
    const key = row.groupId ?? '';
    if (!groups.has(key))
      groups.set(key, { name: row.groupName ? localized(locale, row.groupName, row.groupNameEn) : null, components: [] });
    groups.get(key)!.components.push({ id: row.id, name: localized(locale, row.name, row.nameEn) });
  }
  return { pageName: localized(locale, page.name, page.nameEn), groups: [...groups.values()] };
}
