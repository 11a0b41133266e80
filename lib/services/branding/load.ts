import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { pageAssets, pageBranding } from '../../../db/schema';

export type BrandingRow = typeof pageBranding.$inferSelect;

export async function loadBrandingRow(db: DbOrTx, pageId: string): Promise<BrandingRow | null> {
  const [row] = await db.select().from(pageBranding).where(eq(pageBranding.pageId, pageId));
  return row ?? null;
}

export function brandingSnapshot(row: BrandingRow) {
  const { pageId: _page, updatedAt: _at, ...fields } = row;
  return fields;
}

/** Which images are uploaded, without their bytes. */
export async function loadAssetVersions(db: DbOrTx, pageId: string) {
  return db
    .select({
      kind: pageAssets.kind,
      version: pageAssets.version,
      contentType: pageAssets.contentType,
      width: pageAssets.width,
      height: pageAssets.height,
    })
    .from(pageAssets)
    .where(eq(pageAssets.pageId, pageId));
}
