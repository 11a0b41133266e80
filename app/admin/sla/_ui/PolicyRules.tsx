import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { SlaPolicy } from '@/lib/sla/policy';
import { formatMinutes, formatTarget, localizedLabel } from './format';
import { describeResolveTarget } from './ReportEvents';
import { SEVERITIES } from '@/lib/domain/statuses';
import { businessDayMinutes } from '@/lib/sla/business-time';

/** The rules the figures were computed with, in words, so a printed report explains itself. */
export function PolicyRules({ policy, locale }: { policy: SlaPolicy; locale: Locale }) {
  const tr = t(locale, 'sla');
  const day = (n: number) => tr(`weekday.${n}`);
  const scopeName = (scope: string) =>
    scope === 'service'
      ? localizedLabel(policy.service.label, locale)
      : localizedLabel(
          policy.functionGroups.find((g) => g.key === scope)?.label ?? {
            ja: scope,
            en: scope,
          },
          locale,
        );
  const targets = [
    { label: policy.service.label, target: policy.service.targetPercent },
    ...policy.functionGroups.map((g) => ({
      label: g.label,
      target: g.targetPercent,
    })),
  ].filter((s) => s.target !== null);
  const calendar = policy.supportCalendar;
  const support = [
    tr('rules.supportHours', {
      days: calendar.weekdays.map(day).join(tr('daySeparator')),
      hours: calendar.hours.map((h) => `${h.from}–${h.to}`).join(', '),
    }),
    calendar.closedOnPublicHolidays ? tr('rules.holidays') : null,
    calendar.closures.length
      ? tr('rules.closures', {
          list: calendar.closures
            .map((c) => `${localizedLabel(c.label, locale)} ${c.from}${tr('rangeSeparator')}${c.to}`)
            .join(tr('listSeparator')),
        })
      : null,
  ].filter(Boolean);
  return (
    <section aria-labelledby="sla-rules" className="panel sla-rules">
      <h2 id="sla-rules">{tr('rules.heading')}</h2>
      <dl>
        <dt>{tr('rules.targets')}</dt>
        <dd>
          {targets.length
            ? targets.map((s) => `${localizedLabel(s.label, locale)} ${formatTarget(s.target, locale)}`).join(tr('listSeparator'))
            : tr('summary.noTargets')}
        </dd>
        <dt>{tr('rules.credits')}</dt>
        <dd>
          {policy.creditTiers.length
            ? policy.creditTiers
                .map((c) =>
                  tr('rules.creditTier', {
                    scope: scopeName(c.appliesTo),
                    below: c.belowPercent,
                    description: localizedLabel(c.description, locale),
                  }),
                )
                .join(' / ')
            : tr('rules.noCredits')}
        </dd>
        <dt>{tr('rules.notice')}</dt>
        <dd>
          {policy.maintenance.noticeDays === 0
            ? tr('rules.noticeAnyTime')
            : tr('rules.noticeDays', { days: policy.maintenance.noticeDays })}
        </dd>
        <dt>{tr('rules.windows')}</dt>
        <dd>
          {policy.maintenance.preferredWindows.length
            ? policy.maintenance.preferredWindows
                .map((w) =>
                  w.kind === 'daily'
                    ? tr('rules.daily', w)
                    : tr('rules.weekly', {
                        fromDay: day(w.from.weekday),
                        from: w.from.time,
                        toDay: day(w.to.weekday),
                        to: w.to.time,
                      }),
                )
                .join(tr('listSeparator'))
            : tr('maintenance.noWindow')}
        </dd>
        <dt>{tr('rules.firstNotice')}</dt>
        <dd>
          {policy.firstNoticeTargetMinutes === null
            ? tr('resolveTarget.none')
            : tr('rules.firstNoticeMinutes', {
                minutes: formatMinutes(policy.firstNoticeTargetMinutes, tr, locale),
              })}
        </dd>
        <dt>{tr('rules.resolve')}</dt>
        <dd>
          {SEVERITIES.map(
            (s) => `${t(locale, 'common')(`severity.${s}`)}: ${describeResolveTarget(policy.resolveTargets[s], locale)}`,
          ).join(tr('listSeparator'))}
        </dd>
        <dt>{tr('rules.support')}</dt>
        <dd>{support.join(tr('listSeparator'))}</dd>
        <dt>{tr('rules.businessDaysLabel')}</dt>
        <dd>
          {tr(`rules.businessDays.${calendar.businessDayReading}`, {
            minutes: formatMinutes(businessDayMinutes(calendar), tr, locale),
            total: 2 * businessDayMinutes(calendar),
          })}
        </dd>
        <dt>{tr('rules.timeZoneLabel')}</dt>
        <dd>{tr('rules.timeZone', { zone: policy.timeZone })}</dd>
        <dt>{tr('rules.roundingLabel')}</dt>
        <dd>{tr('rules.rounding')}</dd>
      </dl>
      <p className="sla-formula">{tr('rules.exclusions')}</p>
      <p className="sla-formula">{tr('currentPolicyNote')}</p>
    </section>
  );
}
