import { MONITOR_FIELD_NAMES, monitorInputFromRequest, monitorRequest, monitorView } from '@/lib/api/monitors';
import { managementRoute, readBody } from '@/lib/api/route';
import { ServiceError } from '@/lib/errors';
import { deleteMonitor } from '@/lib/services/monitors/delete';
import { editMonitor, type EditMonitorInput } from '@/lib/services/monitors/edit';
import { getMonitor } from '@/lib/services/monitors/get';
import { parseInput } from '@/lib/services/parse-input';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; monitorId: string };
const options = { namespaces: ['monitors'], fieldNames: MONITOR_FIELD_NAMES };

export const GET = managementRoute<Params>(
  async ({ ctx, params }) => Response.json(monitorView(await getMonitor({ ctx, id: params.monitorId }))),
  options,
);

export const PATCH = managementRoute<Params>(async ({ ctx, request, params }) => {
  const { monitor } = parseInput(monitorRequest, await readBody(request));
  const existing = await getMonitor({ ctx, id: params.monitorId });
  const { unknown, type, ...changes } = monitorInputFromRequest(monitor, existing.settings);
  if (unknown.length)
    throw new ServiceError(
      'invalid',
      'invalid_input',
      Object.fromEntries(unknown.map((k) => [`monitor.${k}`, ['unknown_field']])),
    );
  if (type !== undefined && type !== existing.type) throw new ServiceError('invalid', 'invalid_input', { type: ['type_fixed'] });
  await editMonitor({ ctx, input: { id: params.monitorId, changes: changes as EditMonitorInput['changes'] } });
  return Response.json(monitorView(await getMonitor({ ctx, id: params.monitorId })));
}, options);

export const DELETE = managementRoute<Params>(async ({ ctx, params }) => {
  const existing = await getMonitor({ ctx, id: params.monitorId });
  await deleteMonitor({ ctx, input: { id: existing.id } });
  return Response.json(monitorView(existing));
}, options);
