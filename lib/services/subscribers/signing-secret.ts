import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscribers } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { signingSecret, webhookSigningKey } from '../../notices/webhook-secret';
import { ADMINS, requireRole, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';

const input = z.object({ pageId: z.uuid(), id: z.uuid() });

/**
 * The current signing secret of a webhook subscriber, derived again (it is never stored). Only
 * the API's create answer (and its Idempotency-Key replay) shows it.
 */
export async function currentSigningSecret({ ctx, input: raw }: { ctx: ServiceContext; input: unknown }): Promise<string> {
  requireRole(ctx, ADMINS);
  const { pageId, id } = parseInput(input, raw);
  const [row] = await ctx.db
    .select({ salt: subscribers.signingSalt })
    .from(subscribers)
    .where(and(eq(subscribers.id, id), eq(subscribers.pageId, pageId), eq(subscribers.channel, 'webhook')));
  if (!row?.salt) throw new ServiceError('not_found', 'subscriber_not_found');
  return signingSecret(await webhookSigningKey(ctx.db), id, row.salt);
}
