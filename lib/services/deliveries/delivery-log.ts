import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import { deliveries, notificationMessages, subscribers } from '../../../db/schema';
import type { Channel, DeliveryStatus } from '../../domain/statuses';
import type { Locale } from '../../i18n/locales';
import { requireRole, type ServiceContext } from '../../services/context';
import { maskAddress } from '../../services/subscribers/manage-view';
import { titleOf } from './progress';
import { CONSOLE_READERS } from './readers';

export interface DeliveryLogRow {
  id: number;
  messageId: string;
  type: string;
  title: string | null;
  channel: Channel;
  /** Masked: the console shows whole addresses only on the subscribers page. */
  recipient: string;
  subscriberId: string | null;
  status: DeliveryStatus;
  attempts: number;
  queuedAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
  providerMessageId: string | null;
  lastError: string | null;
}

export type DeliveryLogFilter = { incidentId: string } | { subscriberId: string } | { messageId: string } | { status: 'dead' };

/** Deliveries of one incident, one subscriber, one message, or the dead letters; newest first. */
export async function listDeliveries(
  ctx: ServiceContext,
  filter: DeliveryLogFilter,
  options: { locale: Locale; limit?: number; offset?: number },
): Promise<DeliveryLogRow[]> {
  requireRole(ctx, CONSOLE_READERS);
  const where: SQL =
    'incidentId' in filter
      ? eq(notificationMessages.incidentId, filter.incidentId)
      : 'subscriberId' in filter
        ? eq(deliveries.subscriberId, filter.subscriberId)
        : 'messageId' in filter
          ? eq(deliveries.messageId, filter.messageId)
          : eq(deliveries.status, 'dead');
  const rows = await ctx.db
    .select({
      id: deliveries.id,
      messageId: deliveries.messageId,
      type: notificationMessages.type,
      payload: notificationMessages.payload,
      channel: deliveries.channel,
      address: subscribers.address,
      subscriberId: deliveries.subscriberId,
      status: deliveries.status,
      attempts: deliveries.attempts,
      queuedAt: deliveries.queuedAt,
      sentAt: deliveries.sentAt,
      nextAttemptAt: deliveries.nextAttemptAt,
      providerMessageId: deliveries.providerMessageId,
      lastError: deliveries.lastError,
    })
    .from(deliveries)
    .innerJoin(notificationMessages, eq(notificationMessages.id, deliveries.messageId))
    .leftJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .where(and(where))
    .orderBy(desc(deliveries.queuedAt), asc(deliveries.id))
    .limit(options.limit ?? 200)
    .offset(options.offset ?? 0);
  return rows.map(({ payload, address, ...row }) => ({
    ...row,
    id: Number(row.id),
    title: titleOf(payload, options.locale),
    recipient: address === null ? '' : maskAddress(row.channel, address),
  }));
}
