import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { components, subscriberComponents, subscribers } from '../../../db/schema';
import { CHANNELS, type Channel } from '../../domain/statuses';
import type { Locale } from '../../i18n/locales';
import { localized } from '../../i18n/localized';
import { requireRole, WRITERS, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';

export const SUBSCRIBER_STATES = ['active', 'pending', 'unsubscribed', 'disabled'] as const;
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];

export const subscriberQuery = z.object({
  // A search box in a GET link: an overlong or odd query is shortened, never an error page.
  q: z
    .string()
    .default('')
    .transform((q) =>
      q
        .replace(/\u0000/g, '')
        .trim()
        .slice(0, 200),
    ),
  channel: z.enum(CHANNELS).optional().catch(undefined),
  state: z.enum(SUBSCRIBER_STATES).optional().catch(undefined),
});
export type SubscriberQuery = z.infer<typeof subscriberQuery>;

export interface SubscriberListRow {
  id: string;
  channel: Channel;
  address: string;
  locale: Locale;
  state: SubscriberState;
  /** Component names, or null for "all components". */
  components: string[] | null;
  createdAt: Date;
  confirmedAt: Date | null;
  disabledReason: string | null;
}

const STATE_WHERE: Record<SubscriberState, SQL> = {
  unsubscribed: isNotNull(subscribers.unsubscribedAt),
  disabled: and(isNull(subscribers.unsubscribedAt), isNotNull(subscribers.disabledAt))!,
  pending: and(isNull(subscribers.unsubscribedAt), isNull(subscribers.disabledAt), isNull(subscribers.confirmedAt))!,
  active: and(isNull(subscribers.unsubscribedAt), isNull(subscribers.disabledAt), isNotNull(subscribers.confirmedAt))!,
};

export function subscriberFilter(query: SubscriberQuery): SQL | undefined {
  const like = query.q ? ilike(subscribers.address, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined;
  return and(
    like,
    query.channel ? eq(subscribers.channel, query.channel) : undefined,
    query.state ? STATE_WHERE[query.state] : undefined,
  );
}

export function stateOf(
  s: Pick<typeof subscribers.$inferSelect, 'unsubscribedAt' | 'disabledAt' | 'confirmedAt'>,
): SubscriberState {
  return s.unsubscribedAt ? 'unsubscribed' : s.disabledAt ? 'disabled' : s.confirmedAt ? 'active' : 'pending';
}

/** Operators' subscriber list: search by address, filter by channel and state, newest first. */
export async function listSubscribers({
  ctx,
  input,
  locale,
  page = 0,
  pageSize = 50,
}: {
  ctx: ServiceContext;
  input: unknown;
  locale: Locale;
  page?: number;
  pageSize?: number;
}) {
  requireRole(ctx, WRITERS);
  const query = parseInput(subscriberQuery, input);
  const where = subscriberFilter(query);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(subscribers)
      .where(where)
      .orderBy(desc(subscribers.createdAt), asc(subscribers.id))
      .limit(pageSize)
      .offset(page * pageSize),
    ctx.db.select({ total: count() }).from(subscribers).where(where),
  ]);
  const names = await componentNames(
    ctx,
    rows.filter((r) => !r.allComponents).map((r) => r.id),
    locale,
  );
  return {
    query,
    total: Number(total),
    rows: rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      address: r.address,
      locale: r.locale,
      state: stateOf(r),
      components: r.allComponents ? null : (names.get(r.id) ?? []),
      createdAt: r.createdAt,
      confirmedAt: r.confirmedAt,
      disabledReason: r.disabledReason,
    })) satisfies SubscriberListRow[],
  };
}

export async function componentNames(
  ctx: { db: ServiceContext['db'] },
  subscriberIds: string[],
  locale: Locale,
): Promise<Map<string, string[]>> {
  if (subscriberIds.length === 0) return new Map();
  const rows = await ctx.db
    .select({ subscriberId: subscriberComponents.subscriberId, name: components.name, nameEn: components.nameEn })
    .from(subscriberComponents)
    .innerJoin(components, eq(components.id, subscriberComponents.componentId))
    .where(inArray(subscriberComponents.subscriberId, subscriberIds))
    .orderBy(asc(components.position));
  const names = new Map<string, string[]>();
  for (const r of rows) names.set(r.subscriberId, [...(names.get(r.subscriberId) ?? []), localized(locale, r.name, r.nameEn)]);
  return names;
}
