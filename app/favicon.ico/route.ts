import { DEFAULT_FAVICON_ICO } from '@/lib/branding/default-icon';
import { imageResponse } from '@/lib/branding/image-response';
import { getDb } from '@/lib/db';
import { loadBrandAsset } from '@/lib/public/read/branding';

export const dynamic = 'force-dynamic';

const DEFAULT_ICON = { bytes: DEFAULT_FAVICON_ICO, contentType: 'image/x-icon', version: 'default-1' };

/** The uploaded favicon, or the default icon (also while the database cannot be read). */
export async function GET(request: Request) {
  const uploaded = await getDb()
    .then((db) => loadBrandAsset(db, 'favicon'))
    .catch(() => null);
  return imageResponse(request, uploaded ?? DEFAULT_ICON);
}
