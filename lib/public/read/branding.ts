import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { pageAssets, pageBranding, pages } from '../../../db/schema';
import type { Locale } from '../../i18n/locales';
import { localizedOptional } from '../../i18n/localized';

// The page's look as plain data for the public shell, the embed, the widget and emails.
// Images are addressed by version, so a new upload is never hidden by a cached old one.

export type PublicBranding = {
  brandColor: string | null;
  logo: { url: string; width: number; height: number } | null;
  faviconUrl: string;
  supportUrl: string | null;
  companyUrl: string | null;
  footerText: string | null;
  footerTextEn: string | null;
  showCredit: boolean;
};

export const DEFAULT_BRANDING: PublicBranding = {
  brandColor: null,
  logo: null,
  faviconUrl: '/favicon.ico',
  supportUrl: null,
  companyUrl: null,
  footerText: null,
  footerTextEn: null,
  showCredit: true,
};

/** The first page's branding; defaults when nothing is set (or there is no page yet). */
export async function loadPublicBranding(db: DbOrTx): Promise<PublicBranding> {
  const [page] = await db.select({ id: pages.id }).from(pages).orderBy(asc(pages.createdAt)).limit(1);
  if (!page) return DEFAULT_BRANDING;
  const [[row], assets] = await Promise.all([
    db.select().from(pageBranding).where(eq(pageBranding.pageId, page.id)),
    db
      .select({ kind: pageAssets.kind, version: pageAssets.version, width: pageAssets.width, height: pageAssets.height })
      .from(pageAssets)
      .where(eq(pageAssets.pageId, page.id)),
  ]);
  const logo = assets.find((a) => a.kind === 'logo');
  const favicon = assets.find((a) => a.kind === 'favicon');
  return {
    brandColor: row?.brandColor ?? null,
    logo: logo ? { url: `/brand/logo?v=${logo.version}`, width: logo.width, height: logo.height } : null,
    faviconUrl: favicon ? `/favicon.ico?v=${favicon.version}` : '/favicon.ico',
    supportUrl: row?.supportUrl ?? null,
    companyUrl: row?.companyUrl ?? null,
    footerText: row?.footerText ?? null,
    footerTextEn: row?.footerTextEn ?? null,
    showCredit: row?.showCredit ?? true,
  };
}

export function footerTextOf(branding: PublicBranding, locale: Locale): string | null {
  return localizedOptional(locale, branding.footerText, branding.footerTextEn);
}

/** The stored bytes of the first page's logo or favicon, or null. */
export async function loadBrandAsset(db: DbOrTx, kind: 'logo' | 'favicon') {
  const [page] = await db.select({ id: pages.id }).from(pages).orderBy(asc(pages.createdAt)).limit(1);
  if (!page) return null;
  const [row] = await db
    .select({ bytes: pageAssets.bytes, contentType: pageAssets.contentType, version: pageAssets.version })
    .from(pageAssets)
    .where(and(eq(pageAssets.pageId, page.id), eq(pageAssets.kind, kind)));
  return row ?? null;
}
