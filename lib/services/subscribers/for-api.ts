import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { subscriberComponents, subscribers } from '../../../db/schema';
import { CHANNELS } from '../../domain/statuses';
import { ServiceError } from '../../errors';
import { ADMINS, requireRole, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import type { SubscriberRow } from './shared';

const input = z.object({
  pageId: z.uuid(),
  id: z.uuid().optional(),
  // An unknown mode is ignored, as other unknown query parameters are.
  channel: z.enum(CHANNELS).optional().catch(undefined),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});

export type ApiSubscriber = SubscriberRow & { componentIds: string[] };

/** A page's subscribers with their component ids, for the management API (admins: it shows addresses). */
export async function subscribersForApi({ ctx, input: raw }: { ctx: ServiceContext; input: unknown }): Promise<ApiSubscriber[]> {
  requireRole(ctx, ADMINS);
  const { pageId, id, channel, limit, offset } = parseInput(input, raw);
  const rows = await ctx.db
    .select()
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        id ? eq(subscribers.id, id) : undefined,
        channel ? eq(subscribers.channel, channel) : undefined,
      ),
    )
    .orderBy(asc(subscribers.createdAt), asc(subscribers.id))
    .limit(limit)
    .offset(offset);
  if (id && rows.length === 0) throw new ServiceError('not_found', 'subscriber_not_found');
  const chosen = rows.filter((r) => !r.allComponents).map((r) => r.id);
  const links = chosen.length
    ? await ctx.db.select().from(subscriberComponents).where(inArray(subscriberComponents.subscriberId, chosen))
    : [];
  return rows.map((row) => ({ ...row, componentIds: links.filter((l) => l.subscriberId === row.id).map((l) => l.componentId) }));
}
