// SLA computation benchmark: one year of history for 50 components (20,000 status changes,
// 2,000 incidents), all twelve monthly reports. Goal: under 200 ms for the computation itself.
// Run: npx tsx bench/sla.ts
import { callCenterPolicy } from '../lib/sla/templates';
import { computeMonthlyReport, computeMonthlyReports } from '../lib/sla/report';
import type { SlaComponent, SlaDelivery, SlaIncident, SlaMaintenance, StatusInterval } from '../lib/sla/inputs';
import { SEVERITIES, type ComponentStatus } from '../lib/domain/statuses';

const GOAL_MS = 200;
const COMPONENTS = 50;
const STATUS_CHANGES = 20_000;
const INCIDENTS = 2_000;
const MINUTE = 60_000;
const YEAR_START = Date.parse('2026-01-01T00:00:00+09:00');
const YEAR_END = Date.parse('2027-01-01T00:00:00+09:00');

// Deterministic data so runs compare (mulberry32).
let seed = 0x5eed;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const between = (min: number, max: number) => min + random() * (max - min);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

const components: SlaComponent[] = Array.from({ length: COMPONENTS }, (_, i) => ({
  id: `c${i}`,
  name: `Component ${i}`,
  functionGroup: i % 2 === 0 ? 'calling' : 'web',
}));

// Each component alternates operational stretches with short non-operational ones.
const statusIntervals: StatusInterval[] = [];
const perComponent = STATUS_CHANGES / COMPONENTS;
const cycle = (YEAR_END - YEAR_START) / (perComponent / 2);
const troubles: ComponentStatus[] = ['major_outage', 'partial_outage', 'degraded_performance', 'under_maintenance'];
for (const c of components) {
  let at = YEAR_START;
  for (let k = 0; k < perComponent / 2; k++) {
    const outage = Math.round(between(5, 90)) * MINUTE;
    const calm = Math.max(MINUTE, Math.round(cycle - outage + between(-30, 30) * MINUTE));
    const last = k === perComponent / 2 - 1;
    statusIntervals.push({ componentId: c.id, status: 'operational', from: new Date(at), to: new Date(at + calm) });
    statusIntervals.push({
      componentId: c.id,
      status: pick(troubles),
      from: new Date(at + calm),
      to: last ? null : new Date(at + calm + outage),
    });
    at += calm + outage;
  }
}

const incidents: SlaIncident[] = [];
const deliveries: SlaDelivery[] = [];
for (let i = 0; i < INCIDENTS; i++) {
  const startedAt = between(YEAR_START, YEAR_END - 4 * 24 * 60 * MINUTE);
  const detectedAt = startedAt + between(0, 20) * MINUTE;
  const excluded = random() < 0.05;
  incidents.push({
    id: `i${i}`,
    title: `Incident ${i}`,
    severity: pick(SEVERITIES),
    startedAt: new Date(startedAt),
    detectedAt: new Date(detectedAt),
    resolvedAt: new Date(detectedAt + between(10, 3 * 24 * 60) * MINUTE),
    firstPublicPostAt: random() < 0.8 ? new Date(detectedAt + between(5, 90) * MINUTE) : null,
    slaExcluded: excluded,
    exclusionKind: excluded ? 'third_party' : null,
    exclusionReason: excluded ? 'carrier outage' : null,
    componentIds: Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(components).id),
  });
  for (let d = 0; d < 5; d++) {
    deliveries.push({
      incidentId: `i${i}`,
      status: random() < 0.9 ? 'sent' : 'failed',
      sentAt: new Date(detectedAt + between(1, 120) * MINUTE),
    });
  }
}

const maintenances: SlaMaintenance[] = [];
for (let week = 0; week < 52; week++) {
  const start = YEAR_START + week * 7 * 24 * 60 * MINUTE + 24 * 60 * MINUTE; // nightly 00:00 JST
  const overrun = random() < 0.2 ? between(10, 60) * MINUTE : 0;
  maintenances.push({
    id: `m${week}`,
    title: `Maintenance ${week}`,
    scheduledStart: new Date(start),
    scheduledEnd: new Date(start + 300 * MINUTE),
    announcedAt: new Date(start - between(0.5, 20) * 24 * 60 * MINUTE),
    actualStart: new Date(start),
    actualEnd: new Date(start + 240 * MINUTE + overrun),
    status: 'completed',
    componentIds: components.filter((_, i) => i % 4 === 0).map((c) => c.id),
  });
}

const months = Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`);
const history = { policy: callCenterPolicy, components, statusIntervals, incidents, maintenances, deliveries };
const yearInOneCall = () => computeMonthlyReports({ ...history, months });
const yearMonthByMonth = () => months.map((month) => computeMonthlyReport({ ...history, month }));

function medianOf(runs: number, work: () => unknown): { median: number; min: number; max: number } {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], min: times[0], max: times[runs - 1] };
}

// The first call in a fresh process pays for JIT warm-up and empty calendar caches: that is the figure judged.
const started = performance.now();
const cpuBefore = process.cpuUsage();
const reports = yearInOneCall();
const coldMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const coldCpuMs = (cpu.user + cpu.system) / 1000;
const warm = medianOf(10, yearInOneCall);
const separate = medianOf(10, yearMonthByMonth);
const fmt = (t: { median: number; min: number; max: number }) =>
  `${t.median.toFixed(1)} ms (min ${t.min.toFixed(1)}, max ${t.max.toFixed(1)})`;

console.log('SLA monthly reports, one year');
console.log(`  rows: ${components.length} components, ${statusIntervals.length} status changes, ${incidents.length} incidents,`);
console.log(`        ${maintenances.length} maintenances, ${deliveries.length} deliveries`);
console.log(`  reports: ${reports.length}, incidents reported: ${reports.reduce((n, r) => n + r.incidents.length, 0)}`);
console.log(`  service uptime by month: ${reports.map((r) => r.service.uptimePercent?.toFixed(2)).join(' ')}`);
// CPU time shows how much of a slow wall-clock figure was other processes on a shared machine.
console.log(`  12 months, first call (cold):             ${coldMs.toFixed(1)} ms (process CPU ${coldCpuMs.toFixed(1)} ms)`);
console.log(`  12 months in one call, median of 10:      ${fmt(warm)}`);
console.log(`  12 separate monthly calls, median of 10:  ${fmt(separate)}`);
console.log(`  ratio to the ${GOAL_MS} ms goal (cold): ${(coldMs / GOAL_MS).toFixed(2)} ${coldMs < GOAL_MS ? 'PASS' : 'FAIL'}`);
