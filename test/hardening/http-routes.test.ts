import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { DatabaseHandle } from '../../db/client';
import { fakeLineUserId, followEvent, signLineBody, startLineApi, unfollowEvent, type FakeLineApi } from '../../e2e/fakes';
import { installDatabase } from '../../lib/db';
import { resetEnvCache } from '../../lib/env';
import { systemActor } from '../../lib/services/context';
import { createApiKey } from '../../lib/services/api-keys/create';
import { revokeApiKey } from '../../lib/services/api-keys/revoke';
import { createTestDatabase } from '../db';
import { createConsoleFixtures, type ConsoleFixtures } from './console-fixtures';
import { changedTables, snapshotDatabase, type DatabaseSnapshot } from './db-snapshot';
import { everyLeafHostile, formValue, wellFormed, fuzzRuns, fuzzTimeout, mutatedJson, wireBody } from './fuzz-inputs';

// The HTTP endpoints that take input without a console session, called in-process the way
// Next calls a route handler: the management API (OAuth keys), the LINE and Alertmanager
// webhooks and RFC 8058 one-click unsubscribe. Every generated request must be answered below
// 500, without an error log, and a refused one (4xx) must leave the database as it was.

const LINE_SECRET = 'hardening-line-channel-secret';
const ALERT_TOKEN = 'hardening-alertmanager-token-0123456789';

let handle: DatabaseHandle;
let f: ConsoleFixtures;
let line: FakeLineApi;
const consoleErrors: unknown[][] = [];
vi.setConfig({ testTimeout: fuzzTimeout(60_000) });
type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: Record<string, Route> = {};

beforeAll(async () => {
  line = await startLineApi();
  Object.assign(process.env, {
    LINE_CHANNEL_SECRET: LINE_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: line.channelAccessToken,
    LINE_API_BASE_URL: line.url,
    ALERTMANAGER_TOKEN: ALERT_TOKEN,
  });
  resetEnvCache();
  handle = await createTestDatabase();
  installDatabase(handle);
  f = await createConsoleFixtures(handle.db);
  const load = async (file: string, name: string) => ((await import(`../../app/${file}`)) as Record<string, Route>)[name];
  Object.assign(routes, {
    postIncident: await load('api/v1/pages/[pageId]/incidents/route.ts', 'POST'),
    patchIncident: await load('api/v1/pages/[pageId]/incidents/[incidentId]/route.ts', 'PATCH'),
    getIncident: await load('api/v1/pages/[pageId]/incidents/[incidentId]/route.ts', 'GET'),
    patchComponent: await load('api/v1/pages/[pageId]/components/[componentId]/route.ts', 'PATCH'),
    listComponents: await load('api/v1/pages/[pageId]/components/route.ts', 'GET'),
    postSubscriber: await load('api/v1/pages/[pageId]/subscribers/route.ts', 'POST'),
    line: await load('api/webhooks/line/route.ts', 'POST'),
    alertmanager: await load('api/webhooks/alertmanager/route.ts', 'POST'),
    oneClick: await load('(public)/u/[token]/route.ts', 'POST'),
    manageLink: await load('(public)/u/[token]/route.ts', 'GET'),
  });
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void consoleErrors.push(args));
});
afterAll(async () => {
  vi.restoreAllMocks();
  for (const name of ['LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN', 'LINE_API_BASE_URL', 'ALERTMANAGER_TOKEN'])
    delete process.env[name];
  resetEnvCache();
  await handle?.close();
  await line?.close();
});

let requestCount = 0;
function request(path: string, init: { method: string; body?: string | FormData; headers?: Record<string, string> }): Request {
  // A fresh peer address per request keeps the failed-authentication limiter out of the way.
  const headers = { 'x-shirase-remote-address': `10.9.${(requestCount >> 8) & 255}.${requestCount++ & 255}`, ...init.headers };
  return new Request(`http://127.0.0.1${path}`, { method: init.method, headers, body: init.body });
}

/** The invariant every fuzzed request is held to; returns the status for further checks. */
// A refused request leaves the database as the last snapshot showed it, so that snapshot serves
// as the next "before"; anything else (a success, a new key) drops it.
let lastSnapshot: DatabaseSnapshot | null = null;

async function expectSafe(call: () => Promise<Response>, mayWriteWhenRefused: string[] = []): Promise<number> {
  consoleErrors.length = 0;
  const before = lastSnapshot ?? (await snapshotDatabase(handle.db));
  lastSnapshot = null;
  const response = await call();
  await response.arrayBuffer();
  expect(response.status, JSON.stringify(consoleErrors)).toBeLessThan(500);
  expect(consoleErrors).toEqual([]);
  if (response.status >= 400) {
    const after = await snapshotDatabase(handle.db);
    expect(changedTables(before, after, mayWriteWhenRefused)).toEqual([]);
    if (changedTables(before, after).length === 0) lastSnapshot = after;
  }
  return response.status;
}

// The per-key limit (60 calls, 1/s) would answer most fuzz calls 429; a fresh key every 50 calls keeps them reaching the services.
let currentKey = { key: '', uses: 50 };
async function apiKey(): Promise<string> {
  if (currentKey.uses >= 50) lastSnapshot = null;
  if (currentKey.uses >= 50)
    currentKey = {
      key: (await createApiKey({ ctx: { db: handle.db, actor: systemActor('fuzz') }, input: { name: `fuzz-${requestCount}` } }))
        .key,
      uses: 0,
    };
  currentKey.uses++;
  return currentKey.key;
}

const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });
const SEED = Number(process.env.FUZZ_SEED ?? 9);

describe('management API (Statuspage v1 shapes)', () => {
  const ids = () => [f.componentId, f.openIncidentId, f.resolvedIncidentId, f.maintenanceId, f.pageId];
  const incidentBody = () => ({
    incident: {
      name: 'API遅延',
      status: 'investigating',
      impact_override: 'minor',
      body: '調査中',
      component_ids: [f.componentId],
      components: { [f.componentId]: 'degraded_performance' },
      deliver_notifications: false,
    },
  });
  const KEYS = [
    'incident',
    'component',
    'name',
    'status',
    'body',
    'component_ids',
    'components',
    'impact_override',
    'deliver_notifications',
    'scheduled_for',
    'scheduled_until',
    'published',
    'severity',
  ];
  // Authenticated calls stamp the key's last use (at most once a minute), whatever the answer.
  // A key's use is recorded, and every call (refused ones too) counts against the shared limits.
  const keyUse = ['api_keys', 'rate_limits'];

  it('refuses a missing, malformed, unknown or revoked key with 401 and changes nothing', async () => {
    const revoked = await createApiKey({ ctx: { db: handle.db, actor: systemActor('test') }, input: { name: 'revoked' } });
    await revokeApiKey({ ctx: { db: handle.db, actor: systemActor('test') }, input: { id: revoked.id } });
    const authorizations = [
      undefined,
      '',
      'OAuth',
      'OAuth ',
      `Basic ${revoked.key}`,
      `OAuth ${revoked.key}`,
      `Bearer ${revoked.key}`,
      `OAuth ${revoked.key}x`,
      'OAuth shirase_0000',
    ];
    for (const authorization of authorizations) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        ...(authorization === undefined ? {} : { authorization }),
      };
      const calls: [Route, string, string, Record<string, string>][] = [
        [routes.postIncident, 'POST', `/api/v1/pages/${f.pageId}/incidents`, { pageId: f.pageId }],
        [
          routes.patchIncident,
          'PATCH',
          `/api/v1/pages/${f.pageId}/incidents/${f.openIncidentId}`,
          { pageId: f.pageId, incidentId: f.openIncidentId },
        ],
        [
          routes.patchComponent,
          'PATCH',
          `/api/v1/pages/${f.pageId}/components/${f.componentId}`,
          { pageId: f.pageId, componentId: f.componentId },
        ],
      ];
      for (const [route, method, path, p] of calls) {
        const body = JSON.stringify(route === routes.patchComponent ? { component: { status: 'major_outage' } } : incidentBody());
        expect(await expectSafe(() => route(request(path, { method, body, headers }), params(p)), ['rate_limits'])).toBe(401);
      }
    }
  });

  it('every field of each body set to NUL, a lone surrogate or 100,000 characters: never a 500', async () => {
    const patch = { incident: { status: 'identified', body: '原因を特定', components: { [f.componentId]: 'partial_outage' } } };
    for (const body of everyLeafHostile(incidentBody())) {
      const authorization = `OAuth ${await apiKey()}`;
      await expectSafe(
        () =>
          routes.postIncident(
            request(`/api/v1/pages/${f.pageId}/incidents`, {
              method: 'POST',
              body: JSON.stringify(body),
              headers: { authorization },
            }),
            params({ pageId: f.pageId }),
          ),
        keyUse,
      );
    }
    for (const body of everyLeafHostile(patch)) {
      const authorization = `OAuth ${await apiKey()}`;
      const path = `/api/v1/pages/${f.pageId}/incidents/${f.openIncidentId}`;
      await expectSafe(
        () =>
          routes.patchIncident(
            request(path, { method: 'PATCH', body: JSON.stringify(body), headers: { authorization } }),
            params({ pageId: f.pageId, incidentId: f.openIncidentId }),
          ),
        keyUse,
      );
    }
  });

  it('POST incidents: thousands of bodies, never a 500, a refusal writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(wireBody(mutatedJson(incidentBody(), KEYS, ids())), async (body) => {
        const authorization = `OAuth ${await apiKey()}`;
        await expectSafe(
          () =>
            routes.postIncident(
              request(`/api/v1/pages/${f.pageId}/incidents`, {
                method: 'POST',
                body,
                headers: { authorization, 'content-type': 'application/json' },
              }),
              params({ pageId: f.pageId }),
            ),
          keyUse,
        );
      }),
      { numRuns: fuzzRuns(150), seed: SEED },
    );
  });

  it('PATCH incidents and components, GET by id: any id and body', async () => {
    const patch = { incident: { status: 'identified', body: '原因を特定', components: { [f.componentId]: 'partial_outage' } } };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('patchIncident', 'patchComponent', 'getIncident'),
        fc.oneof(formValue(ids()), fc.constantFrom(f.openIncidentId, f.componentId)),
        fc.oneof(fc.constant(f.pageId), fc.constant('default'), formValue(ids())),
        wireBody(
          fc.oneof(mutatedJson(patch, KEYS, ids()), mutatedJson({ component: { status: 'partial_outage' } }, KEYS, ids())),
        ),
        async (name, id, pageId, body) => {
          const authorization = `OAuth ${await apiKey()}`;
          const method = name === 'getIncident' ? 'GET' : 'PATCH';
          const path = `/api/v1/pages/${encodeURIComponent(wellFormed(pageId))}/${name === 'patchComponent' ? 'components' : 'incidents'}/${encodeURIComponent(wellFormed(id))}`;
          const p: Record<string, string> = name === 'patchComponent' ? { pageId, componentId: id } : { pageId, incidentId: id };
          await expectSafe(
            () =>
              routes[name](
                request(path, {
                  method,
                  body: method === 'GET' ? undefined : body,
                  headers: { authorization, 'content-type': 'application/json' },
                }),
                params(p),
              ),
            keyUse,
          );
        },
      ),
      { numRuns: fuzzRuns(150), seed: SEED },
    );
  });
});

describe('management API: subscribers (admin keys)', () => {
  const KEYS = ['subscriber', 'email', 'endpoint', 'component_ids', 'skip_confirmation_notification', 'locale'];
  let adminKey = { key: '', uses: 50 };
  const key = async () => {
    if (adminKey.uses >= 50)
      adminKey = {
        key: (
          await createApiKey({
            ctx: { db: handle.db, actor: systemActor('fuzz') },
            input: { name: `fuzz-admin-${requestCount}`, role: 'admin' },
          })
        ).key,
        uses: 0,
      };
    adminKey.uses++;
    return adminKey.key;
  };

  it('POST subscribers: fuzzed bodies (webhook and email shapes), never a 500, a refusal writes nothing', async () => {
    // A literal public address: no DNS lookup for the base case.
    const base = {
      subscriber: { endpoint: 'https://203.0.113.10/hook', email: 'ops@example.test', component_ids: [f.componentId] },
    };
    await fc.assert(
      fc.asyncProperty(
        wireBody(
          fc.oneof(
            mutatedJson(base, KEYS, [f.componentId, f.pageId]),
            mutatedJson({ subscriber: { email: 'r@example.test', skip_confirmation_notification: true } }, KEYS, [f.componentId]),
          ),
        ),
        async (body) => {
          const authorization = `OAuth ${await key()}`;
          await expectSafe(
            () =>
              routes.postSubscriber(
                request(`/api/v1/pages/${f.pageId}/subscribers`, {
                  method: 'POST',
                  body,
                  headers: { authorization, 'content-type': 'application/json' },
                }),
                params({ pageId: f.pageId }),
              ),
            ['api_keys', 'rate_limits'],
          );
        },
      ),
      { numRuns: fuzzRuns(100), seed: SEED },
    );
  });
});

describe('LINE webhook', () => {
  const user = fakeLineUserId('hardening-line');
  const userIds = [user, fakeLineUserId('other'), 'U' + '0'.repeat(32), 'not-a-user', ''];
  const KEYS = ['destination', 'events', 'type', 'source', 'userId', 'replyToken', 'message', 'text', 'follow', 'unfollow'];
  const post = (body: string, signature?: string) =>
    routes.line(
      request('/api/webhooks/line', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { 'x-line-signature': signature }) },
      }),
      params({}),
    );

  it('a missing, wrong or replayed-with-altered-body signature is 401 and changes nothing', async () => {
    const genuine = JSON.stringify({ destination: 'Uxxxxxxxx', events: [followEvent(user)] });
    const signature = signLineBody(genuine, LINE_SECRET);
    const altered = genuine.replace(user, fakeLineUserId('attacker'));
    for (const [body, sig] of [
      [genuine, undefined],
      [genuine, ''],
      [genuine, signLineBody(genuine, 'another-secret')],
      [genuine, signature.slice(0, -4)],
      [altered, signature],
      [`${genuine} `, signature],
      [JSON.stringify({ destination: 'Uxxxxxxxx', events: [unfollowEvent(user)] }), signature],
    ] as const) {
      expect(await expectSafe(() => post(body, sig))).toBe(401);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 60 }), async (body, sig) => {
        expect(await expectSafe(() => post(body || genuine, sig))).toBe(401);
      }),
      { numRuns: fuzzRuns(100), seed: SEED },
    );
  });

  it('correctly signed, every field set to NUL, a lone surrogate or 100,000 characters: never a 500', async () => {
    for (const value of everyLeafHostile({ destination: 'Uxxxxxxxx', events: [followEvent(user)] })) {
      const body = JSON.stringify(value);
      await expectSafe(() => post(body, signLineBody(body, LINE_SECRET)));
    }
  });

  it('correctly signed but arbitrary events: never a 500', async () => {
    const valid = { destination: 'Uxxxxxxxx', events: [followEvent(user), unfollowEvent(userIds[1])] };
    await fc.assert(
      fc.asyncProperty(wireBody(mutatedJson(valid, KEYS, userIds)), async (body) => {
        await expectSafe(() => post(body, signLineBody(body, LINE_SECRET)));
      }),
      { numRuns: fuzzRuns(150), seed: SEED },
    );
  });
});

describe('Alertmanager webhook', () => {
  const KEYS = [
    'version',
    'groupKey',
    'status',
    'receiver',
    'alerts',
    'labels',
    'annotations',
    'startsAt',
    'endsAt',
    'fingerprint',
    'component',
    'severity',
    'truncatedAlerts',
  ];
  const payload = () => ({
    version: '4',
    groupKey: '{}:{alertname="HighErrorRate"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'shirase',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.local',
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'HighErrorRate', component: 'calling', severity: 'critical' },
        annotations: { summary: 'errors' },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: '',
        fingerprint: 'fp-1',
      },
    ],
  });
  const post = (body: string, authorization?: string) =>
    routes.alertmanager(
      request('/api/webhooks/alertmanager', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
      }),
      params({}),
    );

  it('a missing or wrong bearer token is 401 and changes nothing', async () => {
    const body = JSON.stringify(payload());
    for (const authorization of [
      undefined,
      '',
      'Bearer',
      `Bearer ${ALERT_TOKEN}x`,
      `Bearer ${ALERT_TOKEN.slice(1)}`,
      `Basic ${ALERT_TOKEN}`,
      `OAuth ${ALERT_TOKEN}`,
      ALERT_TOKEN,
    ]) {
      expect(await expectSafe(() => post(body, authorization))).toBe(401);
    }
  });

  it('with the token, every field set to NUL, a lone surrogate or 100,000 characters: never a 500', async () => {
    for (const body of everyLeafHostile(payload())) await expectSafe(() => post(JSON.stringify(body), `Bearer ${ALERT_TOKEN}`));
  });

  it('with the token, arbitrary payloads: never a 500, a refusal writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        wireBody(mutatedJson(payload(), KEYS, ['calling', 'critical', 'warning', 'resolved', f.componentId])),
        async (body) => {
          await expectSafe(() => post(body, `Bearer ${ALERT_TOKEN}`));
        },
      ),
      { numRuns: fuzzRuns(150), seed: SEED },
    );
  });
});

describe('one-click unsubscribe (RFC 8058)', () => {
  it('any token, body and content type: 200 or 404, never a 500; an unknown token changes nothing', async () => {
    const bodies = fc.oneof(
      fc.constant('List-Unsubscribe=One-Click'),
      fc.string({ maxLength: 40 }),
      fc.constant(null).map(() => {
        const form = new FormData();
        form.append('List-Unsubscribe', 'One-Click');
        return form;
      }),
    );
    const contentTypes = fc.constantFrom(
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=zzz',
      'text/plain',
      'application/json',
      '',
    );
    // A path segment arrives percent-decoded and well-formed (lone surrogates cannot be encoded).
    const tokens = fc.oneof(formValue([f.manageToken]), fc.string({ unit: 'binary', maxLength: 50 })).map(wellFormed);
    await fc.assert(
      fc.asyncProperty(tokens, bodies, contentTypes, fc.boolean(), async (token, body, contentType, asGet) => {
        const path = `/u/${encodeURIComponent(token)}`;
        const headers: Record<string, string> = body instanceof FormData || !contentType ? {} : { 'content-type': contentType };
        const status = await expectSafe(() =>
          asGet
            ? routes.manageLink(request(path, { method: 'GET' }), params({ token }))
            : routes.oneClick(request(path, { method: 'POST', body, headers }), params({ token })),
        );
        expect([200, 303, 404]).toContain(status);
      }),
      { numRuns: fuzzRuns(150), seed: SEED },
    );
  });
});
