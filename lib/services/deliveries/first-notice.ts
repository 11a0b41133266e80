import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { deliveries, incidents, notificationMessages } from '../../../db/schema';
import type { Locale } from '../../i18n/locales';
import { localized } from '../../i18n/localized';
import { nowOf, requireRole, type ServiceContext } from '../../services/context';
import { CONSOLE_READERS } from './readers';

/** The seeds' promise: first notice to users within 1 hour of detection. (The SLA report applies each service's own policy.) */
export const FIRST_NOTICE_TARGET_MINUTES = 60;

export interface FirstNotice {
  incidentId: string;
  title: string;
  detectedAt: Date;
  /** The earliest delivery a provider accepted for any of the incident's notices. */
  firstSentAt: Date | null;
  minutes: number | null;
  verdict: 'met' | 'missed' | 'pending';
}

/** First-notice time (first sent_at − detected_at) of the latest incidents, against the target. */
export async function listFirstNotices(ctx: ServiceContext, options: { locale: Locale; limit?: number }): Promise<FirstNotice[]> {
  requireRole(ctx, CONSOLE_READERS);
  const now = nowOf(ctx);
  const recent = await ctx.db
    .select({ id: incidents.id, title: incidents.title, titleEn: incidents.titleEn, detectedAt: incidents.detectedAt })
    .from(incidents)
    .where(eq(incidents.published, true))
    .orderBy(desc(incidents.detectedAt))
    .limit(options.limit ?? 20);
  if (recent.length === 0) return [];
  const firsts = await ctx.db
    .select({ incidentId: notificationMessages.incidentId, first: sql<Date | string>`min(${deliveries.sentAt})` })
    .from(deliveries)
    .innerJoin(notificationMessages, eq(notificationMessages.id, deliveries.messageId))
    .where(
      and(
        inArray(
          notificationMessages.incidentId,
          recent.map((i) => i.id),
        ),
        eq(deliveries.status, 'sent'),
      ),
    )
    .groupBy(notificationMessages.incidentId);
  const firstOf = new Map(firsts.map((f) => [f.incidentId, f.first ? new Date(f.first) : null]));
  return recent.map((incident) => {
    const firstSentAt = firstOf.get(incident.id) ?? null;
    const minutes = firstSentAt ? (firstSentAt.getTime() - incident.detectedAt.getTime()) / 60_000 : null;
    const overdue = (now.getTime() - incident.detectedAt.getTime()) / 60_000 > FIRST_NOTICE_TARGET_MINUTES;
    return {
      incidentId: incident.id,
      title: localized(options.locale, incident.title, incident.titleEn),
      detectedAt: incident.detectedAt,
      firstSentAt,
      minutes,
      verdict: minutes === null ? (overdue ? 'missed' : 'pending') : minutes <= FIRST_NOTICE_TARGET_MINUTES ? 'met' : 'missed',
    };
  });
}
