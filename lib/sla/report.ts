// One month's SLA report for one service: a plain object that the console page renders and
// the CSV/JSON exports serialise as is (Dates become ISO strings through JSON.stringify).
import type { CreditTier, SlaPolicy } from './policy';
import type { SlaComponent, SlaDelivery, SlaIncident, SlaMaintenance, StatusInterval } from './inputs';
import { monthPeriod, spreadOverPeriods } from './month';
import { businessCalendarOf } from './business-time';
import { computeUptime, type ComponentUptime, type FunctionGroupUptime, type UptimeResult } from './uptime';
import { checkIncidentTargets, firstSentDeliveryByIncident, type IncidentTargetCheck } from './incident-targets';
import { checkMaintenance, type MaintenanceCheck } from './maintenance-checks';

export interface MonthlyReportInput {
  policy: SlaPolicy;
  /** "YYYY-MM", a calendar month in the policy's time zone. */
  month: string;
  components: readonly SlaComponent[];
  statusIntervals: readonly StatusInterval[];
  incidents: readonly SlaIncident[];
  maintenances: readonly SlaMaintenance[];
  deliveries: readonly SlaDelivery[];
  /** The moment the figures describe; defaults to the month's end. Pass "now" for the running month. */
  asOf?: Date;
}

export interface MonthlyReportSummary {
  creditDue: boolean;
  /** Every figure that reached a credit tier: "service" or a function group key. */
  credits: { scope: string; tier: CreditTier }[];
  /** Scopes whose uptime target was missed. */
  targetsMissed: string[];
  incidentCount: number;
  excludedIncidentCount: number;
  firstNoticeMissed: number;
  resolveMissed: number;
  maintenanceCount: number;
  lateNoticeMaintenances: number;
  outOfWindowMaintenances: number;
  overMaxDurationMaintenances: number;
}

export interface MonthlyReport {
  month: string;
  timeZone: string;
  periodStart: Date;
  periodEnd: Date;
  asOf: Date;
  /** false while the month is still running: figures so far, against the whole month. */
  complete: boolean;
  service: UptimeResult['service'];
  functionGroups: FunctionGroupUptime[];
  components: ComponentUptime[];
  /** Incidents detected this month. */
  incidents: IncidentTargetCheck[];
  /** Maintenance scheduled to start this month. */
  maintenances: MaintenanceCheck[];
  summary: MonthlyReportSummary;
}

function summarise(
  uptime: UptimeResult,
  incidents: IncidentTargetCheck[],
  maintenances: MaintenanceCheck[],
): MonthlyReportSummary {
  const scopes = [
    { scope: 'service', figure: uptime.service },
    ...uptime.functionGroups.map((g) => ({ scope: g.key, figure: g })),
  ];
  const credits = scopes.flatMap(({ scope, figure }) => (figure.credit.tier ? [{ scope, tier: figure.credit.tier }] : []));
  return {
    creditDue: credits.length > 0,
    credits,
    targetsMissed: scopes.filter(({ figure }) => figure.verdict === 'missed').map(({ scope }) => scope),
    incidentCount: incidents.length,
    excludedIncidentCount: incidents.filter((i) => i.slaExcluded).length,
    firstNoticeMissed: incidents.filter((i) => i.firstNotice.verdict === 'missed').length,
    resolveMissed: incidents.filter((i) => i.resolve.verdict === 'missed').length,
    maintenanceCount: maintenances.length,
    lateNoticeMaintenances: maintenances.filter((m) => m.lateNotice).length,
    outOfWindowMaintenances: maintenances.filter((m) => m.insidePreferredWindow === false).length,
    overMaxDurationMaintenances: maintenances.filter((m) =>
      m.durations.some((d) => d.actualWithinMax === false || (d.actualWithinMax === null && d.plannedWithinMax === false)),
    ).length,
  };
}

export interface MonthlyReportsInput extends Omit<MonthlyReportInput, 'month'> {
  months: readonly string[];
}

/** Several months over one history (a year's export, the public page's last three months). */
export function computeMonthlyReports(input: MonthlyReportsInput): MonthlyReport[] {
  const { policy } = input;
  const periods = input.months.map((month) => monthPeriod(month, policy.timeZone));
  const rowsByMonth = spreadOverPeriods(input.statusIntervals, periods, (row) => row);
  const calendar = businessCalendarOf(policy);
  const firstDelivery = firstSentDeliveryByIncident(input.deliveries);
  const groupOf = new Map(input.components.map((c) => [c.id, c.functionGroup]));

  return periods.map((period, i) => {
    const asOf = input.asOf ?? period.end;
    const [start, end] = [period.start.getTime(), period.end.getTime()];
    const inMonth = (at: Date) => at.getTime() >= start && at.getTime() < end;
    const uptime = computeUptime({
      policy,
      period,
      asOf,
      components: input.components,
      statusIntervals: rowsByMonth[i],
      maintenances: input.maintenances,
      incidents: input.incidents,
    });
    const incidents = input.incidents
      .filter((incident) => inMonth(incident.detectedAt))
      .sort((a, b) => a.detectedAt.getTime() - b.detectedAt.getTime())
      .map((incident) => checkIncidentTargets(incident, firstDelivery.get(incident.id) ?? null, policy, calendar, asOf));
    const maintenances = input.maintenances
      .filter((m) => inMonth(m.scheduledStart))
      .sort((a, b) => a.scheduledStart.getTime() - b.scheduledStart.getTime())
      .map((m) => checkMaintenance(m, policy, groupOf, asOf));
    return {
      month: period.month,
      timeZone: policy.timeZone,
      periodStart: period.start,
      periodEnd: period.end,
      asOf,
      complete: asOf >= period.end,
      service: uptime.service,
      functionGroups: uptime.functionGroups,
      components: uptime.components,
      incidents,
      maintenances,
      summary: summarise(uptime, incidents, maintenances),
    };
  });
}

export function computeMonthlyReport(input: MonthlyReportInput): MonthlyReport {
  return computeMonthlyReports({ ...input, months: [input.month] })[0];
}
