import { managementRoute } from '@/lib/api/route';
import { SUBSCRIBER_FIELD_NAMES, subscriberIdOf } from '@/lib/api/subscribers';
import { rotateSigningSecret } from '@/lib/services/subscribers/rotate-signing-secret';

export const dynamic = 'force-dynamic';

type Params = { pageId: string; subscriberId: string };

/** Rotates a webhook subscriber's signing secret: the new one is in the answer, the old one stops now. */
export const POST = managementRoute<Params>(
  async ({ ctx, page, params }) => {
    const { signingSecret } = await rotateSigningSecret({ ctx, input: { pageId: page.id, id: subscriberIdOf(params) } });
    return Response.json({ id: subscriberIdOf(params), signing_secret: signingSecret });
  },
  { namespaces: ['webhooks'], fieldNames: SUBSCRIBER_FIELD_NAMES },
);
