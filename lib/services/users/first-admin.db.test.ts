import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { resetEnvCache } from '@/lib/env';
import { ServiceError } from '@/lib/errors';
import { instanceSecrets } from '@/db/schema';
import { ensureFirstAdmin, isSetupOpen, setupFirstAdmin } from './first-admin';
import { issueSetupCode } from './setup-code';
import { verifyPassword } from '../../security/password';

let handle: DatabaseHandle;
let code: string;
const saved = { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD };

beforeEach(async () => {
  handle = await createTestDatabase();
  code = await issueSetupCode(handle.db);
});
afterEach(async () => {
  await handle.close();
  process.env.ADMIN_EMAIL = saved.email ?? '';
  process.env.ADMIN_PASSWORD = saved.password ?? '';
  resetEnvCache();
});
afterAll(() => resetEnvCache());

describe('first admin', () => {
  it('the setup form creates one admin and then closes for good', async () => {
    expect(await isSetupOpen(handle.db)).toBe(true);
    await setupFirstAdmin(handle.db, { code, email: 'Owner@Example.com', password: 'a-long-enough-password' });
    expect(await isSetupOpen(handle.db)).toBe(false);
    const [owner] = await handle.db.select().from(users);
    expect(owner).toMatchObject({ email: 'owner@example.com', role: 'admin' });
    expect(await verifyPassword(owner.passwordHash!, 'a-long-enough-password')).toBe(true);

    await expect(
      setupFirstAdmin(handle.db, { code, email: 'intruder@example.com', password: 'another-password' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      messageKey: 'setup_closed',
    });
    expect(await handle.db.select().from(users)).toHaveLength(1);
  });

  it('concurrent setup submissions create exactly one admin', async () => {
    const results = await Promise.allSettled(
      ['a', 'b', 'c', 'd'].map((n) =>
        setupFirstAdmin(handle.db, { code, email: `${n}@example.com`, password: 'a-long-enough-password' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof ServiceError),
    ).toBe(true);
    expect(await handle.db.select().from(users)).toHaveLength(1);
  });

  it('refuses a short password and a bad email with field errors, creating nothing', async () => {
    await expect(setupFirstAdmin(handle.db, { code, email: 'not-an-email', password: 'short' })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { email: ['invalid_email'], password: ['too_short'] },
    });
    expect(await handle.db.select().from(users)).toHaveLength(0);
  });

  it('needs the setup code printed at the latest start: a wrong, missing or superseded code creates nothing', async () => {
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const form = { email: 'owner@example.com', password: 'a-long-enough-password' };
    await expect(setupFirstAdmin(handle.db, { ...form, code: 'AAAA-BBBB-CCCC' })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { code: ['setup_code_wrong'] },
    });
    await expect(setupFirstAdmin(handle.db, { ...form, code: '' })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { code: ['required'] },
    });
    // A restart prints a new code; the old one stops working.
    const next = await issueSetupCode(handle.db);
    expect(next).not.toBe(code);
    await expect(setupFirstAdmin(handle.db, { ...form, code })).rejects.toMatchObject({
      fieldErrors: { code: ['setup_code_wrong'] },
    });
    expect(await handle.db.select().from(users)).toHaveLength(0);
    // Typed by hand: lower case, spaces instead of dashes.
    await setupFirstAdmin(handle.db, { ...form, code: ` ${next.toLowerCase().replaceAll('-', ' ')} ` });
    expect(await handle.db.select().from(users)).toHaveLength(1);
    // The code is gone with the setup; only its digest was ever stored.
    expect((await handle.db.select().from(instanceSecrets)).map((r) => r.name)).not.toContain('setup-code');
  });

  it('ADMIN_EMAIL/ADMIN_PASSWORD create the first admin once and never overwrite it', async () => {
    process.env.ADMIN_EMAIL = 'boot@example.com';
    process.env.ADMIN_PASSWORD = 'first-password-123';
    resetEnvCache();
    expect(await ensureFirstAdmin(handle.db)).toBe(true);
    process.env.ADMIN_PASSWORD = 'changed-password-456';
    resetEnvCache();
    expect(await ensureFirstAdmin(handle.db)).toBe(false);
    const [admin] = await handle.db.select().from(users);
    expect(await verifyPassword(admin.passwordHash!, 'first-password-123')).toBe(true);
    expect((await handle.db.select().from(auditLog)).map((a) => a.actorLabel)).toEqual(['system:start']);
  });

  it('does nothing without the variables', async () => {
    process.env.ADMIN_EMAIL = '';
    process.env.ADMIN_PASSWORD = '';
    resetEnvCache();
    expect(await ensureFirstAdmin(handle.db)).toBe(false);
    expect(await isSetupOpen(handle.db)).toBe(true);
  });
});
