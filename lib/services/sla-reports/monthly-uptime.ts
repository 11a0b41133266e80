// Monthly uptime per component for the public page: the last few calendar months by each
// service's SLA policy (exclusions included), computed by the same engine as the reports.
import type { DbOrTx } from '../../../db/client';
import { listServices, loadStoredPolicy } from '../sla-policies/load-policy';
import { loadSlaComponents, loadSlaHistory, type ComponentScope } from './load';
import { monthOf, monthPeriod } from '../../sla/month';
import { defaultSlaPolicy, type SlaPolicy } from '../../sla/policy';
import { computeMonthlyReports } from '../../sla/report';
import { monthsEndingAt } from './sla-report';

export interface ComponentMonth {
  /** "YYYY-MM" in the policy's time zone. */
  month: string;
  /** false for the running month (figure so far). */
  complete: boolean;
  /** null when the component did not exist that month, or the month was wholly excluded. */
  uptimePercent: number | null;
}

/** componentId → its last `count` months, oldest first. Components without a service use the default policy. */
export async function monthlyUptimeByComponent(
  db: DbOrTx,
  page: { id: string; timeZone: string },
  now: Date,
  count = 3,
): Promise<Map<string, ComponentMonth[]>> {
  const services = (await listServices(db)).filter((s) => s.pageId === page.id);
  const scopes: { scope: ComponentScope; policy: SlaPolicy }[] = [
    ...(await Promise.all(
      services.map(async (s) => ({ scope: { serviceId: s.id }, policy: (await loadStoredPolicy(db, s)).policy })),
    )),
    { scope: { pageId: page.id, serviceId: null }, policy: defaultSlaPolicy(page.timeZone) },
  ];
  const out = new Map<string, ComponentMonth[]>();
  const perScope = await Promise.all(scopes.map(({ scope, policy }) => scopeMonths(db, scope, policy, now, count)));
  for (const entries of perScope) for (const [id, months] of entries) out.set(id, months);
  return out;
}

async function scopeMonths(
  db: DbOrTx,
  scope: ComponentScope,
  policy: SlaPolicy,
  now: Date,
  count: number,
): Promise<[string, ComponentMonth[]][]> {
  const months = monthsEndingAt(monthOf(now, policy.timeZone), count);
  const periods = months.map((m) => monthPeriod(m, policy.timeZone));
  const range = { start: periods[0].start, end: periods[periods.length - 1].end };
  const components = await loadSlaComponents(db, scope, range);
  if (components.length === 0) return [];
  const history = await loadSlaHistory(db, components, range);
  const reports = computeMonthlyReports({ ...history, policy, months, asOf: now });
  return components.map((c) => [
    c.id,
    reports.map((report, i) => {
      const existed = c.createdAt < periods[i].end && (!c.deletedAt || c.deletedAt > periods[i].start) && periods[i].start < now;
      const figure = report.components.find((f) => f.componentId === c.id);
      return { month: report.month, complete: report.complete, uptimePercent: existed ? (figure?.uptimePercent ?? null) : null };
    }),
  ]);
}
