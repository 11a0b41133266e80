import { managementRoute } from '@/lib/api/route';
import { SUBSCRIBER_FIELD_NAMES, subscriberIdOf, subscriberView } from '@/lib/api/subscribers';
import { subscribersForApi } from '@/lib/services/subscribers/for-api';
import { unsubscribeByAdmin } from '@/lib/services/subscribers/unsubscribe-by-admin';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; subscriberId: string };
const options = { namespaces: ['webhooks'], fieldNames: SUBSCRIBER_FIELD_NAMES };

export const GET = managementRoute<Params>(async ({ ctx, page, params }) => {
  const [found] = await subscribersForApi({ ctx, input: { pageId: page.id, id: subscriberIdOf(params) } });
  return Response.json(subscriberView(found));
}, options);

/** Unsubscribes (Statuspage's DELETE): nothing more is sent; the answer is the subscriber as it now is. */
export const DELETE = managementRoute<Params>(async ({ ctx, page, params }) => {
  await unsubscribeByAdmin({ ctx, input: { pageId: page.id, id: subscriberIdOf(params) } });
  const [left] = await subscribersForApi({ ctx, input: { pageId: page.id, id: subscriberIdOf(params) } });
  return Response.json(subscriberView(left));
}, options);
