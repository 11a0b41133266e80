import { and, desc, gte, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { deliveries, notificationMessages } from '../../../db/schema';
import type { Channel, DeliveryStatus } from '../../domain/statuses';
import type { Locale } from '../../i18n/locales';
import { requireRole, type ServiceContext } from '../../services/context';
import { CONSOLE_READERS } from './readers';

export type StatusCounts = Partial<Record<DeliveryStatus, number>>;

export interface MessageProgress {
  messageId: string;
  type: string;
  title: string | null;
  createdAt: Date;
  incidentId: string | null;
  maintenanceId: string | null;
  /** The dispatcher is still turning the notice into deliveries (lib/notify/fan-out.ts). */
  fanningOut: boolean;
  channels: { channel: Channel; counts: StatusCounts; total: number }[];
}

/** Per notice: how many deliveries are queued, sent, retrying and dead on each channel. */
export async function listMessageProgress(
  ctx: ServiceContext,
  options: { locale: Locale; since: Date; limit?: number },
): Promise<MessageProgress[]> {
  requireRole(ctx, CONSOLE_READERS);
  const db: DbOrTx = ctx.db;
  const messages = await db
    .select({
      id: notificationMessages.id,
      type: notificationMessages.type,
      payload: notificationMessages.payload,
      createdAt: notificationMessages.createdAt,
      incidentId: notificationMessages.incidentId,
      maintenanceId: notificationMessages.maintenanceId,
      fannedOutAt: notificationMessages.fannedOutAt,
    })
    .from(notificationMessages)
    .where(and(gte(notificationMessages.createdAt, options.since), ne(notificationMessages.type, 'subscription_confirmation')))
    .orderBy(desc(notificationMessages.createdAt))
    .limit(options.limit ?? 30);
  if (messages.length === 0) return [];
  const counts = await db
    .select({
      messageId: deliveries.messageId,
      channel: deliveries.channel,
      status: deliveries.status,
      n: sql<number>`count(*)::int`,
    })
    .from(deliveries)
    .where(
      inArray(
        deliveries.messageId,
        messages.map((m) => m.id),
      ),
    )
    .groupBy(deliveries.messageId, deliveries.channel, deliveries.status);
  return messages.map((m) => {
    const byChannel = new Map<Channel, StatusCounts>();
    for (const c of counts.filter((row) => row.messageId === m.id)) {
      const entry = byChannel.get(c.channel) ?? {};
      entry[c.status] = Number(c.n);
      byChannel.set(c.channel, entry);
    }
    return {
      messageId: m.id,
      type: m.type,
      title: titleOf(m.payload, options.locale),
      createdAt: m.createdAt,
      incidentId: m.incidentId,
      maintenanceId: m.maintenanceId,
      fanningOut: m.fannedOutAt === null,
      channels: [...byChannel.entries()].map(([channel, c]) => ({
        channel,
        counts: c,
        total: Object.values(c).reduce((a, b) => a + (b ?? 0), 0),
      })),
    };
  });
}

/** The notice's title as it was sent (from the payload snapshot). */
export function titleOf(payload: Record<string, unknown>, locale: Locale): string | null {
  const title = payload.title as { ja?: unknown; en?: unknown } | undefined;
  const text = locale === 'en' && typeof title?.en === 'string' && title.en ? title.en : title?.ja;
  return typeof text === 'string' ? text : null;
}
