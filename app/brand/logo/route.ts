import { imageResponse, noImageResponse } from '@/lib/branding/image-response';
import { getDb } from '@/lib/db';
import { loadBrandAsset } from '@/lib/public/read/branding';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const logo = await loadBrandAsset(await getDb(), 'logo');
  return logo ? imageResponse(request, logo) : noImageResponse();
}
