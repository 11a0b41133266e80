import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../../db/client';
import { alertEvents, auditLog, components, deliveries, incidentComponents, incidents, pages } from '../../../db/schema';
import { seedDemoIfEmpty } from '../../../db/seed';
import { createTestDatabase } from '../../../test/db';
import { createSubscriber } from '../../../test/factories';
import { installDatabase } from '../../db';
import { resetEnvCache } from '../../env';
import { POST } from '../../../app/api/webhooks/alertmanager/route';
import { listResolveProposals } from './proposals';
import { fanOutAll } from '../../notify/fan-out';

const TOKEN = 'alertmanager-test-token-0123456789';
let handle: DatabaseHandle;
let calling: typeof components.$inferSelect;

beforeAll(async () => {
  process.env.ALERTMANAGER_TOKEN = TOKEN;
  resetEnvCache();
  handle = await createTestDatabase();
  installDatabase(handle);
  await seedDemoIfEmpty(handle.db);
  [calling] = await handle.db.select().from(components).where(eq(components.alertKey, 'calling'));
});
afterAll(async () => {
  delete process.env.ALERTMANAGER_TOKEN;
  resetEnvCache();
  await handle.close();
});

const startsAt = new Date(Date.now() - 10 * 60_000).toISOString();
const NEVER = '0001-01-01T00:00:00Z';
function alert(fingerprint: string, status: 'firing' | 'resolved', labels: Record<string, string>, starts = startsAt) {
  return {
    status,
    labels: { alertname: 'HighErrorRate', ...labels },
    annotations: { summary: '発信のエラー率が上昇' },
    startsAt: starts,
    endsAt: status === 'firing' ? NEVER : new Date().toISOString(),
    generatorURL: '',
    fingerprint,
  };
}
function group(alerts: ReturnType<typeof alert>[]) {
  return {
    version: '4',
    groupKey: '{}:{alertname="HighErrorRate"}',
    truncatedAlerts: 0,
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    receiver: 'shirase',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager',
    alerts,
  };
}
const send = (body: unknown, authorization: string | null = `Bearer ${TOKEN}`) =>
  POST(
    new Request('http://127.0.0.1/api/webhooks/alertmanager', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
const statusOf = async (id: string) =>
  (await handle.db.select({ status: components.status }).from(components).where(eq(components.id, id)))[0].status;
const countOf = async (table: typeof alertEvents | typeof incidents | typeof auditLog) =>
  (await handle.db.select({ n: count() }).from(table))[0].n;

describe('Alertmanager webhook', () => {
  it('refuses a missing or wrong token with 401 and a bad payload with 422, changing nothing', async () => {
    const before = { events: await countOf(alertEvents), incidents: await countOf(incidents) };
    const body = group([alert('fp-auth', 'firing', { component: 'calling', severity: 'critical' })]);
    const missing = await send(body, null);
    expect(missing.status).toBe(401);
    expect((await missing.json()).code).toBe('alert_token_missing');
    expect((await send(body, 'Bearer wrong-token-wrong-token')).status).toBe(401);
    expect((await send(body, `Basic ${TOKEN}`)).status).toBe(401);
    const bad = await send({ version: '3', alerts: [] });
    expect(bad.status).toBe(422);
    expect((await send('not json')).status).toBe(422);
    expect({ events: await countOf(alertEvents), incidents: await countOf(incidents) }).toEqual(before);
    expect(await statusOf(calling.id)).toBe('operational');
  });

  it('a firing alert sets the status by severity and opens a draft incident detected at startsAt; a resend changes nothing', async () => {
    const body = group([alert('fp-1', 'firing', { component: 'calling', severity: 'critical' })]);
    const response = await send(body);
    expect(response.status).toBe(200);
    expect((await response.json()).alerts).toEqual([{ fingerprint: 'fp-1', status: 'firing', result: 'applied' }]);
    expect(await statusOf(calling.id)).toBe('major_outage');
    const [event] = await handle.db.select().from(alertEvents).where(eq(alertEvents.fingerprint, 'fp-1'));
    const [incident] = await handle.db.select().from(incidents).where(eq(incidents.id, event.incidentId!));
    expect(incident).toMatchObject({ published: false, severity: 'emergency', status: 'investigating' });
    expect(incident.detectedAt.toISOString()).toBe(new Date(startsAt).toISOString());
    expect(await handle.db.select().from(incidentComponents).where(eq(incidentComponents.incidentId, incident.id))).toEqual([
      { incidentId: incident.id, componentId: calling.id, status: 'major_outage' },
    ]);

    const counts = { events: await countOf(alertEvents), incidents: await countOf(incidents), audit: await countOf(auditLog) };
    const again = await send(body);
    expect((await again.json()).alerts[0].result).toBe('duplicate');
    expect({ events: await countOf(alertEvents), incidents: await countOf(incidents), audit: await countOf(auditLog) }).toEqual(
      counts,
    );
  });

  it('joins a second alert on the same component to the open incident without lowering its status', async () => {
    await send(
      group([
        alert('fp-1', 'firing', { component: 'calling', severity: 'critical' }),
        alert('fp-2', 'firing', { component: 'calling', severity: 'warning' }),
      ]),
    );
    const events = await handle.db.select().from(alertEvents).where(eq(alertEvents.componentId, calling.id));
    expect(new Set(events.map((e) => e.incidentId)).size).toBe(1);
    expect(await statusOf(calling.id)).toBe('major_outage');
  });

  it('resolving returns the component to operational once no alert fires, and proposes resolving the incident', async () => {
    const [first] = await handle.db.select().from(alertEvents).where(eq(alertEvents.fingerprint, 'fp-1'));
    await send(group([alert('fp-1', 'resolved', { component: 'calling', severity: 'critical' })]));
    expect(await statusOf(calling.id)).toBe('major_outage');
    expect(await listResolveProposals(handle.db)).toEqual([]);

    await send(group([alert('fp-2', 'resolved', { component: 'calling', severity: 'warning' })]));
    expect(await statusOf(calling.id)).toBe('operational');
    const [incident] = await handle.db.select().from(incidents).where(eq(incidents.id, first.incidentId!));
    expect(incident.resolvedAt).toBeNull();
    expect(await listResolveProposals(handle.db)).toEqual([{ incidentId: incident.id, title: incident.title, published: false }]);
    const resent = await send(group([alert('fp-2', 'resolved', { component: 'calling', severity: 'warning' })]));
    expect((await resent.json()).alerts[0].result).toBe('duplicate');
  });

  it('records alerts for unknown components without touching anything else', async () => {
    const incidentsBefore = await countOf(incidents);
    const response = await send(group([alert('fp-x', 'firing', { component: 'no-such-thing' })]));
    expect((await response.json()).alerts[0].result).toBe('no_component');
    expect(await countOf(incidents)).toBe(incidentsBefore);
  });

  it('follows the page settings: label names, severity map, and publishing with notices', async () => {
    const [page] = await handle.db.select().from(pages);
    await handle.db
      .update(pages)
      .set({
        settings: {
          alerts: {
            componentLabel: 'service',
            severityLabel: 'level',
            severityStatus: { page: 'degraded_performance' },
            publishIncidents: true,
          },
        },
      })
      .where(eq(pages.id, page.id));
    const [recordings] = await handle.db.select().from(components).where(eq(components.alertKey, 'recordings'));
    await createSubscriber(handle.db, page.id, { componentIds: [recordings.id] });
    const queuedBefore = (await handle.db.select({ n: count() }).from(deliveries))[0].n;
    await send(group([alert('fp-3', 'firing', { service: 'recordings', level: 'page' })]));
    expect(await statusOf(recordings.id)).toBe('degraded_performance');
    const [event] = await handle.db.select().from(alertEvents).where(eq(alertEvents.fingerprint, 'fp-3'));
    const [incident] = await handle.db.select().from(incidents).where(eq(incidents.id, event.incidentId!));
    expect(incident.published).toBe(true);
    await fanOutAll(handle.db);
    expect((await handle.db.select({ n: count() }).from(deliveries))[0].n).toBeGreaterThan(queuedBefore);
  });
});
