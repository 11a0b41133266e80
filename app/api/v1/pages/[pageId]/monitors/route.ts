import { MONITOR_FIELD_NAMES, monitorInputFromRequest, monitorRequest, monitorView } from '@/lib/api/monitors';
import { managementRoute, readBody } from '@/lib/api/route';
import { ServiceError } from '@/lib/errors';
import { createMonitor, type CreateMonitorInput } from '@/lib/services/monitors/create';
import { listMonitors } from '@/lib/services/monitors/list';
import { parseInput } from '@/lib/services/parse-input';

export const dynamic = 'force-dynamic';

export const GET = managementRoute<{ pageId: string }>(
  async ({ ctx }) => Response.json((await listMonitors({ ctx, recentHours: 0 })).map(monitorView)),
  {
    namespaces: ['monitors'],
  },
);

/** Creates a monitor; a push monitor's answer carries its secret `push_url`. */
export const POST = managementRoute<{ pageId: string }>(
  async ({ ctx, request }) => {
    const { monitor } = parseInput(monitorRequest, await readBody(request));
    const { unknown, ...input } = monitorInputFromRequest(monitor);
    if (unknown.length)
      throw new ServiceError(
        'invalid',
        'invalid_input',
        Object.fromEntries(unknown.map((k) => [`monitor.${k}`, ['unknown_field']])),
      );
    const { id } = await createMonitor({ ctx, input: input as CreateMonitorInput });
    const [created] = await listMonitors({ ctx, ids: [id], recentHours: 0 });
    return Response.json(monitorView(created), { status: 201 });
  },
  { namespaces: ['monitors'], fieldNames: MONITOR_FIELD_NAMES },
);
