import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { SlaReportView } from '@/lib/services/sla-reports/sla-report';
import type { IncidentTargetCheck } from '@/lib/sla/incident-targets';
import { bilingual } from './format';

/** Beside an incident: its detection time was typed by a person, or it was entered after the fact. */
export function EntryNotes({ incident, locale }: { incident: IncidentTargetCheck; locale: Locale }) {
  const tr = t(locale, 'sla');
  return (
    <>
      {incident.backfilledBy && <span className="sla-note">{tr('entries.backfilledBy', { by: incident.backfilledBy })}</span>}
      {incident.detectedAtEnteredBy && !incident.backfilledBy && (
        <span className="sla-note">{tr('entries.detectionEnteredBy', { by: incident.detectedAtEnteredBy })}</span>
      )}
    </>
  );
}

/**
 * The incidents whose clocks rest on what a person entered: a detection time typed or corrected
 * by an operator, and incidents entered after the fact. A customer checking the report asks first.
 */
export function ReportEntries({ view, locale }: { view: SlaReportView; locale: Locale }) {
  const tr = t(locale, 'sla');
  const entered = view.report.incidents.filter((i) => i.detectedAtEnteredBy && !i.backfilledBy);
  const backfilled = view.report.incidents.filter((i) => i.backfilledBy);
  const list = (items: IncidentTargetCheck[], by: (i: IncidentTargetCheck) => string) => (
    <ul>
      {items.map((i) => (
        <li key={i.incidentId}>
          {bilingual(view.names.incidents[i.incidentId], locale)} — {by(i)}
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="sla-entries" className="panel">
      <h2 id="sla-entries">{tr('entries.heading')}</h2>
      <h3>{tr('entries.entered')}</h3>
      {entered.length ? list(entered, (i) => i.detectedAtEnteredBy!) : <p className="muted">{tr('entries.none')}</p>}
      <h3>{tr('entries.backfilled')}</h3>
      {backfilled.length ? list(backfilled, (i) => i.backfilledBy!) : <p className="muted">{tr('entries.none')}</p>}
    </section>
  );
}
