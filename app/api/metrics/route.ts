import { getDb } from '@/lib/db';
import { registerDatabaseMetrics } from '@/lib/metrics/database';
import { metrics } from '@/lib/metrics/registry';
import { registerMonitorMetrics } from '@/lib/monitors/metrics';

export const dynamic = 'force-dynamic';

/** Prometheus exposition: deliveries, outbox, send latency, HTTP durations, component statuses, monitor state and latency, process. */
export async function GET() {
  registerDatabaseMetrics(getDb);
  registerMonitorMetrics(getDb);
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' } });
}
