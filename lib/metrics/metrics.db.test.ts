import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { components, workerHeartbeats } from '../../db/schema';
import { seedDemoIfEmpty } from '../../db/seed';
import { createTestDatabase } from '../../test/db';
import { createSubscriber } from '../../test/factories';
import { installDatabase } from '../db';
import { resetEnvCache } from '../env';
import { enqueueNotice } from '../notices/enqueue';
import { resolvePage } from '../pages/context';
import { setComponentStatuses } from '../services/components/set-statuses';
import { GET as metricsRoute } from '../../app/api/metrics/route';
import { GET as healthRoute } from '../../app/api/health/route';
import { observeHttpRequest, observeSendLatency, routeGroup } from './registry';
import { fanOutAll } from '../notify/fan-out';

let handle: DatabaseHandle;
let apiId: string;

const METRICS_TOKEN = 'metrics-test-token-0123456789';
const withToken = (authorization?: string) =>
  new Request('http://127.0.0.1/api/metrics', { headers: authorization ? { authorization } : {} });

beforeAll(async () => {
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  resetEnvCache();
  handle = await createTestDatabase();
  installDatabase(handle);
  await seedDemoIfEmpty(handle.db);
  const page = await resolvePage(handle.db);
  await createSubscriber(handle.db, page.id, { channel: 'line', address: 'U123' });
  await createSubscriber(handle.db, page.id, { channel: 'email' });
  await handle.db.transaction((tx) =>
    enqueueNotice(tx, {
      pageId: page.id,
      type: 'incident_opened',
      componentIds: [],
      payload: {},
      at: new Date(Date.now() - 90_000),
    }),
  );
  await fanOutAll(handle.db);
  const [api] = await handle.db.select().from(components).where(eq(components.alertKey, 'cti-api'));
  apiId = api.id;
  await handle.db.transaction((tx) =>
    setComponentStatuses(tx, {
      pageId: page.id,
      changes: [{ componentId: api.id, status: 'partial_outage' }],
      at: new Date(),
      source: 'manual',
    }),
  );
});
afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  delete process.env.METRICS_PUBLIC;
  resetEnvCache();
  await handle.close();
});

describe('/api/metrics', () => {
  it('refuses a caller without METRICS_TOKEN (401), unless METRICS_PUBLIC=true', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${METRICS_TOKEN}`, METRICS_TOKEN]) {
      const response = await metricsRoute(withToken(authorization));
      expect(response.status, String(authorization)).toBe(401);
      expect(await response.text()).not.toContain('shirase_');
    }
    process.env.METRICS_PUBLIC = 'true';
    resetEnvCache();
    try {
      expect((await metricsRoute(withToken())).status).toBe(200);
    } finally {
      delete process.env.METRICS_PUBLIC;
      resetEnvCache();
    }
  });

  it('exposes deliveries, outbox depth and age, send latency, HTTP durations, component statuses and process metrics', async () => {
    observeSendLatency('line', 0.42);
    observeHttpRequest('GET', routeGroup('/api/v2/summary.json?lang=en'), 200, 0.002);
    const response = await metricsRoute(withToken(`Bearer ${METRICS_TOKEN}`));
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/^shirase_deliveries\{channel="line",status="queued"\} 1$/m);
    expect(text).toMatch(/^shirase_deliveries\{channel="email",status="queued"\} 1$/m);
    expect(text).toMatch(/^shirase_outbox_depth 2$/m);
    const age = Number(/^shirase_outbox_oldest_queued_age_seconds (\S+)$/m.exec(text)?.[1]);
    expect(age).toBeGreaterThanOrEqual(89);
    expect(text).toMatch(/^shirase_notification_send_latency_seconds_bucket\{le="0\.5",channel="line"\} 1$/m);
    expect(text).toMatch(/^shirase_http_request_duration_seconds_count\{method="GET",route="\/api\/v2",status="200"\} 1$/m);
    expect(text).toContain(`shirase_component_status{component_id="${apiId}",component="API",status="partial_outage"} 1`);
    expect(text).toContain(`shirase_component_status{component_id="${apiId}",component="API",status="operational"} 0`);
    expect(text).toMatch(/^shirase_database_up 1$/m);
    expect(text).toMatch(/^shirase_process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^shirase_nodejs_eventloop_lag_seconds /m);
  });
});

describe('/api/health', () => {
  it('reports the database reachable and the age of the freshest worker heartbeat', async () => {
    const before = await (await healthRoute()).json();
    expect(before).toMatchObject({ status: 'ok', database: { reachable: true }, worker: { lastBeatAt: null, ageSeconds: null } });
    await handle.db.insert(workerHeartbeats).values([
      { workerId: 'old', beatAt: new Date(Date.now() - 600_000) },
      { workerId: 'fresh', beatAt: new Date(Date.now() - 30_000) },
    ]);
    const response = await healthRoute();
    expect(response.status).toBe(200);
    const after = await response.json();
    expect(after.worker.ageSeconds).toBeGreaterThanOrEqual(29);
    expect(after.worker.ageSeconds).toBeLessThan(120);
  });

  it('answers 503 when the database is unreachable', async () => {
    const closed = await createTestDatabase();
    await closed.close();
    installDatabase(closed);
    const response = await healthRoute();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'degraded', database: { reachable: false } });
    const metrics = await (await metricsRoute(withToken(`Bearer ${METRICS_TOKEN}`))).text();
    expect(metrics).toMatch(/^shirase_database_up 0$/m);
    installDatabase(handle);
  });
});
