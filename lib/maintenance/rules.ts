// Policy checks for a planned maintenance, as pure functions over the service policies that
// cover its scope. The arithmetic itself lives in lib/sla/maintenance-checks so the scheduling
// form and the monthly SLA report can never disagree.
import type { PreferredWindow, SlaPolicy } from '../sla/policy';
import { checkMaintenance, stopsDuringMaintenance } from '../sla/maintenance-checks';

type Label = { ja: string; en: string };

/** The part of a maintenance's scope governed by one service's policy. */
export type PolicyScope = {
  serviceId: string | null;
  serviceName: Label | null;
  policy: SlaPolicy;
  /** No valid stored policy: the product default applies. */
  isFallback: boolean;
  componentIds: string[];
  /** componentId → function group key (component's own, else its group's). */
  groupOf: ReadonlyMap<string, string | null>;
  /** componentId → its name, for sentences that list components. */
  names?: ReadonlyMap<string, Label>;
};

export type PlannedWindow = { start: Date; end: Date; announcedAt: Date };

export type DurationCheck = {
  functionGroup: string;
  label: Label;
  maxMinutes: number | null;
  plannedMinutes: number;
  withinMax: boolean | null;
};

export type ServicePlanCheck = {
  serviceId: string | null;
  serviceName: Label | null;
  isFallback: boolean;
  timeZone: string;
  noticeDays: number;
  requiredNoticeDays: number;
  /** Below the notice period: the SLA counts the whole maintenance as downtime. */
  lateNotice: boolean;
  /** null when the policy names no preferred window. */
  insideWindow: boolean | null;
  windows: PreferredWindow[];
  durations: DurationCheck[];
  /** Listed, but the policy says they stay up: not put under maintenance, not excluded. */
  staysAvailable: { id: string; name: Label }[];
};

export type PlanCheck = {
  durationMinutes: number;
  services: ServicePlanCheck[];
  lateNotice: boolean;
  outOfWindow: boolean;
  overMaxDuration: boolean;
  staysAvailable: boolean;
};

export function checkPlan(plan: PlannedWindow, scopes: readonly PolicyScope[]): PlanCheck {
  const services = scopes.map((scope) => checkScope(plan, scope));
  return {
    durationMinutes: Math.round((plan.end.getTime() - plan.start.getTime()) / 60_000),
    services,
    lateNotice: services.some((s) => s.lateNotice),
    outOfWindow: services.some((s) => s.insideWindow === false),
    overMaxDuration: services.some((s) => s.durations.some((d) => d.withinMax === false)),
    staysAvailable: services.some((s) => s.staysAvailable.length > 0),
  };
}

function checkScope(plan: PlannedWindow, scope: PolicyScope): ServicePlanCheck {
  const check = checkMaintenance(
    {
      id: 'plan',
      title: '',
      scheduledStart: plan.start,
      scheduledEnd: plan.end,
      announcedAt: plan.announcedAt,
      actualStart: null,
      actualEnd: null,
      status: 'scheduled',
      componentIds: scope.componentIds,
    },
    scope.policy,
    scope.groupOf,
    plan.announcedAt,
  );
  const labels = new Map(scope.policy.functionGroups.map((g) => [g.key, g.label]));
  return {
    serviceId: scope.serviceId,
    serviceName: scope.serviceName,
    isFallback: scope.isFallback,
    timeZone: scope.policy.timeZone,
    noticeDays: check.noticeDays,
    requiredNoticeDays: check.requiredNoticeDays,
    lateNotice: check.lateNotice,
    insideWindow: check.insidePreferredWindow,
    windows: scope.policy.maintenance.preferredWindows,
    durations: check.durations.map((d) => ({
      functionGroup: d.functionGroup,
      label: labels.get(d.functionGroup) ?? { ja: d.functionGroup, en: d.functionGroup },
      maxMinutes: d.maxMinutes,
      plannedMinutes: d.scheduledMinutes,
      withinMax: d.plannedWithinMax,
    })),
    staysAvailable: scope.componentIds
      .filter((id) => !stopsDuringMaintenance(scope.policy, scope.groupOf.get(id)))
      .map((id) => ({ id, name: scope.names?.get(id) ?? { ja: id, en: id } })),
  };
}

/** Components in scope that keep running during maintenance by their service's policy. */
export function availableComponentIds(scopes: readonly PolicyScope[]): Set<string> {
  return new Set(scopes.flatMap((s) => s.componentIds.filter((id) => !stopsDuringMaintenance(s.policy, s.groupOf.get(id)))));
}

/** The system ends it on schedule only if every policy in scope says so. */
export function autoCompleteFor(scopes: readonly PolicyScope[]): boolean {
  return scopes.every((s) => s.policy.maintenance.autoComplete);
}

/**
 * Minutes before the start at which subscribers get a reminder: the union over the policies in
 * scope. Offset 0 ("at start") is the started notice itself, so it is not a separate reminder.
 */
export function reminderOffsets(scopes: readonly PolicyScope[]): number[] {
  const all = scopes.flatMap((s) => s.policy.maintenance.reminderOffsetsMinutes).filter((m) => m > 0);
  return [...new Set(all)].sort((a, b) => b - a);
}

/**
 * The one reminder to send now, if any: the most recent offset whose moment has passed, that
 * fell after customers were told these times (the announcement covers earlier ones), before
 * the start. After a restart only the latest missed reminder goes out, never a burst.
 */
export function dueReminderOffset(input: {
  start: Date;
  announcedAt: Date;
  now: Date;
  offsets: readonly number[];
}): number | null {
  const now = input.now.getTime();
  if (now >= input.start.getTime()) return null;
  const due = input.offsets
    .map((offset) => ({ offset, at: input.start.getTime() - offset * 60_000 }))
    .filter((r) => r.at <= now && r.at > input.announcedAt.getTime())
    .sort((a, b) => a.offset - b.offset);
  return due[0]?.offset ?? null;
}

/** "7d", "1d", "2h", "30m": readable in dedupe keys and in the reminder text. */
export function offsetLabel(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/**
 * When an edit changes the window, customers learn the new times only now, unless the new
 * window lies inside the one they were told (shortened): then the original notice still holds.
 */
export function announcedAtAfterEdit(
  before: { start: Date; end: Date; announcedAt: Date },
  after: { start: Date; end: Date },
  now: Date,
): Date {
  const unchanged = before.start.getTime() === after.start.getTime() && before.end.getTime() === after.end.getTime();
  const inside = after.start >= before.start && after.end <= before.end;
  return unchanged || inside ? before.announcedAt : now;
}
