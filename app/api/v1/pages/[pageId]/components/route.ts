import { managementRoute } from '@/lib/api/route';
import { componentViews } from '@/lib/api/views';

export const dynamic = 'force-dynamic';

/** Statuspage: GET /v1/pages/{page_id}/components — ids to use in incident requests. */
export const GET = managementRoute<{ pageId: string }>(async ({ ctx, page }) =>
  Response.json(await componentViews(ctx.db, page)),
);
