import { INCIDENT_FIELD_NAMES, parseIncidentRequest, updateFromRequest } from '@/lib/api/incident-requests';
import { changeOnce } from '@/lib/api/idempotency';
import { managementRoute, readBody } from '@/lib/api/route';
import { incidentView, maintenanceView } from '@/lib/api/views';
import { ServiceError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; incidentId: string };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Statuspage: PATCH /v1/pages/{page_id}/incidents/{incident_id} — posts an update, resolves, or corrects. */
export const PATCH = managementRoute<Params>(
  async ({ ctx, page, request, params }) => {
    const body = await readBody(request);
    const incident = parseIncidentRequest(body, 'update');
    // A post and a correction are two services: one transaction, so a refused correction undoes the post.
    return changeOnce(ctx, request, body, async (inTx) => {
      const updated = await updateFromRequest(inTx, page, params.incidentId, incident);
      const view =
        updated.kind === 'incident'
          ? await incidentView(inTx.db, page, params.incidentId)
          : await maintenanceView(inTx.db, page, params.incidentId);
      return { status: 200, json: view as unknown as Record<string, unknown> };
    });
  },
  { namespaces: ['maintenance'], fieldNames: INCIDENT_FIELD_NAMES },
);

export const GET = managementRoute<Params>(async ({ ctx, page, params }) => {
  if (!UUID.test(params.incidentId)) throw new ServiceError('not_found', 'incident_not_found');
  return Response.json(await incidentView(ctx.db, page, params.incidentId));
});
