import { getDb } from '@/lib/db';
import { checkHealth } from '@/lib/metrics/health';

export const dynamic = 'force-dynamic';

/** 200 when the database answers, 503 otherwise (the public page keeps serving either way). */
export async function GET() {
  const health = await checkHealth(getDb);
  return Response.json(health, { status: health.database.reachable ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
