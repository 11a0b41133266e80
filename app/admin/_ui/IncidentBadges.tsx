import type { IncidentStatus, Severity } from '@/lib/domain/statuses';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';

export function IncidentStatusPill({ status, locale }: { status: IncidentStatus; locale: Locale }) {
  return <span className={`pill incident-status-${status}`}>{t(locale, 'common')(`incidentStatus.${status}`)}</span>;
}

export function SeverityPill({ severity, locale }: { severity: Severity; locale: Locale }) {
  return <span className={`pill severity-${severity}`}>{t(locale, 'common')(`severity.${severity}`)}</span>;
}
