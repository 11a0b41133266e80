// iCalendar feeds of maintenance, built with ical-generator. Calendar apps match events by
// UID and keep the one with the highest SEQUENCE, so an edit or a cancel replaces the old
// event instead of adding one. Times are written in UTC; texts in the page's default language.
import ical, { ICalEventStatus } from 'ical-generator';
import { and, asc, eq, exists, gt, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { components, maintenanceComponents, maintenances } from '../../../db/schema';
import type { MaintenanceStatus } from '../../domain/statuses';
import { env } from '../../env';
import type { Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import { resolvePage } from '../../pages/context';
import { localized } from '../../i18n/localized';

export type FeedEvent = {
  id: string;
  title: string;
  body: string;
  start: Date;
  end: Date;
  status: MaintenanceStatus;
  sequence: number;
  expectedDowntimeMinutes: number;
  components: string[];
  createdAt: Date;
  updatedAt: Date;
};

export type FeedOptions = { calendarName: string; locale: Locale; baseUrl: string; uidHost: string; events: FeedEvent[] };

/** Stable per maintenance and independent of the request, so a calendar never sees duplicates. */
export function maintenanceUid(id: string, uidHost: string): string {
  return `${id}@${uidHost}`;
}

export function buildMaintenanceCalendar(options: FeedOptions): string {
  const tr = t(options.locale, 'maintenance');
  const common = t(options.locale, 'common');
  const calendar = ical({
    name: options.calendarName,
    prodId: { company: 'Shirase', product: 'Maintenance', language: options.locale.toUpperCase() },
    ttl: 60 * 60,
  });
  for (const e of options.events) {
    const url = `${options.baseUrl}/maintenance/${e.id}`;
    calendar.createEvent({
      id: maintenanceUid(e.id, options.uidHost),
      sequence: e.sequence,
      // The feed is a published snapshot: DTSTAMP is when this version of the event was made.
      stamp: e.updatedAt,
      created: e.createdAt,
      lastModified: e.updatedAt,
      start: e.start,
      end: e.end,
      summary: e.title,
      description: [
        e.body,
        '',
        tr('ical.scope', { components: e.components.join(options.locale === 'ja' ? '、' : ', ') }),
        tr('ical.downtime', { minutes: e.expectedDowntimeMinutes }),
        tr('ical.status', { status: common(`maintenanceStatus.${e.status}`) }),
        tr('ical.details', { url }),
      ].join('\n'),
      status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      url,
    });
  }
  return calendar.toString();
}

/**
 * Public address for links and the UID host: the page's or the configured URL, else this
 * server's own (never the request's Host or X-Forwarded-Proto: the feed is cached by others).
 */
export function feedAddresses(page: { publicUrl: string | null }, fallbackOrigin: string): { baseUrl: string; uidHost: string } {
  const configured = page.publicUrl ?? env().PUBLIC_BASE_URL ?? null;
  const baseUrl = (configured ?? fallbackOrigin).replace(/\/$/, '');
  // Without a configured address the UID must not follow whichever host name a request used.
  return { baseUrl, uidHost: configured ? new URL(configured).host : 'shirase' };
}

const FEED_HISTORY_DAYS = 400;
/** Checked before the query: PostgreSQL refuses a malformed uuid with an error, not an empty result. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The feed for the primary page, all components or one. Null when the component is unknown.
 * Includes cancelled maintenance so subscribed calendars learn of the cancellation.
 */
export async function loadMaintenanceFeed(
  db: DbOrTx,
  options: { componentId: string | null; fallbackOrigin: string; now: Date },
): Promise<{ ics: string; lastModified: Date | null } | null> {
  const page = await resolvePage(db);
  const locale = page.defaultLocale;
  let componentName: string | null = null;
  if (options.componentId !== null) {
    if (!UUID.test(options.componentId)) return null;
    const [component] = await db
      .select({ name: components.name, nameEn: components.nameEn })
      .from(components)
      .where(and(eq(components.id, options.componentId), eq(components.pageId, page.id), isNull(components.deletedAt)));
    if (!component) return null;
    componentName = localized(locale, component.name, component.nameEn);
  }
  const since = new Date(options.now.getTime() - FEED_HISTORY_DAYS * 86_400_000);
  const touches = options.componentId
    ? exists(
        db
          .select({ one: maintenanceComponents.componentId })
          .from(maintenanceComponents)
          .where(
            and(
              eq(maintenanceComponents.maintenanceId, maintenances.id),
              eq(maintenanceComponents.componentId, options.componentId),
            ),
          ),
      )
    : undefined;
  const rows = await db
    .select()
    .from(maintenances)
    .where(and(eq(maintenances.pageId, page.id), gt(maintenances.scheduledEnd, since), touches))
    .orderBy(asc(maintenances.scheduledStart));
  const scope = rows.length
    ? await db
        .select({ maintenanceId: maintenanceComponents.maintenanceId, name: components.name, nameEn: components.nameEn })
        .from(maintenanceComponents)
        .innerJoin(components, eq(components.id, maintenanceComponents.componentId))
        .where(
          inArray(
            maintenanceComponents.maintenanceId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(components.position))
    : [];
  const pageName = localized(locale, page.name, page.nameEn);
  const tr = t(locale, 'maintenance');
  const ics = buildMaintenanceCalendar({
    calendarName: componentName
      ? tr('ical.calendarNameComponent', { name: pageName, component: componentName })
      : tr('ical.calendarName', { name: pageName }),
    locale,
    ...feedAddresses(page, options.fallbackOrigin),
    events: rows.map((r) => ({
      id: r.id,
      title: localized(locale, r.title, r.titleEn),
      body: localized(locale, r.body, r.bodyEn),
      start: r.scheduledStart,
      end: r.scheduledEnd,
      status: r.status,
      sequence: r.sequence,
      expectedDowntimeMinutes: r.expectedDowntimeMinutes,
      components: scope.filter((s) => s.maintenanceId === r.id).map((s) => localized(locale, s.name, s.nameEn)),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    })),
  });
  const lastModified = rows.reduce<Date | null>((latest, r) => (!latest || r.updatedAt > latest ? r.updatedAt : latest), null);
  return { ics, lastModified };
}
