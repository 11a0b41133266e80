import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { auditLog, components, componentStatusChanges, deliveries, evidence, incidents, maintenances } from '../../db/schema';
import { seedDemoIfEmpty } from '../../db/seed';
import { createTestDatabase } from '../../test/db';
import { createSubscriber } from '../../test/factories';
import { installDatabase } from '../db';
import { resolvePage } from '../pages/context';
import { systemActor } from '../services/context';
import { createApiKey } from '../services/api-keys/create';
import { revokeApiKey } from '../services/api-keys/revoke';
import { POST as postIncident } from '../../app/api/v1/pages/[pageId]/incidents/route';
import { PATCH as patchIncident } from '../../app/api/v1/pages/[pageId]/incidents/[incidentId]/route';
import { PATCH as patchComponent } from '../../app/api/v1/pages/[pageId]/components/[componentId]/route';
import { GET as listComponents } from '../../app/api/v1/pages/[pageId]/components/route';
import { fanOutAll } from '../notify/fan-out';

let handle: DatabaseHandle;
let pageId: string;
let key: string;
let apiComponent: typeof components.$inferSelect;
const admin = () => ({ db: handle.db, actor: systemActor('test') });

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabase(handle);
  await seedDemoIfEmpty(handle.db);
  pageId = (await resolvePage(handle.db)).id;
  [apiComponent] = await handle.db.select().from(components).where(eq(components.name, 'API'));
  await createSubscriber(handle.db, pageId, { componentIds: [apiComponent.id] });
  ({ key } = await createApiKey({ ctx: admin(), input: { name: 'deploy-bot' } }));
});
afterAll(() => handle.close());

const url = (path: string) => `http://127.0.0.1/api/v1/pages/${pageId}${path}`;
function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Request {
  return new Request(url(path), {
    method,
    headers: { 'content-type': 'application/json', authorization: `OAuth ${key}`, ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const params = <P>(p: P) => ({ params: Promise.resolve({ pageId, ...p }) });
const incidentCount = async () => (await handle.db.select({ n: count() }).from(incidents))[0].n;

describe('management API authentication', () => {
  it('refuses a missing, unknown or revoked key with 401 and changes nothing', async () => {
    const before = await incidentCount();
    const body = { incident: { name: 'x', body: 'y' } };
    const missing = await postIncident(call('POST', '/incidents', body, { authorization: '' }), params({}));
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('OAuth');
    expect(await missing.json()).toMatchObject({ code: 'api_key_missing', error: expect.stringContaining('OAuth') });
    const unknown = await postIncident(
      call('POST', '/incidents', body, { authorization: 'OAuth shirase_nope', 'accept-language': 'en' }),
      params({}),
    );
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).error).toMatch(/not valid or has been revoked/);

    const revoked = await createApiKey({ ctx: admin(), input: { name: 'old' } });
    await revokeApiKey({ ctx: admin(), input: { id: revoked.id } });
    const gone = await postIncident(call('POST', '/incidents', body, { authorization: `OAuth ${revoked.key}` }), params({}));
    expect(gone.status).toBe(401);
    expect(await incidentCount()).toBe(before);
  });

  it('answers 404 for another page id', async () => {
    const response = await listComponents(call('GET', '/components'), {
      params: Promise.resolve({ pageId: '00000000-0000-0000-0000-000000000000' }),
    });
    expect(response.status).toBe(404);
    expect((await response.json()).code).toBe('page_not_found');
  });
});

describe('management API validation', () => {
  it('explains bad JSON, a missing wrapper and unknown components, and writes nothing', async () => {
    const before = await incidentCount();
    const notJson = await postIncident(call('POST', '/incidents', '{"incident":', { 'accept-language': 'en' }), params({}));
    expect(notJson.status).toBe(422);
    expect(await notJson.json()).toMatchObject({ code: 'invalid_json', error: expect.stringMatching(/not valid JSON/) });

    const noWrapper = await postIncident(call('POST', '/incidents', { name: 'flat' }), params({}));
    expect(noWrapper.status).toBe(422);
    expect(Object.keys((await noWrapper.json()).fields)).toEqual(['incident']);

    const unknown = await postIncident(
      call('POST', '/incidents', {
        incident: { name: 'x', body: 'y', components: { '00000000-0000-0000-0000-000000000000': 'major_outage' } },
      }),
      params({}),
    );
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).fields).toHaveProperty(['incident.components']);

    const badStatus = await postIncident(
      call('POST', '/incidents', { incident: { name: 'x', body: 'y', components: { [apiComponent.id]: 'on_fire' } } }),
      params({}),
    );
    expect(badStatus.status).toBe(422);
    const noName = await postIncident(call('POST', '/incidents', { incident: { body: 'y' } }), params({}));
    expect((await noName.json()).fields).toHaveProperty(['incident.name']);
    expect(await incidentCount()).toBe(before);
  });
});

describe('management API, Statuspage request shapes', () => {
  it('opens, updates and resolves an incident through the same services as the console', async () => {
    const created = await postIncident(
      call('POST', '/incidents', {
        incident: {
          name: 'API エラー',
          status: 'investigating',
          impact_override: 'major',
          body: '調査中です',
          components: { [apiComponent.id]: 'major_outage' },
        },
      }),
      params({}),
    );
    expect(created.status).toBe(201);
    const incident = await created.json();
    expect(incident).toMatchObject({ name: 'API エラー', status: 'investigating', impact: 'major', page_id: pageId });
    expect(incident.incident_updates[0]).toMatchObject({
      body: '調査中です',
      affected_components: [{ code: apiComponent.id, new_status: 'major_outage' }],
    });
    const [row] = await handle.db.select().from(components).where(eq(components.id, apiComponent.id));
    expect(row.status).toBe('major_outage');
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'incident.open'), eq(auditLog.entityId, incident.id)));
    expect(audit[0].actorLabel).toBe('api-key:deploy-bot');
    await fanOutAll(handle.db);
    expect((await handle.db.select({ n: count() }).from(deliveries))[0].n).toBeGreaterThan(0);
    expect(
      (await handle.db.select({ n: count() }).from(evidence).where(eq(evidence.kind, 'incident_post')))[0].n,
    ).toBeGreaterThan(0);

    const identified = await patchIncident(
      call('PATCH', `/incidents/${incident.id}`, { incident: { status: 'identified', body: '原因を特定しました' } }),
      params({ incidentId: incident.id }),
    );
    expect(identified.status).toBe(200);
    expect((await identified.json()).status).toBe('identified');

    const resolved = await patchIncident(
      call('PATCH', `/incidents/${incident.id}`, { incident: { status: 'resolved' } }),
      params({ incidentId: incident.id }),
    );
    const body = await resolved.json();
    expect(body.status).toBe('resolved');
    expect(body.incident_updates[0].body).toBe('この障害は解決しました。');
    const [after] = await handle.db.select().from(components).where(eq(components.id, apiComponent.id));
    expect(after.status).toBe('operational');

    const again = await patchIncident(
      call('PATCH', `/incidents/${incident.id}`, { incident: { status: 'identified', body: 'x' } }),
      params({ incidentId: incident.id }),
    );
    expect(again.status).toBe(409);
  });

  it('changes a component status with { component: { status } }, recorded as an API change', async () => {
    const response = await patchComponent(
      call('PATCH', `/components/${apiComponent.id}`, { component: { status: 'degraded_performance' } }),
      params({ componentId: apiComponent.id }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: apiComponent.id, status: 'degraded_performance', group: false });
    const [period] = await handle.db
      .select()
      .from(componentStatusChanges)
      .where(
        and(eq(componentStatusChanges.componentId, apiComponent.id), eq(componentStatusChanges.status, 'degraded_performance')),
      );
    expect(period.source).toBe('api');
    const bad = await patchComponent(
      call('PATCH', `/components/${apiComponent.id}`, { component: { status: 'broken' } }),
      params({ componentId: apiComponent.id }),
    );
    expect(bad.status).toBe(422);
    const missing = await patchComponent(
      call('PATCH', '/components/nope', { component: { status: 'operational' } }),
      params({ componentId: 'nope' }),
    );
    expect(missing.status).toBe(404);
  });

  it('schedules maintenance the Statuspage way (status "scheduled" with scheduled_for/until)', async () => {
    const start = new Date(Date.now() + 20 * 86_400_000);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    const response = await postIncident(
      call('POST', '/incidents', {
        incident: {
          name: 'DB 更新',
          status: 'scheduled',
          body: '作業します',
          scheduled_for: start.toISOString(),
          scheduled_until: end.toISOString(),
          component_ids: [apiComponent.id],
        },
      }),
      params({}),
    );
    expect(response.status).toBe(201);
    const maintenance = await response.json();
    expect(maintenance).toMatchObject({ name: 'DB 更新', status: 'scheduled', impact: 'maintenance' });
    const [row] = await handle.db.select().from(maintenances).where(eq(maintenances.id, maintenance.id));
    expect(row.expectedDowntimeMinutes).toBe(120);
  });

  it('limits each key to a burst, then answers 429 with Retry-After', async () => {
    const { key: busy } = await createApiKey({ ctx: admin(), input: { name: 'busy' } });
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++)
      statuses.push(
        (await listComponents(call('GET', '/components', undefined, { authorization: `OAuth ${busy}` }), params({}))).status,
      );
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    const limited = await listComponents(call('GET', '/components', undefined, { authorization: `OAuth ${busy}` }), params({}));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
