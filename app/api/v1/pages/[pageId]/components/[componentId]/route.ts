import { z } from 'zod';
import { changeOnce } from '@/lib/api/idempotency';
import { managementRoute, readBody, refuseUnknownFields } from '@/lib/api/route';
import { componentView } from '@/lib/api/views';
import { ServiceError } from '@/lib/errors';
import { setComponentStatus, type SetComponentStatusInput } from '@/lib/services/components/set-status';
import { parseInput } from '@/lib/services/parse-input';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; componentId: string };
const componentRequest = z.object({ component: z.object({ status: z.string() }, { error: 'component_wrapper' }) });

/** Statuspage: PATCH /v1/pages/{page_id}/components/{component_id} with `{ "component": { "status" } }`. */
export const PATCH = managementRoute<Params>(
  async ({ ctx, page, request, params }) => {
    const body = await readBody(request);
    refuseUnknownFields(body, 'component', ['status']);
    const { component } = parseInput(componentRequest, body);
    if (!z.uuid().safeParse(params.componentId).success) throw new ServiceError('not_found', 'component_not_found');
    return changeOnce(ctx, request, body, async (inTx) => {
      await setComponentStatus({
        ctx: inTx,
        input: { id: params.componentId, status: component.status as SetComponentStatusInput['status'] },
      });
      return {
        status: 200,
        json: (await componentView(inTx.db, page, params.componentId)) as unknown as Record<string, unknown>,
      };
    });
  },
  { fieldNames: { status: 'component.status', component: 'component' } },
);

export const GET = managementRoute<Params>(async ({ ctx, page, params }) => {
  if (!z.uuid().safeParse(params.componentId).success) throw new ServiceError('not_found', 'component_not_found');
  return Response.json(await componentView(ctx.db, page, params.componentId));
});
