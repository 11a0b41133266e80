import { resolvePage } from '../../pages/context';
import { ADMINS, requireRole, type ServiceContext } from '../context';
import { loadAssetVersions, loadBrandingRow } from './load';

/** What the branding form shows (admins only): the stored settings and which images exist. */
export async function getBrandingSettings({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx, ADMINS);
  const page = await resolvePage(ctx.db);
  const [row, assets] = await Promise.all([loadBrandingRow(ctx.db, page.id), loadAssetVersions(ctx.db, page.id)]);
  return {
    brandColor: row?.brandColor ?? null,
    supportUrl: row?.supportUrl ?? null,
    companyUrl: row?.companyUrl ?? null,
    footerText: row?.footerText ?? null,
    footerTextEn: row?.footerTextEn ?? null,
    showCredit: row?.showCredit ?? true,
    logo: assets.find((a) => a.kind === 'logo') ?? null,
    favicon: assets.find((a) => a.kind === 'favicon') ?? null,
  };
}
