import { expect, test } from '@playwright/test';
import { signLineBody, followEvent, fakeLineUserId } from './fakes';
import { CONSOLE_ACTIONS, PUBLIC_ACTIONS, type FormFields } from '../test/hardening/action-forms';
import { actionOutcome, callAction, serverActions, type ActionEntry } from '../test/hardening/action-http';
import { changedTables, snapshotDatabase } from '../test/hardening/db-snapshot';
import { CANARIES, startHardeningApp, type HardeningApp } from '../test/hardening/e2e-app';
import { NO_POSTGRES, postgresAnswers } from '../test/hardening/processes';
import { createApiKey } from '../lib/services/api-keys/create';
import { revokeApiKey } from '../lib/services/api-keys/revoke';
import { systemActor } from '../lib/services/context';

// "No one gets in", over real HTTP against the production build on PostgreSQL: every server
// action (ids from the build's manifest) without a session, with an expired one, as a viewer or
// operator, and from a foreign Origin with an admin's cookie; the management API with revoked or
// missing keys (and a session cookie instead of a key); the webhooks with bad signatures.
// Each refusal is checked against a snapshot of the whole database.

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

let app: HardeningApp;
let actions: ActionEntry[];
/** Nothing sends or checks in this process (DISPATCHER=off, CHECKER=off); only the maintenance scheduler could write behind a request. */
const BACKGROUND = ['worker_heartbeats'];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  test.skip(!(await postgresAnswers()), NO_POSTGRES);
  app = await startHardeningApp({ sending: false });
  actions = serverActions();
});
test.afterAll(async () => {
  await app?.stop();
});

const entryFor = (c: { module: string; name: string }) => {
  const found = actions.find((a) => a.filename === c.module && a.exportedName === c.name);
  if (!found) throw new Error(`no server action ${c.module}#${c.name} in the build manifest`);
  return found;
};

async function expectRefused(
  action: ActionEntry,
  fields: FormFields,
  caller: { cookie?: string; origin?: string },
  label: string,
) {
  const before = await snapshotDatabase(app.handle.db);
  const { status, body } = await callAction({ baseUrl: app.url, action, fields, ...caller });
  const outcome = actionOutcome(body);
  expect(outcome.status, `${label}: ${status} ${body.slice(0, 300)}`).not.toBe('ok');
  expect(status, label).not.toBe(303);
  expect(changedTables(before, await snapshotDatabase(app.handle.db), BACKGROUND), label).toEqual([]);
  return { status, outcome };
}

test('the manifest lists every action the hardening tables know, and a same-origin admin call works', async () => {
  const known = new Set([...CONSOLE_ACTIONS, ...PUBLIC_ACTIONS].map((c) => `${c.module}#${c.name}`));
  const special = new Set([
    'app/admin/sign-in/actions.ts#signOutAction',
    'app/admin/maintenance/actions.ts#previewPlanAction',
    // Takes an image file, not a text form; its bytes are checked by lib/branding/image.test.ts.
    'app/admin/settings/branding/actions.ts#uploadBrandImageAction',
  ]);
  expect(actions.map((a) => `${a.filename}#${a.exportedName}`).filter((k) => !known.has(k) && !special.has(k))).toEqual([]);
  // The encoding is right: the same request with an admin's session succeeds.
  const create = CONSOLE_ACTIONS.find((c) => c.name === 'createTemplateAction')!;
  const { body } = await callAction({
    baseUrl: app.url,
    action: entryFor(create),
    fields: await create.form(app.handle.db, app.fixtures),
    cookie: app.cookies.admin,
  });
  expect(actionOutcome(body).status, body.slice(0, 800)).toBe('ok');
});

test('every console action over HTTP: refused without a session, with an expired or disabled one, and above the caller’s role', async () => {
  const unauthorized = new Set<string>();
  for (const c of CONSOLE_ACTIONS) {
    const action = entryFor(c);
    const fields = await c.form(app.handle.db, app.fixtures);
    for (const [who, cookie] of [
      ['none', undefined],
      ['expired', app.cookies.expired],
      ['disabled', app.cookies.disabled],
    ] as const) {
      const { outcome } = await expectRefused(action, fields, { cookie }, `${c.name} (${who})`);
      unauthorized.add(outcome.message ?? '');
    }
    if (c.requires !== 'signed-in') await expectRefused(action, fields, { cookie: app.cookies.viewer }, `${c.name} (viewer)`);
    if (c.requires === 'admin') await expectRefused(action, fields, { cookie: app.cookies.operator }, `${c.name} (operator)`);
  }
  // One sentence in Japanese for all of them: "sign in again".
  expect(unauthorized.size).toBe(1);
});

test('every server action from a foreign Origin is refused even with an admin’s session cookie', async () => {
  const forms = new Map<string, FormFields>();
  for (const c of CONSOLE_ACTIONS) forms.set(`${c.module}#${c.name}`, await c.form(app.handle.db, app.fixtures));
  for (const c of PUBLIC_ACTIONS) forms.set(`${c.module}#${c.name}`, c.form(app.fixtures));
  for (const action of actions) {
    const fields = forms.get(`${action.filename}#${action.exportedName}`) ?? {};
    for (const origin of ['https://evil.example', 'null', `${app.url.replace('127.0.0.1', 'localhost')}`]) {
      const { status } = await expectRefused(
        action,
        fields,
        { cookie: app.cookies.admin, origin },
        `${action.exportedName} from ${origin}`,
      );
      // Refused at the door with 403, not by Next throwing (a 500 and an error in the log).
      expect(status, `${action.exportedName} from ${origin}`).toBe(403);
    }
  }
});

test('the management API: no key, a revoked key, or a session cookie instead of a key → 401, nothing changed', async () => {
  const ctx = { db: app.handle.db, actor: systemActor('hardening') };
  const revoked = await createApiKey({ ctx, input: { name: 'revoked-over-http' } });
  await revokeApiKey({ ctx, input: { id: revoked.id } });
  const { pageId, componentId, openIncidentId } = app.fixtures;
  const calls = [
    ['POST', `/api/v1/pages/${pageId}/incidents`, { incident: { name: 'x', status: 'investigating', body: 'y' } }],
    ['PATCH', `/api/v1/pages/${pageId}/incidents/${openIncidentId}`, { incident: { status: 'resolved', body: 'done' } }],
    ['PATCH', `/api/v1/pages/${pageId}/components/${componentId}`, { component: { status: 'major_outage' } }],
  ] as const;
  const attempts: Record<string, string>[] = [
    {},
    { authorization: `OAuth ${revoked.key}` },
    { authorization: `Bearer ${revoked.key}` },
    { cookie: app.cookies.admin },
    { authorization: 'OAuth ' },
  ];
  for (const headers of attempts) {
    for (const [method, path, body] of calls) {
      const before = await snapshotDatabase(app.handle.db);
      const response = await fetch(app.url + path, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      expect(response.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(401);
      // Refused calls count against the shared per-address limits (rate_limits), by design.
      expect(changedTables(before, await snapshotDatabase(app.handle.db), [...BACKGROUND, 'rate_limits'])).toEqual([]);
    }
  }
});

test('webhooks over HTTP: missing, wrong or replayed-with-altered-body signatures and tokens → 401, nothing changed', async () => {
  const genuine = JSON.stringify({ destination: 'Uxxxxxxxx', events: [followEvent(fakeLineUserId('http-follow'))] });
  const signature = signLineBody(genuine, CANARIES.LINE_CHANNEL_SECRET);
  const line = [
    [genuine, {}],
    [genuine, { 'x-line-signature': signLineBody(genuine, 'wrong-secret') }],
    [genuine.replace('"active"', '"standby"'), { 'x-line-signature': signature }],
    [
      JSON.stringify({ destination: 'Uxxxxxxxx', events: [followEvent(fakeLineUserId('attacker'))] }),
      { 'x-line-signature': signature },
    ],
  ] as const;
  const alert = JSON.stringify({ version: '4', groupKey: 'g', status: 'firing', receiver: 'shirase', alerts: [] });
  const alertmanager: Record<string, string>[] = [
    {},
    { authorization: `Bearer ${CANARIES.ALERTMANAGER_TOKEN}x` },
    { authorization: `Basic ${CANARIES.ALERTMANAGER_TOKEN}` },
    { authorization: `bearer ${CANARIES.LINE_CHANNEL_SECRET}` },
  ];
  const requests: [string, string, Record<string, string>][] = [
    ...line.map(([body, headers]): [string, string, Record<string, string>] => ['/api/webhooks/line', body, headers]),
    ...alertmanager.map((headers): [string, string, Record<string, string>] => ['/api/webhooks/alertmanager', alert, headers]),
  ];
  for (const [path, body, headers] of requests) {
    const before = await snapshotDatabase(app.handle.db);
    const response = await fetch(app.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
    expect(changedTables(before, await snapshotDatabase(app.handle.db), BACKGROUND)).toEqual([]);
  }
  // The genuine one is accepted (so the refusals above were about the signature).
  const accepted = await fetch(`${app.url}/api/webhooks/line`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': signature },
    body: genuine,
  });
  expect(accepted.status).toBe(200);
});

test('a fuzz sample over HTTP: server actions, the API, webhooks, token links and public pages never answer 500, and refusals change nothing', async () => {
  const { default: fc } = await import('fast-check');
  const { formValue, fuzzRuns, mutatedForm, mutatedJson, wireBody, wellFormed } = await import('../test/hardening/fuzz-inputs');
  const f = app.fixtures;
  const ids = [f.componentId, f.openIncidentId, f.maintenanceId, f.manageToken, f.confirmationToken];
  const cases = [
    ...CONSOLE_ACTIONS.map((c) => ({
      key: `${c.module}#${c.name}`,
      allowed: [] as string[],
      form: () => c.form(app.handle.db, f),
    })),
    ...PUBLIC_ACTIONS.map((c) => ({
      key: `${c.module}#${c.name}`,
      allowed: c.mayWriteWhenRefused ?? [],
      form: async () => c.form(f),
    })),
  ];
  const forms = await Promise.all(cases.map(async (c) => ({ ...c, valid: await c.form() })));
  const runs = { numRuns: fuzzRuns(60), seed: Number(process.env.FUZZ_SEED ?? 9) };

  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...forms),
      fc.constantFrom('admin', 'viewer', 'none'),
      fc.integer(),
      async (c, who, pick) => {
        const action = actions.find((a) => `${a.filename}#${a.exportedName}` === c.key)!;
        const fields = fc.sample(mutatedForm(c.valid, ids), { numRuns: 1, seed: pick })[0];
        const before = await snapshotDatabase(app.handle.db);
        const { status, body } = await callAction({
          baseUrl: app.url,
          action,
          fields,
          cookie: who === 'none' ? undefined : app.cookies[who],
        });
        expect(status, `${c.key} ${JSON.stringify(fields).slice(0, 200)}`).toBeLessThan(500);
        if (actionOutcome(body).status === 'error')
          expect(changedTables(before, await snapshotDatabase(app.handle.db), [...BACKGROUND, ...c.allowed])).toEqual([]);
      },
    ),
    runs,
  );

  const key = (await createApiKey({ ctx: { db: app.handle.db, actor: systemActor('fuzz') }, input: { name: 'http-fuzz' } })).key;
  const incident = {
    incident: { name: 'API', status: 'investigating', body: '調査中', components: { [f.componentId]: 'partial_outage' } },
  };
  const alert = {
    version: '4',
    groupKey: 'g',
    status: 'firing',
    receiver: 'r',
    alerts: [
      {
        status: 'firing',
        labels: { component: 'calling' },
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        fingerprint: 'fp',
      },
    ],
  };
  const lineBody = { destination: 'U', events: [followEvent(fakeLineUserId('fuzz'))] };
  const requests = fc.oneof(
    wireBody(mutatedJson(incident, ['incident', 'name', 'status', 'body', 'components'], ids)).map((body) => ({
      method: 'POST',
      path: `/api/v1/pages/${f.pageId}/incidents`,
      body,
      headers: { authorization: `OAuth ${key}` },
    })),
    wireBody(mutatedJson(alert, ['alerts', 'labels', 'status', 'startsAt'], ids)).map((body) => ({
      method: 'POST',
      path: '/api/webhooks/alertmanager',
      body,
      headers: { authorization: `Bearer ${CANARIES.ALERTMANAGER_TOKEN}` },
    })),
    wireBody(mutatedJson(lineBody, ['events', 'type', 'source', 'userId'], ids)).map((body) => ({
      method: 'POST',
      path: '/api/webhooks/line',
      body,
      headers: { 'x-line-signature': signLineBody(body, CANARIES.LINE_CHANNEL_SECRET) },
    })),
    fc
      .tuple(
        fc.constantFrom(
          '/u/',
          '/manage/',
          '/subscribe/confirm/',
          '/incidents/',
          '/maintenance/',
          '/api/v2/',
          '/badge.svg?component=',
          '/admin/incidents/',
        ),
        formValue(ids),
        fc.constantFrom('GET', 'POST'),
      )
      .map(([prefix, value, method]) => ({
        method,
        path: prefix + encodeURIComponent(wellFormed(value)),
        body: method === 'POST' ? 'List-Unsubscribe=One-Click' : undefined,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: app.cookies.admin },
      })),
  );
  await fc.assert(
    fc.asyncProperty(requests, async (request) => {
      const before = await snapshotDatabase(app.handle.db);
      const response = await fetch(app.url + request.path, {
        method: request.method,
        headers: { 'content-type': 'application/json', ...request.headers },
        body: request.body,
        redirect: 'manual',
      });
      expect(response.status, `${request.method} ${request.path} ${String(request.body).slice(0, 200)}`).toBeLessThan(500);
      // A key's calls count against its shared limit (rate_limits) whether or not they are refused.
      if (response.status >= 400)
        expect(changedTables(before, await snapshotDatabase(app.handle.db), [...BACKGROUND, 'api_keys', 'rate_limits'])).toEqual(
          [],
        );
    }),
    { ...runs, numRuns: fuzzRuns(150) },
  );
});

test('no configured secret and no SQL parameter ever appeared in the server’s output, even after all of the above', async () => {
  const logs = app.server.logs();
  for (const [name, value] of Object.entries(CANARIES)) expect(logs.includes(value), `${name} in the server log`).toBe(false);
  expect(logs).not.toMatch(/params: (?!\[redacted\])/);
});
