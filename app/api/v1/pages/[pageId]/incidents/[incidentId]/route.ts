import { INCIDENT_FIELD_NAMES, parseIncidentRequest, updateFromRequest } from '@/lib/api/incident-requests';
import { managementRoute, readBody } from '@/lib/api/route';
import { incidentView, maintenanceView } from '@/lib/api/views';
import { ServiceError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; incidentId: string };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Statuspage: PATCH /v1/pages/{page_id}/incidents/{incident_id} — posts an update, resolves, or corrects. */
export const PATCH = managementRoute<Params>(
  async ({ ctx, page, request, params }) => {
    const { incident } = { incident: parseIncidentRequest(await readBody(request), 'update') };
    const updated = await updateFromRequest(ctx, page, params.incidentId, incident);
    return Response.json(
      updated.kind === 'incident' ? await incidentView(ctx.db, page, params.incidentId) : await maintenanceView(ctx.db, page, params.incidentId),
    );
  },
  { namespaces: ['maintenance'], fieldNames: INCIDENT_FIELD_NAMES },
);

export const GET = managementRoute<Params>(async ({ ctx, page, params }) => {
  if (!UUID.test(params.incidentId)) throw new ServiceError('not_found', 'incident_not_found');
  return Response.json(await incidentView(ctx.db, page, params.incidentId));
});
