import { formatDateTime } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { SlaReportView } from '@/lib/services/sla-reports/sla-report';
import type { ResolveTarget } from '@/lib/sla/policy';
import { bilingual, formatMinutes, localizedLabel } from './format';
import { Verdict } from './Verdict';
import { EntryNotes } from './ReportEntries';

export function describeResolveTarget(target: ResolveTarget | null, locale: Locale): string {
  const tr = t(locale, 'sla');
  if (!target) return tr('resolveTarget.none');
  if (target.kind === 'business_days') return tr('resolveTarget.business_days', { days: target.days });
  return tr(`resolveTarget.${target.kind}`, {
    minutes: formatMinutes(target.minutes, tr, locale),
  });
}

/** Each incident detected this month: detection, first notice and resolution against the targets. */
export function ReportIncidents({ view, locale }: { view: SlaReportView; locale: Locale }) {
  const tr = t(locale, 'sla');
  const tz = view.report.timeZone;
  const at = (d: Date) => formatDateTime(d, locale, tz);
  const { incidents } = view.report;
  return (
    <section aria-labelledby="sla-incidents" className="panel">
      <h2 id="sla-incidents">{tr('incidents.heading')}</h2>
      {incidents.length === 0 ? (
        <p className="muted">{tr('incidents.none')}</p>
      ) : (
        <table className="table sla-table">
          <thead>
            <tr>
              <th scope="col">{tr('incidents.incident')}</th>
              <th scope="col">{tr('incidents.detected')}</th>
              <th scope="col">{tr('incidents.firstNotice')}</th>
              <th scope="col">{tr('incidents.resolved')}</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((i) => {
              const notice = i.firstNotice;
              const resolve = i.resolve;
              // The target with its deadline as a date and time, so a reader can check the verdict.
              const withDeadline = (target: string, deadline: Date | null) =>
                deadline ? tr('incidents.targetWithDeadline', { target, at: at(deadline) }) : target;
              const noticeTarget =
                notice.targetMinutes === null
                  ? null
                  : withDeadline(formatMinutes(notice.targetMinutes, tr, locale), notice.deadline);
              const resolveElapsed =
                resolve.elapsedMinutes === null
                  ? null
                  : `${tr(`incidents.${resolve.elapsedClock}`)} ${formatMinutes(resolve.elapsedMinutes, tr, locale)}`;
              return (
                <tr key={i.incidentId}>
                  <th scope="row">
                    <span className="sla-incident-title">{bilingual(view.names.incidents[i.incidentId], locale)}</span>
                    <span className={`pill severity-${i.severity}`}>{t(locale, 'common')(`severity.${i.severity}`)}</span>
                    <EntryNotes incident={i} locale={locale} />
                    {i.slaExcluded && (
                      <span className="sla-note">
                        {tr('incidents.excluded', {
                          reason: i.exclusionReason ?? '',
                        })}
                      </span>
                    )}
                  </th>
                  <td data-label={tr('incidents.detected')}>{at(i.detectedAt)}</td>
                  <td data-label={tr('incidents.firstNotice')}>
                    {notice.firstNoticeAt ? at(notice.firstNoticeAt) : tr('incidents.noNotice')}
                    <span className="sla-note">
                      {notice.elapsedMinutes === null
                        ? null
                        : noticeTarget
                          ? tr('incidents.elapsed', {
                              minutes: formatMinutes(notice.elapsedMinutes, tr, locale),
                              target: noticeTarget,
                            })
                          : tr('incidents.elapsedNoTarget', {
                              minutes: formatMinutes(notice.elapsedMinutes, tr, locale),
                            })}
                    </span>
                    <Verdict verdict={notice.verdict} locale={locale} />
                  </td>
                  <td data-label={tr('incidents.resolved')}>
                    {i.resolvedAt ? at(i.resolvedAt) : tr('incidents.unresolved')}
                    <span className="sla-note">
                      {resolveElapsed
                        ? resolve.target
                          ? tr('incidents.elapsed', {
                              minutes: resolveElapsed,
                              target: withDeadline(describeResolveTarget(resolve.target, locale), resolve.deadline),
                            })
                          : tr('incidents.elapsedNoTarget', {
                              minutes: resolveElapsed,
                            })
                        : resolve.deadline &&
                          tr('incidents.deadline', {
                            at: at(resolve.deadline),
                          })}
                    </span>
                    <Verdict verdict={resolve.verdict} locale={locale} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Maintenance scheduled this month: notice given, window and length against the policy. */
export function ReportMaintenance({ view, locale }: { view: SlaReportView; locale: Locale }) {
  const tr = t(locale, 'sla');
  const tz = view.report.timeZone;
  const at = (d: Date) => formatDateTime(d, locale, tz);
  const groupName = (key: string) => {
    const group = view.policy.functionGroups.find((g) => g.key === key);
    return group ? localizedLabel(group.label, locale) : key;
  };
  const { maintenances } = view.report;
  return (
    <section aria-labelledby="sla-maintenance" className="panel">
      <h2 id="sla-maintenance">{tr('maintenance.heading')}</h2>
      {maintenances.length === 0 ? (
        <p className="muted">{tr('maintenance.none')}</p>
      ) : (
        <table className="table sla-table">
          <thead>
            <tr>
              <th scope="col">{tr('maintenance.title')}</th>
              <th scope="col">{tr('maintenance.notice')}</th>
              <th scope="col">{tr('maintenance.schedule')}</th>
              <th scope="col">{tr('maintenance.window')}</th>
              <th scope="col">{tr('maintenance.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {maintenances.map((m) => (
              <tr key={m.maintenanceId}>
                <th scope="row">
                  <span className="sla-incident-title">{bilingual(view.names.maintenances[m.maintenanceId], locale)}</span>
                  <span className="pill">{t(locale, 'common')(`maintenanceStatus.${m.status}`)}</span>
                </th>
                <td data-label={tr('maintenance.notice')}>
                  {tr('maintenance.noticeDays', {
                    days: m.noticeDays,
                    required: m.requiredNoticeDays,
                  })}
                  <Verdict verdict={m.lateNotice ? 'missed' : 'met'} locale={locale} />
                </td>
                <td data-label={tr('maintenance.schedule')}>
                  {at(m.scheduledStart)} – {at(m.scheduledEnd)}
                  <span className="sla-note">
                    {m.ranFrom && m.ranUntil
                      ? tr('maintenance.ran', {
                          from: at(m.ranFrom),
                          to: at(m.ranUntil),
                        })
                      : tr('maintenance.notRun')}
                  </span>
                </td>
                <td data-label={tr('maintenance.window')}>
                  {m.insidePreferredWindow === null ? (
                    tr('maintenance.noWindow')
                  ) : (
                    <span className={`verdict verdict-${m.insidePreferredWindow ? 'met' : 'missed'}`}>
                      {tr(m.insidePreferredWindow ? 'maintenance.inside' : 'maintenance.outside')}
                    </span>
                  )}
                </td>
                <td data-label={tr('maintenance.duration')}>
                  {m.durations.map((d) => {
                    const within = d.actualWithinMax ?? d.plannedWithinMax;
                    return (
                      <span key={d.functionGroup} className="sla-line">
                        {tr('maintenance.groupDuration', {
                          group: groupName(d.functionGroup),
                          minutes: formatMinutes(d.actualMinutes ?? d.scheduledMinutes, tr, locale),
                          max: d.maxMinutes === null ? tr('maintenance.noMax') : formatMinutes(d.maxMinutes, tr, locale),
                        })}
                        {within !== null && <Verdict verdict={within ? 'met' : 'missed'} locale={locale} />}
                      </span>
                    );
                  })}
                  {m.overrunMinutes > 0 && (
                    <span className="sla-line sla-alert">
                      {tr('maintenance.overrun')}: {formatMinutes(m.overrunMinutes, tr, locale)}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
