import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { resetEnvCache } from '@/lib/env';
import { ServiceError } from '@/lib/errors';
import { ensureFirstAdmin, isSetupOpen, setupFirstAdmin } from './first-admin';
import { verifyPassword } from './password';

let handle: DatabaseHandle;
const saved = { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD };

beforeEach(async () => {
  handle = await createTestDatabase();
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
    await setupFirstAdmin(handle.db, { email: 'Owner@Example.com', password: 'a-long-enough-password' });
    expect(await isSetupOpen(handle.db)).toBe(false);
    const [owner] = await handle.db.select().from(users);
    expect(owner).toMatchObject({ email: 'owner@example.com', role: 'admin' });
    expect(await verifyPassword(owner.passwordHash!, 'a-long-enough-password')).toBe(true);

    await expect(setupFirstAdmin(handle.db, { email: 'intruder@example.com', password: 'another-password' })).rejects.toMatchObject({
      code: 'conflict',
      messageKey: 'setup_closed',
    });
    expect(await handle.db.select().from(users)).toHaveLength(1);
  });

  it('concurrent setup submissions create exactly one admin', async () => {
    const results = await Promise.allSettled(
      ['a', 'b', 'c', 'd'].map((n) => setupFirstAdmin(handle.db, { email: `${n}@example.com`, password: 'a-long-enough-password' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof ServiceError)).toBe(true);
    expect(await handle.db.select().from(users)).toHaveLength(1);
  });

  it('refuses a short password and a bad email with field errors, creating nothing', async () => {
    await expect(setupFirstAdmin(handle.db, { email: 'not-an-email', password: 'short' })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { email: ['invalid_email'], password: ['too_short'] },
    });
    expect(await handle.db.select().from(users)).toHaveLength(0);
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
