import { createFromRequest, INCIDENT_FIELD_NAMES, incidentRequest } from '@/lib/api/incident-requests';
import { managementRoute, readBody } from '@/lib/api/route';
import { incidentView, maintenanceView } from '@/lib/api/views';
import { parseInput } from '@/lib/services/parse-input';

export const dynamic = 'force-dynamic';

/** Statuspage: POST /v1/pages/{page_id}/incidents — opens an incident, or schedules maintenance. */
export const POST = managementRoute<{ pageId: string }>(
  async ({ ctx, page, request }) => {
    const { incident } = parseInput(incidentRequest, await readBody(request));
    const created = await createFromRequest(ctx, page, incident);
    const view = created.kind === 'incident' ? await incidentView(ctx.db, page, created.id) : await maintenanceView(ctx.db, page, created.id);
    return Response.json(view, { status: 201 });
  },
  { namespaces: ['maintenance'], fieldNames: INCIDENT_FIELD_NAMES },
);
