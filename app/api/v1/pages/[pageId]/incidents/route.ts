import { createFromRequest, INCIDENT_FIELD_NAMES, parseIncidentRequest } from '@/lib/api/incident-requests';
import { changeOnce } from '@/lib/api/idempotency';
import { managementRoute, readBody } from '@/lib/api/route';
import { incidentView, maintenanceView } from '@/lib/api/views';

export const dynamic = 'force-dynamic';

/** Statuspage: POST /v1/pages/{page_id}/incidents — opens an incident, or schedules maintenance. */
export const POST = managementRoute<{ pageId: string }>(
  async ({ ctx, page, request }) => {
    const body = await readBody(request);
    const incident = parseIncidentRequest(body, 'create');
    return changeOnce(ctx, request, body, async (inTx) => {
      const created = await createFromRequest(inTx, page, incident);
      const view =
        created.kind === 'incident'
          ? await incidentView(inTx.db, page, created.id)
          : await maintenanceView(inTx.db, page, created.id);
      return { status: 201, json: view as unknown as Record<string, unknown> };
    });
  },
  { namespaces: ['maintenance'], fieldNames: INCIDENT_FIELD_NAMES },
);
