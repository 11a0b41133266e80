// Exports of the monthly report. CSV for people: one file, four blocks (report, uptime, incidents,
// maintenance) separated by an empty line, headers in the reader's language. UTF-8 with a BOM
// and CRLF so Excel in Japan opens it as is; times carry the policy zone's offset.
import { TZDate } from '@date-fns/tz';
import type { Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import type { FunctionGroupUptime, JudgedUptime, ComponentUptime } from '../../sla/uptime';
import type { SlaReportView, Bilingual } from './sla-report';
import { headEntry } from '../../evidence/heads-document';
import { REPORT_ROUNDING, reportMinutes, reportPercent, roundReportNumbers } from '../../sla/rounding';

type Cell = string | number | boolean | null;

const BOM = '\uFEFF';

/** Quotes what needs quoting; text that a spreadsheet would run as a formula is defused. */
function cell(value: Cell, text = false): string {
  if (value === null) return '';
  let s = typeof value === 'number' ? formatNumber(value) : String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Numbers arrive already cut by the report's rule (lib/sla/rounding); printed without exponent. */
function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(REPORT_ROUNDING.percentDecimals)));
}

export function isoInZone(at: Date | null, timeZone: string): string | null {
  return at ? new TZDate(at.getTime(), timeZone).toISOString().replace('.000', '') : null;
}

export function slaReportCsv(view: SlaReportView, locale: Locale): string {
  const tr = t(locale, 'sla');
  const { report, service } = view;
  const tz = report.timeZone;
  const at = (d: Date | null) => isoInZone(d, tz);
  const name = (b: Bilingual | undefined) => (b ? (locale === 'en' && b.en ? b.en : b.ja) : '');
  const label = (l: { ja: string; en: string }) => l[locale];
  const yesNo = (v: boolean | null) => (v === null ? null : tr(v ? 'csv.yes' : 'csv.no'));
  const verdict = (v: string) => tr(`verdict.${v}`);
  const lines: string[] = [];
  const row = (cells: Cell[], textColumns: number[] = []) =>
    lines.push(cells.map((c, i) => cell(c, textColumns.includes(i))).join(','));
  const header = (keys: string[]) => row(keys.map((k) => tr(`csv.${k}`)));
  const pct = (v: number | null) => (v === null ? null : reportPercent(v));
  const min = (v: number | null) => (v === null ? null : reportMinutes(v));

  header(['item', 'value']);
  row([tr('csv.service'), name({ ja: service.name, en: service.nameEn })], [1]);
  row([tr('csv.month'), report.month]);
  row([tr('csv.periodStart'), at(report.periodStart)]);
  row([tr('csv.periodEnd'), at(report.periodEnd)]);
  row([tr('csv.timeZone'), tz]);
  row([tr('csv.complete'), yesNo(report.complete)]);
  row([tr('csv.policy'), tr(view.policyStored ? 'csv.policyStored' : 'csv.policyDefault')]);
  row([tr('csv.creditDue'), yesNo(report.summary.creditDue)]);
  row([tr('csv.generatedAt'), at(view.generatedAt)]);
  row([tr('csv.chainHeadSeq'), view.chain.headSeq]);
  row([tr('csv.chainHead'), view.chain.headHash]);
  const chain = view.chain.verdict;
  row([tr('csv.rounding'), t(locale, 'sla')('rules.rounding')]);
  row([tr('csv.businessDayReading'), t(locale, 'slaForm')(`options.${view.policy.supportCalendar.businessDayReading}`)]);
  row([
    tr('csv.chainVerdict'),
    chain === null
      ? null
      : chain.ok
        ? tr('chain.intact')
        : !chain.chain.ok
          ? tr('chain.brokenAt', { seq: chain.chain.brokenAt })
          : tr('csv.inputsDiffer', { count: chain.inputs.mismatchCount }),
  ]);

  lines.push('');
  header([
    'scope',
    'name',
    'group',
    'target',
    'uptime',
    'monthMinutes',
    'excludedMinutes',
    'serviceMinutes',
    'downtimeMinutes',
    'verdict',
    'credit',
  ]);
  const judged = (scope: string, figure: JudgedUptime, title: string, group: string | null) =>
    row(
      [
        scope,
        title,
        group,
        figure.targetPercent,
        pct(figure.uptimePercent),
        min(figure.monthMinutes),
        min(figure.excludedMinutes),
        min(figure.serviceMinutes),
        min(figure.downtimeMinutes),
        verdict(figure.verdict),
        figure.credit.tier ? label(figure.credit.tier.description) : null,
      ],
      [1, 10],
    );
  judged(tr('csv.scopeService'), report.service, label(report.service.label), null);
  report.functionGroups.forEach((g: FunctionGroupUptime) => judged(tr('csv.scopeGroup'), g, label(g.label), g.key));
  report.components.forEach((c: ComponentUptime) =>
    row(
      [
        tr('csv.scopeComponent'),
        name(view.names.components[c.componentId]),
        c.functionGroup,
        null,
        pct(c.uptimePercent),
        min(c.monthMinutes),
        min(c.excludedMinutes),
        min(c.serviceMinutes),
        min(c.downtimeMinutes),
        null,
        null,
      ],
      [1],
    ),
  );

  lines.push('');
  header([
    'incident',
    'severity',
    'slaExcluded',
    'exclusionReason',
    'detectedAt',
    'firstNoticeAt',
    'firstNoticeMinutes',
    'firstNoticeTarget',
    'firstNoticeDeadline',
    'firstNoticeVerdict',
    'resolvedAt',
    'resolveMinutes',
    'resolveDeadline',
    'resolveVerdict',
    'detectionEnteredBy',
    'backfilledBy',
  ]);
  for (const i of report.incidents) {
    row(
      [
        name(view.names.incidents[i.incidentId]),
        t(locale, 'common')(`severity.${i.severity}`),
        yesNo(i.slaExcluded),
        i.exclusionReason,
        at(i.detectedAt),
        at(i.firstNotice.firstNoticeAt),
        min(i.firstNotice.elapsedMinutes),
        i.firstNotice.targetMinutes,
        at(i.firstNotice.deadline),
        verdict(i.firstNotice.verdict),
        at(i.resolvedAt),
        i.resolve.elapsedMinutes === null
          ? null
          : `${formatNumber(reportMinutes(i.resolve.elapsedMinutes))} (${tr(`clock.${i.resolve.elapsedClock}`)})`,
        at(i.resolve.deadline),
        verdict(i.resolve.verdict),
        i.detectedAtEnteredBy,
        i.backfilledBy,
      ],
      [0, 3, 14, 15],
    );
  }

  lines.push('');
  header([
    'maintenance',
    'status',
    'announcedAt',
    'scheduledStart',
    'scheduledEnd',
    'noticeDays',
    'requiredNoticeDays',
    'lateNotice',
    'insideWindow',
    'ranFrom',
    'ranUntil',
    'overrunMinutes',
    'durations',
  ]);
  for (const m of report.maintenances) {
    const durations = m.durations
      .map(
        (d) =>
          `${d.functionGroup}: ${formatNumber(reportMinutes(d.actualMinutes ?? d.scheduledMinutes))}/${d.maxMinutes === null ? '-' : formatNumber(d.maxMinutes)}`,
      )
      .join('; ');
    row(
      [
        name(view.names.maintenances[m.maintenanceId]),
        t(locale, 'common')(`maintenanceStatus.${m.status}`),
        at(m.announcedAt),
        at(m.scheduledStart),
        at(m.scheduledEnd),
        m.noticeDays,
        m.requiredNoticeDays,
        yesNo(m.lateNotice),
        yesNo(m.insidePreferredWindow),
        at(m.ranFrom),
        at(m.ranUntil),
        min(m.overrunMinutes),
        durations || null,
      ],
      [0],
    );
  }
  return BOM + lines.join('\r\n') + '\r\n';
}

/** The report for machines: the computed objects as they are, with names and the chain head. */
export function slaReportJson(view: SlaReportView): string {
  const { service, policy, policyStored, report, history, names, chain, generatedAt } = view;
  return JSON.stringify(
    {
      format: 'shirase.sla-report/1',
      service: { id: service.id, slug: service.slug, name: service.name, nameEn: service.nameEn },
      generatedAt,
      policy,
      policyStored,
      report,
      history,
      names,
      rounding: {
        ...REPORT_ROUNDING,
        mode: 'cut',
        rule: { ja: t('ja', 'sla')('rules.rounding'), en: t('en', 'sla')('rules.rounding') },
      },
      evidence: {
        headSeq: chain.headSeq,
        headHash: chain.headHash,
        verdict: chain.verdict,
        verifiedAt: chain.verifiedAt,
        // The same entries as /api/evidence/heads.json, so the file doubles as a witness file.
        heads: chain.publishedHeads.map(headEntry),
      },
    },
    roundReportNumbers,
    2,
  );
}
