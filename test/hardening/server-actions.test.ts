import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { DatabaseHandle } from '../../db/client';
import { sessions } from '../../db/schema';
import { serviceErrorText } from '../../lib/actions/messages';
import { SESSION_COOKIE } from '../../lib/auth/request';
import { createSession } from '../../lib/services/sessions/sessions';
import { randomToken, tokenDigest } from '../../lib/security/tokens';
import { installDatabase } from '../../lib/db';
import { createTestDatabase } from '../db';
import {
  CONSOLE_ACTIONS,
  PUBLIC_ACTIONS,
  toFormData,
  type ConsoleActionCase,
  type FormFields,
  type FormStateAction,
} from './action-forms';
import { createConsoleFixtures, type ConsoleFixtures } from './console-fixtures';
import { changedTables, snapshotDatabase, type DatabaseSnapshot } from './db-snapshot';
import { everyLeafHostile, fuzzRuns, fuzzTimeout, HOSTILE_VALUES, mutatedForm } from './fuzz-inputs';

// Server actions are public HTTP endpoints. Here each one runs in-process exactly as Next calls
// it (the real wrapper: session from the cookie, zod parsing, the service), with the request's
// cookies and headers standing in for Next's request scope. HTTP-level checks (Origin, action
// ids) are in e2e/hardening-http.spec.ts.

const request = vi.hoisted(() => ({ cookies: new Map<string, string>(), headers: new Map<string, string>() }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
    set: (name: string, value: string) => void request.cookies.set(name, value),
    delete: (name: string) => void request.cookies.delete(name),
  }),
  headers: async () => new Headers([...request.headers]),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));

let handle: DatabaseHandle;
let fixtures: ConsoleFixtures;
let tokens: Record<'admin' | 'operator' | 'viewer' | 'disabled' | 'expired', string>;
const actions = new Map<string, FormStateAction>();
const consoleErrors: unknown[][] = [];
vi.setConfig({ testTimeout: fuzzTimeout(60_000) });
const key = (c: { module: string; name: string }) => `${c.module}#${c.name}`;

// A refused input leaves the database as the last snapshot showed it, so that snapshot serves as
// the next "before"; any success (or an unchecked call) drops it.
let lastSnapshot: DatabaseSnapshot | null = null;
async function snapshotBefore(): Promise<DatabaseSnapshot> {
  return lastSnapshot ?? snapshotDatabase(handle.db);
}
async function expectUnchangedSince(before: DatabaseSnapshot, allowed?: string[]) {
  const after = await snapshotDatabase(handle.db);
  expect(changedTables(before, after, allowed)).toEqual([]);
  lastSnapshot = allowed?.length ? null : after;
}

const NAMESPACES = [undefined, 'maintenance', 'api', 'notify', 'sla'];
const refusalTexts = (code: 'unauthorized' | 'forbidden', messageKey: string) =>
  new Set(NAMESPACES.map((ns) => serviceErrorText('ja', { code, messageKey }, ns)));
const UNAUTHORIZED = refusalTexts('unauthorized', 'session_expired');
const FORBIDDEN = refusalTexts('forbidden', 'forbidden');

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabase(handle);
  fixtures = await createConsoleFixtures(handle.db);
  const { users } = fixtures;
  const now = new Date();
  const signed = async (userId: string) => (await createSession(handle.db, { userId, ip: '127.0.0.1', now })).token;
  const expired = randomToken();
  await handle.db.insert(sessions).values({
    tokenHash: tokenDigest(expired),
    userId: users.admin.id,
    createdAt: new Date(now.getTime() - 2 * 86_400_000),
    expiresAt: new Date(now.getTime() - 1_000),
    ip: null,
  });
  tokens = {
    admin: await signed(users.admin.id),
    operator: await signed(users.operator.id),
    viewer: await signed(users.viewer.id),
    disabled: await signed(users.disabled.id),
    expired,
  };
  for (const c of [...CONSOLE_ACTIONS, ...PUBLIC_ACTIONS]) {
    const mod = (await import(path.resolve(c.module))) as Record<string, FormStateAction>;
    actions.set(key(c), mod[c.name]);
  }
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void consoleErrors.push(args));
});
afterAll(async () => {
  vi.restoreAllMocks();
  await handle?.close();
});

function actAs(token: string | undefined) {
  request.cookies.clear();
  request.headers.clear();
  if (token) request.cookies.set(SESSION_COOKIE, token);
}

/** Calls the action as Next would; a redirect (thrown by design) counts as success. */
async function submit(action: FormStateAction, fields: FormFields): Promise<{ status: string; message?: string }> {
  try {
    return await action({ status: 'idle' }, toFormData(fields));
  } catch (error) {
    if (String((error as { digest?: string }).digest ?? '').startsWith('NEXT_REDIRECT')) return { status: 'ok' };
    throw error;
  }
}

async function expectRefusedUnchanged(c: ConsoleActionCase, token: string | undefined, texts: Set<string>) {
  actAs(token);
  const form = await c.form(handle.db, fixtures);
  const before = await snapshotBefore();
  lastSnapshot = null;
  const result = await submit(actions.get(key(c))!, form);
  expect(result.status, `${c.name}`).toBe('error');
  expect(texts.has(result.message ?? ''), `${c.name}: ${result.message}`).toBe(true);
  await expectUnchangedSince(before);
}

describe('every console server action refuses callers without the right session', () => {
  it('lists every exported console action (a new action must be added here)', () => {
    const exported = new Set<string>();
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === 'actions.ts' ? [path.join(dir, e.name)] : [],
        );
    const publicForms = new Set<string>();
    for (const file of walk('app')) {
      for (const [, name, kind] of fs
        .readFileSync(file, 'utf8')
        .matchAll(/export const (\w+) = (formAction|publicFormAction)\(/g))
        (kind === 'formAction' ? exported : publicForms).add(`${file}#${name}`);
    }
    expect([...exported].sort()).toEqual(CONSOLE_ACTIONS.map(key).sort());
    expect([...publicForms].sort()).toEqual(PUBLIC_ACTIONS.map(key).sort());
  });

  for (const caller of ['none', 'garbage', 'expired', 'disabled'] as const) {
    it(`without a valid session (${caller}): refused, nothing changed`, async () => {
      const token = caller === 'none' ? undefined : caller === 'garbage' ? 'x'.repeat(43) : tokens[caller];
      for (const c of CONSOLE_ACTIONS) await expectRefusedUnchanged(c, token, UNAUTHORIZED);
    });
  }

  it('with a viewer session: every write refused as forbidden, nothing changed', async () => {
    for (const c of CONSOLE_ACTIONS.filter((c) => c.requires !== 'signed-in'))
      await expectRefusedUnchanged(c, tokens.viewer, FORBIDDEN);
  });

  it('with an operator session: every admin-only action refused as forbidden, nothing changed', async () => {
    for (const c of CONSOLE_ACTIONS.filter((c) => c.requires === 'admin'))
      await expectRefusedUnchanged(c, tokens.operator, FORBIDDEN);
  });

  it('with an admin session the same forms succeed (so the refusals above were about the caller)', async () => {
    const ordered = [...CONSOLE_ACTIONS.filter((c) => !c.consumes), ...CONSOLE_ACTIONS.filter((c) => c.consumes)];
    lastSnapshot = null;
    for (const c of ordered) {
      actAs(tokens.admin);
      const result = await submit(actions.get(key(c))!, await c.form(handle.db, fixtures));
      expect(result, `${c.name}: ${JSON.stringify(result)}`).toMatchObject({ status: 'ok' });
    }
    expect(consoleErrors).toEqual([]);
  });
});

describe('fuzzing every console server action (admin session)', () => {
  it('every field of every form, set to NUL, a lone surrogate or 100,000 characters: refused or saved, never an internal error', async () => {
    for (const c of CONSOLE_ACTIONS.filter((c) => !c.consumes)) {
      const valid = await c.form(handle.db, fixtures);
      for (const field of Object.keys(valid)) {
        for (const value of HOSTILE_VALUES) {
          actAs(tokens.admin);
          consoleErrors.length = 0;
          const before = await snapshotBefore();
          lastSnapshot = null;
          const result = await submit(actions.get(key(c))!, { ...valid, [field]: value });
          expect(consoleErrors, `${c.name}.${field} = ${JSON.stringify(value.slice(0, 8))}`).toEqual([]);
          if (result.status === 'error') await expectUnchangedSince(before);
        }
      }
    }
  });

  const realIds = () => [
    fixtures.componentId,
    fixtures.groupId,
    fixtures.serviceId,
    fixtures.openIncidentId,
    fixtures.resolvedIncidentId,
    fixtures.maintenanceId,
    fixtures.users.target.id,
    String(fixtures.deadDeliveryId),
  ];

  it('the SLA policy JSON with any string in it set to NUL or a lone surrogate: refused, nothing changed', async () => {
    const c = CONSOLE_ACTIONS.find((a) => a.name === 'replacePolicyAction')!;
    const valid = await c.form(handle.db, fixtures);
    for (const policy of everyLeafHostile(JSON.parse(valid.policyJson as string), {
      stringsOnly: true,
      values: HOSTILE_VALUES.slice(0, 2),
    })) {
      actAs(tokens.admin);
      consoleErrors.length = 0;
      const form = await c.form(handle.db, fixtures);
      const before = await snapshotBefore();
      lastSnapshot = null;
      const result = await submit(actions.get(key(c))!, { ...form, policyJson: JSON.stringify(policy) });
      expect(consoleErrors).toEqual([]);
      expect(result.status).toBe('error');
      await expectUnchangedSince(before);
    }
  });

  for (const c of CONSOLE_ACTIONS) {
    it(`${c.name} (${c.module.split('/')[2]}): no unexpected error, a refused input changes nothing`, async () => {
      const valid = await c.form(handle.db, fixtures);
      await fc.assert(
        fc.asyncProperty(mutatedForm(valid, realIds()), async (fields) => {
          actAs(tokens.admin);
          consoleErrors.length = 0;
          const before = await snapshotBefore();
          lastSnapshot = null;
          const result = await submit(actions.get(key(c))!, fields);
          expect(consoleErrors).toEqual([]);
          expect(['ok', 'error']).toContain(result.status);
          if (result.status === 'error') await expectUnchangedSince(before);
        }),
        { numRuns: fuzzRuns(12), seed: Number(process.env.FUZZ_SEED ?? 9) },
      );
    });
  }
});

describe('fuzzing the public forms (no session) and the read-only plan preview', () => {
  const realIds = () => [
    fixtures.componentId,
    fixtures.manageToken,
    fixtures.confirmationToken,
    fixtures.users.admin.email,
    '4242',
    '123456',
  ];

  for (const c of PUBLIC_ACTIONS) {
    it(`${c.name}: no unexpected error, a refused input changes nothing${c.mayWriteWhenRefused ? ` but ${c.mayWriteWhenRefused.join(', ')}` : ''}`, async () => {
      await fc.assert(
        fc.asyncProperty(mutatedForm(c.form(fixtures), realIds()), async (fields) => {
          actAs(undefined);
          consoleErrors.length = 0;
          const before = await snapshotBefore();
          lastSnapshot = null;
          const result = await submit(actions.get(key(c))!, fields);
          expect(consoleErrors).toEqual([]);
          expect(['ok', 'error']).toContain(result.status);
          if (result.status === 'error') await expectUnchangedSince(before, c.mayWriteWhenRefused);
        }),
        { numRuns: fuzzRuns(25), seed: Number(process.env.FUZZ_SEED ?? 9) },
      );
    });
  }

  it('previewPlanAction answers every input and session with a hint or checks, and writes nothing', async () => {
    const { previewPlanAction } = (await import(path.resolve('app/admin/maintenance/actions.ts'))) as {
      previewPlanAction: (data: FormData) => Promise<unknown>;
    };
    const valid = {
      title: 'x',
      body: 'y',
      scheduledStart: fixtures.localStart,
      scheduledEnd: fixtures.localEnd,
      expectedDowntimeMinutes: '5',
      'componentIds[]': [fixtures.componentId],
    };
    await fc.assert(
      fc.asyncProperty(
        mutatedForm(valid, realIds()),
        fc.constantFrom(undefined, tokens.viewer, tokens.admin, tokens.expired),
        async (fields, token) => {
          actAs(token);
          consoleErrors.length = 0;
          const before = await snapshotBefore();
          lastSnapshot = null;
          expect(await previewPlanAction(toFormData(fields))).toBeTypeOf('object');
          expect(consoleErrors).toEqual([]);
          await expectUnchangedSince(before);
        },
      ),
      { numRuns: fuzzRuns(25), seed: Number(process.env.FUZZ_SEED ?? 9) },
    );
  });
});
