import { changeOnce } from '@/lib/api/idempotency';
import { managementRoute, readBody } from '@/lib/api/route';
import { SUBSCRIBER_FIELD_NAMES, subscriberCreateFromRequest, subscriberRequest, subscriberView } from '@/lib/api/subscribers';
import { parseInput } from '@/lib/services/parse-input';
import { addEmailSubscriber } from '@/lib/services/subscribers/add-email';
import { addWebhookSubscriber } from '@/lib/services/subscribers/add-webhook';
import { subscribersForApi } from '@/lib/services/subscribers/for-api';
import { currentSigningSecret } from '@/lib/services/subscribers/signing-secret';

export const dynamic = 'force-dynamic';

const options = { namespaces: ['webhooks'], fieldNames: SUBSCRIBER_FIELD_NAMES };
const PER_PAGE_MAX = 100;

/** `?page=1&per_page=100&mode=webhook`, as Statuspage pages its list. */
export const GET = managementRoute<{ pageId: string }>(async ({ ctx, page, request }) => {
  const query = new URL(request.url).searchParams;
  const perPage = Math.min(PER_PAGE_MAX, Math.max(1, Number(query.get('per_page')) || PER_PAGE_MAX));
  const pageNumber = Math.max(1, Number(query.get('page')) || 1);
  const rows = await subscribersForApi({
    ctx,
    input: { pageId: page.id, channel: query.get('mode') ?? undefined, limit: perPage, offset: (pageNumber - 1) * perPage },
  });
  return Response.json(rows.map(subscriberView));
}, options);

/** Creates a webhook or email subscriber; a webhook's answer carries its `signing_secret`, shown only here. */
export const POST = managementRoute<{ pageId: string }>(async ({ ctx, page, request, locale }) => {
  const body = await readBody(request);
  const { subscriber } = parseInput(subscriberRequest, body);
  const create = subscriberCreateFromRequest(subscriber, page.id, locale);
  return changeOnce(
    ctx,
    request,
    body,
    async (inTx) => {
      const id =
        create.kind === 'webhook'
          ? (await addWebhookSubscriber({ ctx: inTx, input: create.input })).subscriber.id
          : (await addEmailSubscriber({ ctx: inTx, input: create.input })).id;
      const [created] = await subscribersForApi({ ctx: inTx, input: { pageId: page.id, id } });
      return { status: 201, json: subscriberView(created) };
    },
    async (json) =>
      json.mode === 'webhook'
        ? { ...json, signing_secret: await currentSigningSecret({ ctx, input: { pageId: page.id, id: json.id } }) }
        : json,
  );
}, options);
