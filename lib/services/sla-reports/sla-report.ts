// The console's monthly SLA report for one service: the month's figures, the twelve months
// before it for the chart, and the evidence chain head the figures were computed from.
import { desc } from 'drizzle-orm';
import { z } from 'zod';
import { evidence } from '../../../db/schema';
import { ROLES } from '../../domain/statuses';
import { ServiceError } from '../../errors';
import { verifySlaEvidence, type EvidenceVerdict } from '../../evidence/cross-check';
import type { PublishedHead } from '../../evidence/heads';
import { loadReportHeads } from '../../evidence/report-heads';
import { nowOf, requireRole, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { findService, listServices, loadStoredPolicy, type ServiceRef } from '../sla-policies/load-policy';
import { loadSlaComponents, loadSlaHistory, type LoadedComponent, type SlaHistory } from './load';
import { monthOf, monthPeriod } from '../../sla/month';
import type { SlaPolicy } from '../../sla/policy';
import { computeMonthlyReports, type MonthlyReport } from '../../sla/report';
import { loadWithdrawnIncidents, type WithdrawnIncident } from './withdrawn-incidents';

export const CHART_MONTHS = 12;

export type Bilingual = { ja: string; en: string | null };

/** One month of the chart: null where nothing existed to measure. */
export interface MonthlyPoint {
  month: string;
  complete: boolean;
  service: number | null;
  groups: Record<string, number | null>;
}

export interface ChainAtReport {
  /** The last row when the report was read; the figures cover everything up to it. */
  headSeq: number | null;
  /**
   * The evidence head (the verified chain and every SLA input as stored, ../evidence/cross-check.ts):
   * it changes when any evidence row or covered row changes. null until verified.
   */
  headHash: string | null;
  /** null when the caller verifies separately (the console page streams the verdict in). */
  verdict: EvidenceVerdict | null;
  verifiedAt: Date | null;
  /** Published heads up to the head above, from just before the month to its end: what customers may hold. */
  publishedHeads: PublishedHead[];
}

export interface SlaReportView {
  service: ServiceRef;
  policy: SlaPolicy;
  /** false: no valid policy is stored and the default (no targets) was used. */
  policyStored: boolean;
  report: MonthlyReport;
  history: MonthlyPoint[];
  names: { components: Record<string, Bilingual>; incidents: Record<string, Bilingual>; maintenances: Record<string, Bilingual> };
  /** Incidents of the report month taken back by an operator: named, with who and why, but not counted. */
  withdrawn: WithdrawnIncident[];
  chain: ChainAtReport;
  generatedAt: Date;
}

const reportQuery = z.object({
  serviceId: z.uuid().optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});

/** Months "YYYY-MM" from `count - 1` months before `last` up to `last`. */
export function monthsEndingAt(last: string, count: number): string[] {
  const [year, month] = last.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/**
 * Anyone signed in may read reports (viewers included); the month must have begun. The chain is
 * verified up to the head the figures were read at, unless the caller does that itself.
 */
export async function getSlaReport({
  ctx,
  input,
  verifyChain = true,
}: {
  ctx: ServiceContext;
  input: unknown;
  verifyChain?: boolean;
}): Promise<SlaReportView> {
  requireRole(ctx, ROLES);
  const query = parseInput(reportQuery, input);
  const now = nowOf(ctx);
  const db = ctx.db;
  const service = query.serviceId ? await findService(db, query.serviceId) : ((await listServices(db))[0] ?? null);
  if (!service) throw new ServiceError('not_found', query.serviceId ? 'service_not_found' : 'no_services');
  const { policy, stored } = await loadStoredPolicy(db, service);
  const current = monthOf(now, policy.timeZone);
  const month = query.month ?? current;
  if (month > current) throw new ServiceError('invalid', 'invalid_input', { month: ['month_in_future'] });

  // The head is read before the data, so every row the figures rest on is at or before it.
  const [head] = await db.select({ seq: evidence.seq, hash: evidence.hash }).from(evidence).orderBy(desc(evidence.seq)).limit(1);
  const months = monthsEndingAt(month, CHART_MONTHS);
  const range = { start: monthPeriod(months[0], policy.timeZone).start, end: monthPeriod(month, policy.timeZone).end };
  const componentList = await loadSlaComponents(db, { serviceId: service.id }, range);
  const history = await loadSlaHistory(db, componentList, range);
  const reports = reportsByMonth(policy, months, history, now);
  const withdrawn = await loadWithdrawnIncidents(
    db,
    componentList.map((c) => c.id),
    monthPeriod(month, policy.timeZone),
  );
  const verdict = verifyChain ? await verifySlaEvidence(db) : null;
  const publishedHeads = await loadReportHeads(db, { ...monthPeriod(month, policy.timeZone), upToSeq: head?.seq ?? null });

  return {
    service,
    policy,
    policyStored: stored,
    report: reports[reports.length - 1].report,
    history: reports.map(({ report, measured }) => ({
      month: report.month,
      complete: report.complete,
      service: measured ? report.service.uptimePercent : null,
      groups: Object.fromEntries(
        report.functionGroups.map((g) => [g.key, measured && g.componentIds.length ? g.uptimePercent : null]),
      ),
    })),
    names: {
      components: Object.fromEntries(history.components.map((c) => [c.id, { ja: c.name, en: c.nameEn }])),
      incidents: Object.fromEntries(history.incidents.map((i) => [i.id, { ja: i.title, en: i.titleEn }])),
      maintenances: Object.fromEntries(history.maintenances.map((m) => [m.id, { ja: m.title, en: m.titleEn }])),
    },
    withdrawn,
    chain: {
      headSeq: head?.seq ?? null,
      headHash: verdict?.head ?? null,
      verdict,
      verifiedAt: verdict ? nowOf(ctx) : null,
      publishedHeads,
    },
    generatedAt: now,
  };
}

/**
 * One report per month, each over the components that existed that month: a component added
 * in June must not make January look perfect. Months sharing a component set are computed in one pass.
 */
function reportsByMonth(
  policy: SlaPolicy,
  months: string[],
  history: SlaHistory,
  now: Date,
): { report: MonthlyReport; measured: boolean }[] {
  const existed = (c: LoadedComponent, month: string) => {
    const period = monthPeriod(month, policy.timeZone);
    return c.createdAt < period.end && (!c.deletedAt || c.deletedAt > period.start);
  };
  const bySet = new Map<string, { months: string[]; components: LoadedComponent[] }>();
  for (const month of months) {
    const members = history.components.filter((c) => existed(c, month));
    const key = members.map((c) => c.id).join(',');
    const entry = bySet.get(key) ?? { months: [], components: members };
    entry.months.push(month);
    bySet.set(key, entry);
  }
  const out = new Map<string, { report: MonthlyReport; measured: boolean }>();
  for (const { months: group, components } of bySet.values()) {
    const reports = computeMonthlyReports({ ...history, policy, components, months: group, asOf: now });
    for (const report of reports) out.set(report.month, { report, measured: components.length > 0 });
  }
  return months.map((m) => out.get(m)!);
}

/** The whole chain and the SLA inputs against it, for the console's "verify" button and report pages. */
export async function verifyEvidence({ ctx }: { ctx: ServiceContext }): Promise<{ verdict: EvidenceVerdict; verifiedAt: Date }> {
  requireRole(ctx, ROLES);
  const verdict = await verifySlaEvidence(ctx.db);
  return { verdict, verifiedAt: nowOf(ctx) };
}
