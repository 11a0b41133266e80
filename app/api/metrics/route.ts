import { getDb } from '@/lib/db';
import { env } from '@/lib/env';
import { registerDatabaseMetrics } from '@/lib/metrics/database';
import { metrics } from '@/lib/metrics/registry';
import { registerMonitorMetrics } from '@/lib/metrics/monitors';
import { bearerTokenMatches } from '@/lib/security/bearer-token';

export const dynamic = 'force-dynamic';

/**
 * Prometheus exposition: deliveries, outbox, send latency, HTTP durations, component statuses,
 * monitor state and latency, process. Component names and delivery counts are not for
 * outsiders: `Bearer METRICS_TOKEN`, unless the operator set METRICS_PUBLIC=true.
 */
export async function GET(request: Request) {
  const config = env();
  if (config.METRICS_PUBLIC !== 'true' && !bearerTokenMatches(request.headers.get('authorization'), config.METRICS_TOKEN)) {
    return new Response('Bearer METRICS_TOKEN required\n', {
      status: 401,
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        'WWW-Authenticate': 'Bearer realm="metrics"',
        'Cache-Control': 'no-store',
      },
    });
  }
  registerDatabaseMetrics(getDb);
  registerMonitorMetrics(getDb);
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' },
  });
}
