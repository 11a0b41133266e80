// A plan check as sentences for the console, in the operator's language: what the SLA report
// will record if the plan is saved as it is.
import type { Locale } from '../i18n/locales';
import { t } from '../i18n/messages';
import type { PreferredWindow } from '../sla/policy';
import type { PlanCheck } from './rules';

export type CheckLine = { tone: 'ok' | 'warn' | 'info'; text: string };
export type CheckSection = { heading: string | null; lines: CheckLine[] };

function weekdayName(weekday: number, locale: Locale): string {
  // 2023-01-01 was a Sunday, so day 1 + weekday falls on that weekday.
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2023, 0, 1 + weekday)),
  );
}

export function describeWindow(window: PreferredWindow, locale: Locale): string {
  const tr = t(locale, 'maintenance');
  if (window.kind === 'daily') return tr('check.dailyWindow', { from: window.from, to: window.to });
  return tr('check.weeklyWindow', {
    fromDay: weekdayName(window.from.weekday, locale),
    from: window.from.time,
    toDay: weekdayName(window.to.weekday, locale),
    to: window.to.time,
  });
}

export function describePlanCheck(check: PlanCheck, locale: Locale): CheckSection[] {
  const tr = t(locale, 'maintenance');
  return check.services.map((s) => {
    const lines: CheckLine[] = [];
    if (s.isFallback) lines.push({ tone: 'info', text: tr('check.fallbackPolicy', { days: s.requiredNoticeDays }) });
    lines.push(
      s.lateNotice
        ? { tone: 'warn', text: tr('check.noticeLate', { days: s.noticeDays, required: s.requiredNoticeDays }) }
        : { tone: 'ok', text: tr('check.noticeOk', { days: s.noticeDays, required: s.requiredNoticeDays }) },
    );
    const windows = s.windows.map((w) => describeWindow(w, locale)).join(locale === 'ja' ? '、' : ', ');
    if (s.insideWindow === null) lines.push({ tone: 'info', text: tr('check.noWindow') });
    else
      lines.push(
        s.insideWindow
          ? { tone: 'ok', text: tr('check.insideWindow', { windows }) }
          : { tone: 'warn', text: tr('check.outsideWindow', { windows }) },
      );
    for (const d of s.durations) {
      const group = locale === 'en' ? d.label.en : d.label.ja;
      if (d.maxMinutes === null) lines.push({ tone: 'info', text: tr('check.noMax', { group, minutes: d.plannedMinutes }) });
      else if (d.withinMax)
        lines.push({ tone: 'ok', text: tr('check.withinMax', { group, minutes: d.plannedMinutes, max: d.maxMinutes }) });
      else lines.push({ tone: 'warn', text: tr('check.overMax', { group, minutes: d.plannedMinutes, max: d.maxMinutes }) });
    }
    if (s.durations.length === 0)
      lines.push({ tone: 'info', text: tr('check.noStoppingGroup', { minutes: check.durationMinutes }) });
    if (s.staysAvailable.length > 0) {
      const names = s.staysAvailable.map((c) => (locale === 'en' ? c.name.en : c.name.ja)).join(locale === 'ja' ? '、' : ', ');
      lines.push({ tone: 'warn', text: tr('check.staysAvailable', { components: names }) });
    }
    const heading = s.serviceName
      ? locale === 'en'
        ? s.serviceName.en
        : s.serviceName.ja
      : check.services.length > 1
        ? tr('check.noService')
        : null;
    return { heading, lines };
  });
}
