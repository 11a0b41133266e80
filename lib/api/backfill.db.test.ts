// Issue 14, item 5: history through the management API (Statuspage's backfilled incidents), no
// field dropped without a word, and Idempotency-Key on creates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { DatabaseHandle, Db } from '../../db/client';
import { apiIdempotencyKeys, components, evidence, incidents, incidentUpdates, notificationMessages } from '../../db/schema';
import { seedDemoIfEmpty } from '../../db/seed';
import { createTestDatabase } from '../../test/db';
import { createUser } from '../../test/maintenance-fixtures';
import { installDatabase } from '../db';
import { resolvePage } from '../pages/context';
import { systemActor } from '../services/context';
import { createApiKey } from '../services/api-keys/create';
import { getSlaReport } from '../services/sla-reports/sla-report';
import { POST as postIncident } from '../../app/api/v1/pages/[pageId]/incidents/route';
import { PATCH as patchIncident } from '../../app/api/v1/pages/[pageId]/incidents/[incidentId]/route';
import { PATCH as patchComponent } from '../../app/api/v1/pages/[pageId]/components/[componentId]/route';
import { changeOnce } from './idempotency';
import { openIncident } from '../services/incidents/open';

let handle: DatabaseHandle;
let pageId: string;
let key: string;
let otherKey: string;
let api: typeof components.$inferSelect;
const admin = () => ({ db: handle.db, actor: systemActor('test') });

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabase(handle);
  await seedDemoIfEmpty(handle.db);
  pageId = (await resolvePage(handle.db)).id;
  [api] = await handle.db.select().from(components).where(eq(components.name, 'API'));
  ({ key } = await createApiKey({ ctx: admin(), input: { name: 'migration' } }));
  ({ key: otherKey } = await createApiKey({ ctx: admin(), input: { name: 'other-script' } }));
});
afterAll(() => handle.close());

function call(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://127.0.0.1/api/v1/pages/${pageId}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `OAuth ${key}`, 'accept-language': 'en', ...headers },
    body: JSON.stringify(body),
  });
}
const params = <P>(p: P) => ({ params: Promise.resolve({ pageId, ...p }) });
const incidentCount = async () => (await handle.db.select({ n: count() }).from(incidents))[0].n;

describe('backfilled incidents through the management API', () => {
  it('records an incident in the past, marked backfilled by the key in the API answer, the evidence and the SLA report', async () => {
    const response = await postIncident(
      call('POST', '/incidents', {
        incident: {
          name: 'API 応答遅延（移行データ）',
          backfilled: true,
          backfill_date: '2026-12-01',
          started_at: '2026-12-01T10:00:00+09:00',
          resolved_at: '2026-12-01T11:30:00+09:00',
          impact_override: 'major',
          component_ids: [api.id],
          body: 'Statuspage から移行した記録です。',
        },
      }),
      params({}),
    );
    expect(response.status).toBe(201);
    const view = await response.json();
    expect(view).toMatchObject({
      status: 'resolved',
      started_at: '2026-12-01T10:00:00.000+09:00',
      resolved_at: '2026-12-01T11:30:00.000+09:00',
      backfilled: true,
      backfilled_by: 'api-key:migration',
    });
    expect(view.components.map((c: { id: string }) => c.id)).toEqual([api.id]);
    const [row] = await handle.db.select().from(incidents).where(eq(incidents.id, view.id));
    expect(row).toMatchObject({
      backfilledBy: 'api-key:migration',
      detectedAt: new Date('2026-12-01T01:00:00Z'),
      published: true,
    });
    expect(await handle.db.select().from(notificationMessages).where(eq(notificationMessages.incidentId, view.id))).toEqual([]);

    const [snapshot] = await handle.db
      .select({ content: evidence.content })
      .from(evidence)
      .where(and(eq(evidence.kind, 'sla_input'), sql`${evidence.content}->>'id' = ${view.id}`))
      .orderBy(desc(evidence.seq))
      .limit(1);
    expect(JSON.stringify(snapshot.content)).toContain('"backfilled_by":"api-key:migration"');

    const viewer = await createUser(handle.db, 'viewer');
    const report = await getSlaReport({
      ctx: { db: handle.db, actor: viewer },
      input: { serviceId: api.serviceId!, month: '2026-12' },
    });
    expect(report.report.incidents.find((i) => i.incidentId === view.id)).toMatchObject({
      backfilledBy: 'api-key:migration',
      detectedAtEnteredBy: 'api-key:migration',
    });
  });

  it("takes Statuspage's date alone as that day in the page's zone", async () => {
    const response = await postIncident(
      call('POST', '/incidents', { incident: { name: '過去の障害', backfilled: true, backfill_date: '2026-12-02' } }),
      params({}),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      started_at: '2026-12-02T00:00:00.000+09:00',
      resolved_at: '2026-12-02T00:00:00.000+09:00',
      backfilled: true,
    });
  });

  it('refuses, naming the field, whatever it cannot honour, and changes nothing', async () => {
    const before = await incidentCount();
    const refused = async (body: object, path = '/incidents', method = 'POST') => {
      const response =
        method === 'POST'
          ? await postIncident(call(method, path, body), params({}))
          : await patchIncident(call(method, path, body), params({ incidentId: path.split('/')[2] }));
      expect(response.status).toBe(422);
      return Object.keys((await response.json()).fields);
    };
    expect(await refused({ incident: { name: 'x', body: 'y', detected_at: '2026-12-01T10:00:00Z' } })).toEqual([
      'incident.detected_at',
    ]);
    expect(await refused({ incident: { name: 'x', body: 'y', resolved_at: '2026-12-01T10:00:00Z' } })).toEqual([
      'incident.resolved_at',
    ]);
    expect(
      await refused({
        incident: { name: 'x', backfilled: true, backfill_date: '2026-12-01', components: { [api.id]: 'major_outage' } },
      }),
    ).toEqual(['incident.components']);
    expect(
      await refused({ incident: { name: 'x', backfilled: true, backfill_date: '2026-12-01', deliver_notifications: true } }),
    ).toEqual(['incident.deliver_notifications']);
    expect(await refused({ incident: { name: 'x', backfilled: true } })).toEqual(['incident.backfill_date']);
    expect(await refused({ incident: { name: 'x', backfilled: true, backfill_date: '2026-13-40' } })).toEqual([
      'incident.backfill_date',
    ]);
    expect(
      await refused({
        incident: { name: 'x', backfilled: true, started_at: '2026-12-01T12:00:00Z', resolved_at: '2026-12-01T11:00:00Z' },
      }),
    ).toEqual(['incident.resolved_at']);
    expect(await refused({ incident: { name: 'x', backfilled: true, started_at: '2099-01-01T00:00:00Z' } })).toEqual([
      'incident.resolved_at',
    ]);
    const [existing] = await handle.db.select({ id: incidents.id }).from(incidents).limit(1);
    expect(await refused({ incident: { started_at: '2026-12-01T10:00:00Z' } }, `/incidents/${existing.id}`, 'PATCH')).toEqual([
      'incident.started_at',
    ]);
    expect(await incidentCount()).toBe(before);
  });
});

describe('one transaction per change', () => {
  it('a refused correction in a PATCH undoes the post made before it, so "nothing was changed" is true', async () => {
    const opened = await (
      await postIncident(call('POST', '/incidents', { incident: { name: '遅延', body: '調査中です。' } }), params({}))
    ).json();
    const updatesOf = async () =>
      (await handle.db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, opened.id))).length;
    const before = await updatesOf();
    const response = await patchIncident(
      call('PATCH', `/incidents/${opened.id}`, { incident: { status: 'identified', body: '原因を特定しました。', name: '' } }),
      params({ incidentId: opened.id }),
    );
    expect(response.status).toBe(422);
    expect((await response.json()).error).toContain('Nothing was changed');
    expect(await updatesOf()).toBe(before);
    expect((await handle.db.select().from(incidents).where(eq(incidents.id, opened.id)))[0].status).toBe('investigating');
  });

  it('a component field the API does not take is refused by name', async () => {
    const response = await patchComponent(
      call('PATCH', `/components/${api.id}`, { component: { status: 'major_outage', description: 'x' } }),
      params({ componentId: api.id }),
    );
    expect(response.status).toBe(422);
    expect(Object.keys((await response.json()).fields)).toEqual(['component.description']);
    expect((await handle.db.select().from(components).where(eq(components.id, api.id)))[0].status).toBe(api.status);
  });
});

describe('Idempotency-Key on creates', () => {
  const post = (b: object, idempotencyKey: string, apiKey = key) =>
    postIncident(
      call('POST', '/incidents', b, { 'idempotency-key': idempotencyKey, authorization: `OAuth ${apiKey}` }),
      params({}),
    );

  it('answers a retried create with the first result, once per API key, and refuses the key for another body', async () => {
    const request = { incident: { name: 'デプロイ失敗', body: '調査中です。' } };
    const before = await incidentCount();
    const first = await post(request, 'deploy-4711');
    const again = await post(request, 'deploy-4711');
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).id).toBe((await first.json()).id);
    expect(await incidentCount()).toBe(before + 1);

    const otherScript = await post(request, 'deploy-4711', otherKey);
    expect(otherScript.status).toBe(201);
    expect(await incidentCount()).toBe(before + 2);

    const reused = await post({ incident: { name: '別件', body: '別の内容' } }, 'deploy-4711');
    expect(reused.status).toBe(409);
    expect(Object.keys((await reused.json()).fields)).toEqual(['Idempotency-Key']);
    expect(await incidentCount()).toBe(before + 2);
  });

  it('forgets keys after 24 hours', async () => {
    const [row] = await handle.db.select().from(apiIdempotencyKeys).limit(1);
    await handle.db
      .insert(apiIdempotencyKeys)
      .values({ ...row, key: 'ancient', createdAt: new Date(Date.now() - 25 * 3_600_000) });
    await post({ incident: { name: '新しい件', body: '調査中です。' } }, 'fresh-1');
    expect(await handle.db.select().from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.key, 'ancient'))).toEqual([]);
  });

  it('an error before the commit changed nothing; a lost commit confirmation never says so', async () => {
    const actor = systemActor('test');
    const before = await incidentCount();
    const request = new Request('http://127.0.0.1/', { method: 'POST' });
    const open = (ctx: { db: Db }) =>
      openIncident({ ctx: { ...ctx, actor }, input: { title: '確認', severity: 'minor', body: '調査中です。' } });
    const failing = changeOnce({ db: handle.db, actor }, request, {}, async (ctx) => {
      await open(ctx);
      throw new Error('view failed');
    });
    await expect(failing).rejects.toThrow('view failed');
    expect(await incidentCount()).toBe(before);

    // The database commits, then the connection drops before the answer arrives.
    const lossy = new Proxy(handle.db, {
      get: (target, prop) =>
        prop === 'transaction'
          ? async (work: never) => {
              await target.transaction(work);
              throw new Error('connection lost');
            }
          : Reflect.get(target, prop),
    });
    const lost = changeOnce({ db: lossy, actor }, request, {}, async (ctx) => ({ status: 201, json: await open(ctx) }));
    await expect(lost).rejects.toMatchObject({ code: 'unavailable', messageKey: 'outcome_unknown' });
    expect(await incidentCount()).toBe(before + 1);
  });
});
