import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import { auditLog, devMailbox, sessions, users } from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { createUser } from '@/test/console-fixtures';
import { signIn } from './sign-in';
import { findSessionUser, SESSION_TTL_MS } from './sessions';
import { ACCOUNT_LOCK_MS, ADDRESS_FAILURE_LIMIT } from './login-limits';
import { tokenDigest } from './tokens';

let handle: DatabaseHandle;
const PASSWORD = 'correct-horse-battery';
const t0 = new Date('2026-11-23T01:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle.close());

describe('sign-in', () => {
  it('opens a server-side session whose cookie token is stored only as a SHA-256 digest', async () => {
    const user = await createUser(handle.db, 'operator', { password: PASSWORD });
    const result = await signIn(handle.db, { email: ` ${user.email.toUpperCase()} `, password: PASSWORD, ip: '10.0.0.1', now: t0 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [row] = await handle.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row.tokenHash).toBe(tokenDigest(result.token));
    expect(row.tokenHash).not.toContain(result.token);
    expect((await findSessionUser(handle.db, result.token, later(60_000)))?.id).toBe(user.id);
    expect(await findSessionUser(handle.db, result.token, later(SESSION_TTL_MS + 1))).toBeNull();
    expect(await findSessionUser(handle.db, 'forged-token', later(60_000))).toBeNull();
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const user = await createUser(handle.db, 'viewer', { password: PASSWORD });
    const wrong = await signIn(handle.db, { email: user.email, password: 'not-the-password', ip: '10.0.0.2', now: t0 });
    const unknown = await signIn(handle.db, { email: 'nobody@example.com', password: PASSWORD, ip: '10.0.0.2', now: t0 });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrong);
  });

  it('refuses a disabled user and invitees without a password, without saying why', async () => {
    const disabled = await createUser(handle.db, 'operator', { password: PASSWORD, disabledAt: t0 });
    const invited = await createUser(handle.db, 'operator');
    for (const email of [disabled.email, invited.email]) {
      expect(await signIn(handle.db, { email, password: PASSWORD, ip: '10.0.0.3', now: t0 })).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('locks an account on the 5th failure in 15 minutes, alerts every active admin once, and lets it in after the lock', async () => {
    const before = await handle.db.select().from(devMailbox);
    const adminA = await createUser(handle.db, 'admin', { locale: 'ja' });
    const adminB = await createUser(handle.db, 'admin', { locale: 'en' });
    const retired = await createUser(handle.db, 'admin', { disabledAt: t0 });
    const target = await createUser(handle.db, 'operator', { password: PASSWORD });

    for (let i = 0; i < 5; i++) {
      const r = await signIn(handle.db, { email: target.email, password: `guess-${i}`, ip: '10.0.1.1', now: later(i * 60_000) });
      expect(r).toEqual({ ok: false, reason: 'invalid' });
    }
    const [locked] = await handle.db.select().from(users).where(eq(users.id, target.id));
    expect(locked.lockedUntil?.getTime()).toBe(later(4 * 60_000).getTime() + ACCOUNT_LOCK_MS);

    // Even the right password is refused while locked, and further failures send no more mail.
    expect(await signIn(handle.db, { email: target.email, password: PASSWORD, ip: '10.0.1.1', now: later(6 * 60_000) })).toEqual({
      ok: false,
      reason: 'throttled',
    });
    await signIn(handle.db, { email: target.email, password: 'again', ip: '10.0.1.1', now: later(7 * 60_000) });

    const mail = (await handle.db.select().from(devMailbox)).slice(before.length);
    expect(mail.map((m) => m.to).sort()).toEqual([adminA.email, adminB.email].sort());
    expect(mail.map((m) => m.to)).not.toContain(retired.email);
    const ja = mail.find((m) => m.to === adminA.email)!;
    expect(ja.subject).toContain('ロック');
    expect(ja.subject).toContain(target.email);
    expect(ja.text).toContain('10.0.1.1');
    expect(mail.find((m) => m.to === adminB.email)!.subject).toContain('Account locked');

    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, target.id));
    expect(audit.map((a) => a.action)).toEqual(['user.locked']);

    const afterLock = await signIn(handle.db, { email: target.email, password: PASSWORD, ip: '10.0.1.1', now: later(4 * 60_000 + ACCOUNT_LOCK_MS + 60_000) });
    expect(afterLock.ok).toBe(true);
  });

  it('throttles an unknown email after 5 failures the same way, so a lock reveals nothing', async () => {
    const mailBefore = (await handle.db.select().from(devMailbox)).length;
    for (let i = 0; i < 5; i++) await signIn(handle.db, { email: 'ghost@example.com', password: `x${i}`, ip: '10.0.2.1', now: later(i * 1000) });
    expect(await signIn(handle.db, { email: 'ghost@example.com', password: 'x', ip: '10.0.2.1', now: later(10_000) })).toEqual({
      ok: false,
      reason: 'throttled',
    });
    expect((await handle.db.select().from(devMailbox)).length).toBe(mailBefore);
  });

  it('a success clears earlier failures, and failures older than 15 minutes do not count', async () => {
    const user = await createUser(handle.db, 'operator', { password: PASSWORD });
    for (let i = 0; i < 4; i++) await signIn(handle.db, { email: user.email, password: 'bad', ip: '10.0.3.1', now: later(i * 1000) });
    expect((await signIn(handle.db, { email: user.email, password: PASSWORD, ip: '10.0.3.1', now: later(5000) })).ok).toBe(true);
    for (let i = 0; i < 4; i++) await signIn(handle.db, { email: user.email, password: 'bad', ip: '10.0.3.1', now: later(10_000 + i * 1000) });
    expect((await signIn(handle.db, { email: user.email, password: 'bad', ip: '10.0.3.1', now: later(16 * 60_000) })).ok).toBe(false);
    const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(row.lockedUntil).toBeNull();
  });

  it('throttles one address spraying many accounts', async () => {
    const user = await createUser(handle.db, 'operator', { password: PASSWORD });
    for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++) {
      await signIn(handle.db, { email: `spray-${i}@example.com`, password: 'x', ip: '10.0.4.1', now: later(i * 1000) });
    }
    expect(await signIn(handle.db, { email: user.email, password: PASSWORD, ip: '10.0.4.1', now: later(60_000) })).toEqual({ ok: false, reason: 'throttled' });
    expect((await signIn(handle.db, { email: user.email, password: PASSWORD, ip: '10.0.4.2', now: later(60_000) })).ok).toBe(true);
  });
});
