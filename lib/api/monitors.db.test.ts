import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { monitors } from '../../db/schema';
import { createTestDatabase } from '../../test/db';
import { createComponent, createPage } from '../../test/factories';
import { installDatabase } from '../db';
import { resetEnvCache } from '../env';
import { systemActor } from '../services/context';
import { createApiKey } from '../services/api-keys/create';
import { GET as listMonitors, POST as postMonitor } from '../../app/api/v1/pages/[pageId]/monitors/route';
import {
  DELETE as deleteMonitor,
  GET as getMonitor,
  PATCH as patchMonitor,
} from '../../app/api/v1/pages/[pageId]/monitors/[monitorId]/route';
import { GET as push } from '../../app/api/push/[token]/route';

let handle: DatabaseHandle;
let pageId: string;
let componentId: string;
let key: string;

beforeAll(async () => {
  process.env.MONITOR_ALLOW_PRIVATE = 'false';
  resetEnvCache();
  handle = await createTestDatabase();
  installDatabase(handle);
  pageId = (await createPage(handle.db)).id;
  componentId = (await createComponent(handle.db, pageId)).id;
  ({ key } = await createApiKey({ ctx: { db: handle.db, actor: systemActor('test') }, input: { name: 'monitor-bot' } }));
});
afterAll(async () => {
  delete process.env.MONITOR_ALLOW_PRIVATE;
  resetEnvCache();
  await handle.close();
});

function call(method: string, path: string, body?: unknown, auth = `OAuth ${key}`): Request {
  return new Request(`http://127.0.0.1/api/v1/pages/${pageId}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: auth, 'accept-language': 'en' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const params = <P>(p: P) => ({ params: Promise.resolve({ pageId, ...p }) });

describe('monitors management API', () => {
  it('creates, reads, changes and deletes monitors; a push monitor answers with its push_url', async () => {
    const created = await postMonitor(
      call('POST', '/monitors', {
        monitor: { name: 'Nightly batch', type: 'push', interval_seconds: 3600, grace_seconds: 600, component_id: componentId },
      }),
      params({}),
    );
    expect(created.status).toBe(201);
    const monitor = await created.json();
    expect(monitor).toMatchObject({
      name: 'Nightly batch',
      type: 'push',
      interval_seconds: 3600,
      grace_seconds: 600,
      state: 'pending',
      component_id: componentId,
    });
    expect(monitor.push_url).toMatch(/\/api\/push\/[A-Za-z0-9_-]{32}$/);

    const token = monitor.push_url.split('/').pop();
    const pinged = await push(new Request(monitor.push_url), { params: Promise.resolve({ token }) });
    expect(pinged.status).toBe(200);
    const wrong = await push(new Request('http://127.0.0.1/api/push/x'), { params: Promise.resolve({ token: 'A'.repeat(32) }) });
    expect(wrong.status).toBe(404);

    const http = await postMonitor(
      call('POST', '/monitors', {
        monitor: {
          name: 'API',
          type: 'http',
          url: 'https://example.com/health',
          interval_seconds: 30,
          expected_status: '200-299',
          keyword: 'ok',
        },
      }),
      params({}),
    );
    expect(http.status).toBe(201);
    const { id } = await http.json();

    const patched = await patchMonitor(
      call('PATCH', `/monitors/${id}`, { monitor: { interval_seconds: 60, keyword: null, tls_expiry_days: 14 } }),
      params({ monitorId: id }),
    );
    expect(patched.status, JSON.stringify(await patched.clone().json())).toBe(200);
    const after = await patched.json();
    expect(after).toMatchObject({ interval_seconds: 60, tls_expiry_days: 14, expected_status: '200-299' });
    expect(after.keyword).toBeUndefined();

    const list = await (await listMonitors(call('GET', '/monitors'), params({}))).json();
    expect(list.map((m: { name: string }) => m.name)).toEqual(['API', 'Nightly batch']);
    expect((await getMonitor(call('GET', `/monitors/${id}`), params({ monitorId: id }))).status).toBe(200);

    expect((await deleteMonitor(call('DELETE', `/monitors/${id}`), params({ monitorId: id }))).status).toBe(200);
    expect((await getMonitor(call('GET', `/monitors/${id}`), params({ monitorId: id }))).status).toBe(404);
  });

  it('refuses bad input, private targets and missing keys with clear errors and stores nothing', async () => {
    const before = (await handle.db.select().from(monitors)).length;
    const cases: [unknown, number, string][] = [
      [
        { monitor: { name: 'x', type: 'http', url: 'http://169.254.169.254/latest/meta-data/', interval_seconds: 30 } },
        422,
        'monitor.url',
      ],
      [{ monitor: { name: 'x', type: 'http', url: 'ftp://example.com', interval_seconds: 30 } }, 422, 'monitor.url'],
      [
        { monitor: { name: 'x', type: 'http', url: 'https://example.com', interval_seconds: 5 } },
        422,
        'monitor.interval_seconds',
      ],
      [{ monitor: { name: 'x', type: 'tcp', host: 'example.com', interval_seconds: 30 } }, 422, 'monitor.port'],
      [{ monitor: { name: 'x', type: 'http', url: 'https://example.com', intervall: 30 } }, 422, 'monitor.intervall'],
      [{ name: 'x' }, 422, 'monitor'],
    ];
    for (const [body, status, field] of cases) {
      const response = await postMonitor(call('POST', '/monitors', body), params({}));
      expect(response.status).toBe(status);
      const json = await response.json();
      expect(Object.keys(json.fields ?? { monitor: 1 })).toContain(field);
    }
    const noKey = await postMonitor(
      call('POST', '/monitors', { monitor: { name: 'x', type: 'push' } }, 'OAuth nope'),
      params({}),
    );
    expect(noKey.status).toBe(401);
    expect((await handle.db.select().from(monitors)).length).toBe(before);
  });
});
