// Monthly uptime by the seeds' formula, per component, function group and whole service:
//   service minutes = days in month × 24 × 60 − excluded minutes
//   uptime % = (service minutes − downtime minutes) / service minutes × 100
import type { ComponentStatus } from '../domain/statuses';
import { DEFAULT_DOWNTIME_STATUSES, type SlaPolicy } from './policy';
import type { SlaComponent, SlaIncident, SlaMaintenance, StatusInterval } from './inputs';
import type { MonthPeriod } from './month';
import {
  MS_PER_MINUTE,
  clip,
  combineTimelines,
  flattenByMaxWeight,
  mergeSpans,
  subtractSpans,
  type ComponentTimeline,
  type Span,
  type WeightedSpan,
} from './intervals';
import { isNoticeOnTime, maintenanceRun, stopsDuringMaintenance } from './maintenance-checks';
import { creditFor, judgeUptime, type CreditVerdict, type UptimeVerdict } from './credits';

export interface UptimeFigure {
  /** Length of the local calendar month: days × 24 × 60 in any zone without DST. */
  monthMinutes: number;
  excludedMinutes: number;
  serviceMinutes: number;
  downtimeMinutes: number;
  /** null when the whole month was excluded: nothing was promised, so nothing was lost. */
  uptimePercent: number | null;
}

export interface JudgedUptime extends UptimeFigure {
  targetPercent: number | null;
  verdict: UptimeVerdict;
  credit: CreditVerdict;
}

export interface ComponentUptime extends UptimeFigure {
  componentId: string;
  name: string;
  functionGroup: string | null;
}

export interface FunctionGroupUptime extends JudgedUptime {
  key: string;
  label: { ja: string; en: string };
  componentIds: string[];
}

export interface UptimeResult {
  service: JudgedUptime & { label: { ja: string; en: string } };
  functionGroups: FunctionGroupUptime[];
  components: ComponentUptime[];
}

export interface UptimeInput {
  policy: SlaPolicy;
  period: MonthPeriod;
  /** Open status rows and running maintenance count up to here (at most the month's end). */
  asOf: Date;
  components: readonly SlaComponent[];
  statusIntervals: readonly StatusInterval[];
  maintenances: readonly SlaMaintenance[];
  incidents: readonly SlaIncident[];
}

type DowntimeRule = { downtimeStatuses: readonly ComponentStatus[]; partialOutageWeight: number };
const UNGROUPED_RULE: DowntimeRule = { downtimeStatuses: DEFAULT_DOWNTIME_STATUSES, partialOutageWeight: 1 };

function weightOf(status: ComponentStatus, rule: DowntimeRule): number {
  if (!rule.downtimeStatuses.includes(status)) return 0;
  return status === 'partial_outage' ? rule.partialOutageWeight : 1;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Maintenance and excluded incidents, turned into per-component spans once. A maintenance stops
 * a component in its scope unless the component's function group promises to stay up during
 * maintenance (seed 000: everything but calling); there it is neither excluded nor downtime by
 * itself, and only the component's real statuses count. Components outside any policy group
 * carry no such promise, so maintenance in their scope stops them as announced.
 */
function exclusionsAndOverruns(input: UptimeInput, measured: Span, groupOf: Map<string, string | null>) {
  const { policy, asOf } = input;
  const excluded = new Map<string, Span[]>();
  const forcedDowntime = new Map<string, WeightedSpan[]>();
  // Where a component stays up by policy, its "under maintenance" status during the run was
  // the maintenance's doing (or an older release's), not an outage: it is forgiven.
  const forgiven = new Map<string, Span[]>();
  const stops = (componentId: string) => stopsDuringMaintenance(policy, groupOf.get(componentId));
  for (const m of input.maintenances) {
    const ran = maintenanceRun(m, policy, asOf);
    const run = ran && clip(ran, measured);
    if (!run) continue;
    for (const id of m.componentIds) if (!stops(id)) pushTo(forgiven, id, run);
    // Announced in time: the run inside the announced window is planned stop time (除外時間);
    // an early start or overrun is downtime. Announced late: all of it is downtime.
    const announced = isNoticeOnTime(m, policy) ? { start: m.scheduledStart.getTime(), end: m.scheduledEnd.getTime() } : null;
    const inWindow = announced && clip(run, announced);
    const outside = subtractSpans([{ ...run, weight: 1 }], inWindow ? [inWindow] : []);
    for (const id of m.componentIds) {
      if (!stops(id)) continue;
      if (inWindow) pushTo(excluded, id, inWindow);
      for (const span of outside) pushTo(forcedDowntime, id, span);
    }
  }
  for (const incident of input.incidents) {
    if (!incident.slaExcluded) continue;
    // Third-party or force-majeure: the failure's whole course is excluded, not only detection onwards.
    const span = clip({ start: incident.startedAt.getTime(), end: (incident.resolvedAt ?? asOf).getTime() }, measured);
    if (span) for (const id of incident.componentIds) pushTo(excluded, id, span);
  }
  return { excluded, forcedDowntime, forgiven };
}

function toFigure(monthMs: number, downtimeMs: number, excludedMs: number): UptimeFigure {
  const monthMinutes = monthMs / MS_PER_MINUTE;
  const excludedMinutes = excludedMs / MS_PER_MINUTE;
  const serviceMinutes = monthMinutes - excludedMinutes;
  const downtimeMinutes = downtimeMs / MS_PER_MINUTE;
  const uptimePercent = serviceMinutes > 0 ? ((serviceMinutes - downtimeMinutes) / serviceMinutes) * 100 : null;
  return { monthMinutes, excludedMinutes, serviceMinutes, downtimeMinutes, uptimePercent };
}

export function computeUptime(input: UptimeInput): UptimeResult {
  const { policy, period } = input;
  const monthMs = period.end.getTime() - period.start.getTime();
  const measured = { start: period.start.getTime(), end: Math.min(period.end.getTime(), input.asOf.getTime()) };
  const groupByKey = new Map(policy.functionGroups.map((g) => [g.key, g]));
  const groupOf = new Map(
    input.components.map((c) => [c.id, c.functionGroup && groupByKey.has(c.functionGroup) ? c.functionGroup : null]),
  );

  const { excluded, forcedDowntime, forgiven } = exclusionsAndOverruns(input, measured, groupOf);
  for (const [id, spans] of forgiven) forgiven.set(id, mergeSpans(spans));
  const statusDowntime = new Map<string, WeightedSpan[]>();
  for (const row of input.statusIntervals) {
    // Callers may pass far more history than the month: reject rows outside it first.
    const start = Math.max(row.from.getTime(), measured.start);
    const end = Math.min((row.to ?? input.asOf).getTime(), measured.end);
    if (start >= end) continue;
    const group = groupOf.get(row.componentId);
    if (group === undefined) continue;
    const weight = weightOf(row.status, (group && groupByKey.get(group)) || UNGROUPED_RULE);
    if (weight === 0) continue;
    const spans = [{ start, end, weight }];
    const cuts = row.status === 'under_maintenance' ? forgiven.get(row.componentId) : undefined;
    const kept = cuts ? subtractSpans(spans, cuts) : spans;
    for (const span of kept) pushTo(statusDowntime, row.componentId, span);
  }

  const timelines = new Map<string, ComponentTimeline>();
  const components: ComponentUptime[] = input.components.map((c) => {
    const cuts = mergeSpans(excluded.get(c.id) ?? []);
    const raw = [...(statusDowntime.get(c.id) ?? []), ...(forcedDowntime.get(c.id) ?? [])];
    const timeline = { downtime: subtractSpans(flattenByMaxWeight(raw), cuts), excluded: cuts };
    timelines.set(c.id, timeline);
    const { downtimeMs, excludedMs } = combineTimelines([timeline]);
    return {
      componentId: c.id,
      name: c.name,
      functionGroup: groupOf.get(c.id) ?? null,
      ...toFigure(monthMs, downtimeMs, excludedMs),
    };
  });

  const judged = (figure: UptimeFigure, targetPercent: number | null, scope: string): JudgedUptime => ({
    ...figure,
    targetPercent,
    verdict: judgeUptime(figure.uptimePercent, targetPercent),
    credit: creditFor(figure.uptimePercent, scope, policy),
  });
  const figureOf = (ids: string[]) => {
    const { downtimeMs, excludedMs } = combineTimelines(ids.map((id) => timelines.get(id)!));
    return toFigure(monthMs, downtimeMs, excludedMs);
  };

  const functionGroups = policy.functionGroups.map((g) => {
    const componentIds = input.components.filter((c) => groupOf.get(c.id) === g.key).map((c) => c.id);
    return { key: g.key, label: g.label, componentIds, ...judged(figureOf(componentIds), g.targetPercent, g.key) };
  });
  const service = {
    label: policy.service.label,
    ...judged(figureOf(input.components.map((c) => c.id)), policy.service.targetPercent, 'service'),
  };
  return { service, functionGroups, components };
}
