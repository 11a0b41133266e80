import { formatDateTime } from '../../i18n/format';
import type { Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import type { NoticeType } from '../../notices/message-types';
import { pick, type Bilingual, type IncidentPayload, type MaintenancePayload } from '../../notices/payload';

// One notice in one language, as plain display data. Email templates, LINE texts and Chatwork
// blocks all render this view, so every channel says the same thing.

export interface NoticeFact {
  label: string;
  value: string;
}

export interface NoticeView {
  type: NoticeType;
  /** "【障害発生】" / "[Incident] ": put before the title in subjects and headings. */
  tag: string;
  title: string;
  lead: string;
  facts: NoticeFact[];
  /** The operator's own words for this notice. */
  body: string | null;
  /** Absolute link to the incident or maintenance page. */
  url: string;
  pageName: string;
  /** The page's logo and colour for the email frame (absent: the default look). */
  brand?: EmailBrand;
}

export type EmailBrand = { color: string | null; logoUrl: string | null };

export type NoticeSource =
  { subject: 'incident'; payload: IncidentPayload } | { subject: 'maintenance'; payload: MaintenancePayload };

// Public pages are cached per URL (behind a CDN too), and a URL without `?lang=` is the default
// language's copy: a reader of the other language gets a link that names theirs.
const languageQuery = (locale: Locale, defaultLocale: Locale) => (locale === defaultLocale ? '' : `?lang=${locale}`);

export function buildNoticeView(
  type: NoticeType,
  source: NoticeSource,
  locale: Locale,
  context: { baseUrl: string; pageName: Bilingual; brand?: EmailBrand; defaultLocale?: Locale },
): NoticeView {
  const tr = t(locale, 'notify');
  const pageName = pick(context.pageName, locale);
  const url = `${context.baseUrl}${source.payload.path}${languageQuery(locale, context.defaultLocale ?? 'ja')}`;
  const base = { type, tag: tr(`tag.${type}`), pageName, url, brand: context.brand };
  if (source.subject === 'incident') return { ...base, ...incidentParts(type, source.payload, locale, pageName) };
  return { ...base, ...maintenanceParts(type, source.payload, locale, pageName) };
}

function incidentParts(type: NoticeType, p: IncidentPayload, locale: Locale, pageName: string) {
  const tr = t(locale, 'notify');
  const common = t(locale, 'common');
  const status = p.update?.status ?? p.status;
  const facts: NoticeFact[] = [
    { label: tr('fact.status'), value: common(`incidentStatus.${status}`) },
    { label: tr('fact.severity'), value: common(`severity.${p.severity}`) },
    { label: tr('fact.components'), value: componentList(p.components, locale) },
    { label: tr('fact.detectedAt'), value: formatDateTime(new Date(p.detectedAt), locale, p.timeZone) },
  ];
  if (p.update) facts.push({ label: tr('fact.updatedAt'), value: formatDateTime(new Date(p.update.at), locale, p.timeZone) });
  return {
    title: pick(p.title, locale),
    lead: tr(`lead.${type}`, { page: pageName }),
    facts,
    body: p.update ? pick(p.update.body, locale) : null,
  };
}

function maintenanceParts(type: NoticeType, p: MaintenancePayload, locale: Locale, pageName: string) {
  const tr = t(locale, 'notify');
  const common = t(locale, 'common');
  const window = tr('value.window', {
    start: formatDateTime(new Date(p.scheduledStart), locale, p.timeZone),
    end: formatDateTime(new Date(p.scheduledEnd), locale, p.timeZone),
  });
  const facts: NoticeFact[] = [
    { label: tr('fact.window'), value: window },
    {
      label: tr('fact.expectedDowntime'),
      value:
        p.expectedDowntimeMinutes > 0
          ? tr('value.downtimeMinutes', { minutes: p.expectedDowntimeMinutes })
          : tr('value.noDowntime'),
    },
    { label: tr('fact.scope'), value: componentList(p.components, locale) },
    { label: tr('fact.status'), value: common(`maintenanceStatus.${p.status}`) },
  ];
  const lead =
    type === 'maintenance_reminder'
      ? p.reminder && p.reminder.offsetMinutes > 0
        ? tr('lead.maintenance_reminder', { page: pageName, lead: leadTime(p.reminder.offsetMinutes, locale) })
        : tr('lead.maintenance_reminder_now', { page: pageName })
      : tr(`lead.${type}`, { page: pageName });
  return { title: pick(p.title, locale), lead, facts, body: pick(p.body, locale) || null };
}

/** "API（停止）、Web" — or "all components" when the notice names none. */
export function componentList(components: IncidentPayload['components'], locale: Locale): string {
  const tr = t(locale, 'notify');
  const common = t(locale, 'common');
  if (components.length === 0) return tr('value.allComponents');
  return components
    .map((c) => {
      const name = pick(c.name, locale);
      return c.status ? tr('value.componentWithStatus', { name, status: common(`componentStatus.${c.status}`) }) : name;
    })
    .join(tr('value.separator'));
}

/** 10080 → "7日" / "7 days"; 90 → "90分" (the largest whole unit). */
export function leadTime(minutes: number, locale: Locale): string {
  const tr = t(locale, 'notify');
  if (minutes % 1440 === 0) return tr('leadTime.days', { n: minutes / 1440 });
  if (minutes % 60 === 0) return tr('leadTime.hours', { n: minutes / 60 });
  return tr('leadTime.minutes', { n: minutes });
}
