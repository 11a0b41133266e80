import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { DatabaseHandle } from '@/db/client';
import { auditLog, devMailbox, sessions, systemMailOutbox } from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { contextFor, createUser } from '@/test/console-fixtures';
import { drainSystemMail } from '../../channels/system-outbox';
import { confirmTwoFactor, startTwoFactor, twoFactorStatus } from '../users/two-factor';
import { unlockUser } from '../users/unlock';
import { completeSecondFactor } from './second-factor';
import { signIn } from './sign-in';
import { findSessionUser, SESSION_TTL_MS } from './sessions';
import { ACCOUNT_FAILURES, ADDRESS_FAILURES, isSlowed, PAIR_FAILURES } from './login-limits';
import { tokenDigest } from '../../security/tokens';

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
    const result = await signIn(handle.db, {
      email: ` ${user.email.toUpperCase()} `,
      password: PASSWORD,
      ip: '10.0.0.1',
      now: t0,
    });
    if (result.kind !== 'signed-in') throw new Error(`not signed in: ${result.kind}`);
    const [row] = await handle.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row.tokenHash).toBe(tokenDigest(result.token));
    expect((await findSessionUser(handle.db, result.token, later(60_000)))?.id).toBe(user.id);
    expect(await findSessionUser(handle.db, result.token, later(SESSION_TTL_MS + 1))).toBeNull();
    expect(await findSessionUser(handle.db, 'forged-token', later(60_000))).toBeNull();
  });

  it('answers an unknown email exactly like a wrong password, and refuses disabled users and invitees', async () => {
    const user = await createUser(handle.db, 'viewer', { password: PASSWORD });
    const disabled = await createUser(handle.db, 'operator', { password: PASSWORD, disabledAt: t0 });
    const invited = await createUser(handle.db, 'operator');
    const wrong = await signIn(handle.db, { email: user.email, password: 'not-the-password', ip: '10.0.0.2', now: t0 });
    const unknown = await signIn(handle.db, { email: 'nobody@example.com', password: PASSWORD, ip: '10.0.0.2', now: t0 });
    expect(wrong).toEqual({ kind: 'refused', reason: 'invalid' });
    expect(unknown).toEqual(wrong);
    for (const email of [disabled.email, invited.email])
      expect(await signIn(handle.db, { email, password: PASSWORD, ip: '10.0.0.3', now: t0 })).toEqual(wrong);
  });

  it('an outsider failing from one address cannot keep the owner out from another (finding 1)', async () => {
    const adminJa = await createUser(handle.db, 'admin', { locale: 'ja' });
    const adminEn = await createUser(handle.db, 'admin', { locale: 'en' });
    const owner = await createUser(handle.db, 'admin', { password: PASSWORD });
    const mailBefore = (await handle.db.select().from(devMailbox)).length;

    // From one address: refused after the per-(account, address) limit, and not counted further.
    for (let i = 0; i < PAIR_FAILURES.limit; i++)
      await signIn(handle.db, { email: owner.email, password: `guess-${i}`, ip: '198.51.100.7', now: later(i * 1000) });
    const outsider = await signIn(handle.db, { email: owner.email, password: PASSWORD, ip: '198.51.100.7', now: later(6_000) });
    expect(outsider).toMatchObject({ kind: 'refused', reason: 'throttled' });
    expect(outsider.kind === 'refused' && outsider.retryAfterSeconds! > 0).toBe(true);
    // From a few more addresses: past the per-account threshold, which only slows the account.
    for (let i = 0; i < ACCOUNT_FAILURES.limit; i++) {
      await signIn(handle.db, {
        email: owner.email,
        password: `guess-${i}`,
        ip: `198.51.100.${10 + (i % 3)}`,
        now: later(7_000 + i * 1000),
      });
    }
    expect(await isSlowed(handle.db, owner.email, later(20_000))).toBe(true);

    // The owner, from home, gets in with the right password (slowed, not refused).
    expect(
      (await signIn(handle.db, { email: owner.email, password: PASSWORD, ip: '203.0.113.9', now: later(21_000) })).kind,
    ).toBe('signed-in');
    expect(
      (await signIn(handle.db, { email: owner.email, password: PASSWORD, ip: '203.0.113.9', now: later(15 * 60_000 * 3) })).kind,
    ).toBe('signed-in');

    // The admins' alert was queued, not sent inside a request; the dispatcher sends it.
    expect((await handle.db.select().from(devMailbox)).length).toBe(mailBefore);
    const queued = await handle.db.select().from(systemMailOutbox);
    expect(queued.map((m) => m.to).sort()).toEqual([adminJa.email, adminEn.email, owner.email].sort());
    await drainSystemMail(handle.db);
    const mail = (await handle.db.select().from(devMailbox)).slice(mailBefore);
    expect(mail.find((m) => m.to === adminJa.email)!.subject).toContain('サインイン失敗');
    expect(mail.find((m) => m.to === adminEn.email)!.subject).toContain(owner.email);
    expect(mail.find((m) => m.to === adminEn.email)!.text).toContain('From address: 198.51.100.1');
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, owner.id));
    expect(audit.map((a) => a.action)).toEqual(['user.slowed']);
  });

  it('an unknown email is counted and throttled the same way, and queues no alert', async () => {
    const queuedBefore = (await handle.db.select().from(systemMailOutbox)).length;
    const kinds = [];
    for (let i = 0; i < ACCOUNT_FAILURES.limit + 1; i++) {
      kinds.push(
        await signIn(handle.db, { email: 'ghost@example.com', password: `x${i}`, ip: `10.0.2.${i}`, now: later(i * 1000) }),
      );
    }
    expect(kinds.every((k) => k.kind === 'refused' && k.reason === 'invalid')).toBe(true);
    expect(await isSlowed(handle.db, 'ghost@example.com', later(20_000))).toBe(true);
    expect((await handle.db.select().from(systemMailOutbox)).length).toBe(queuedBefore);
  });

  it('throttles one address spraying many accounts, not the others', async () => {
    const user = await createUser(handle.db, 'operator', { password: PASSWORD });
    for (let i = 0; i < ADDRESS_FAILURES.limit; i++) {
      await signIn(handle.db, { email: `spray-${i}@example.com`, password: 'x', ip: '10.0.4.1', now: later(i * 1000) });
    }
    expect(await signIn(handle.db, { email: user.email, password: PASSWORD, ip: '10.0.4.1', now: later(60_000) })).toMatchObject({
      kind: 'refused',
      reason: 'throttled',
    });
    expect((await signIn(handle.db, { email: user.email, password: PASSWORD, ip: '10.0.4.2', now: later(60_000) })).kind).toBe(
      'signed-in',
    );
  });

  it('an admin unlocks a slowed account, with an audit row', async () => {
    const admin = await createUser(handle.db, 'admin');
    const user = await createUser(handle.db, 'operator', { password: PASSWORD });
    for (let i = 0; i < ACCOUNT_FAILURES.limit + 1; i++)
      await signIn(handle.db, { email: user.email, password: 'bad', ip: `10.0.5.${i}`, now: later(i * 1000) });
    expect(await isSlowed(handle.db, user.email, later(30_000))).toBe(true);
    const operatorCtx = contextFor(handle.db, { ...user }, later(30_000));
    await expect(unlockUser({ ctx: operatorCtx, input: { userId: user.id } })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await unlockUser({ ctx: contextFor(handle.db, admin, later(30_000)), input: { userId: user.id } })).toEqual({
      id: user.id,
      changed: true,
    });
    expect(await isSlowed(handle.db, user.email, later(31_000))).toBe(false);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'user.unlock'));
    expect(audit.map((a) => [a.entityId, a.actorId])).toEqual([[user.id, admin.id]]);
    await expect(unlockUser({ ctx: contextFor(handle.db, admin), input: { userId: 'not-a-uuid' } })).rejects.toMatchObject({
      code: 'invalid',
    });
  });
});

describe('two-factor sign-in', () => {
  it('enrols with a QR code, then asks for a code that works once; recovery codes work once', async () => {
    const user = await createUser(handle.db, 'admin', { password: PASSWORD });
    const ctx = contextFor(handle.db, user);
    await startTwoFactor({ ctx });
    const status = await twoFactorStatus({ ctx });
    if (status.enabled || !status.pending) throw new Error('not pending');
    expect(status.pending.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(status.pending.uri).toContain('otpauth://totp/');
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(status.pending.secret) });
    const now = new Date();
    await expect(
      confirmTwoFactor({ ctx, input: { code: '000000' === totp.generate() ? '111111' : '000000' } }),
    ).rejects.toMatchObject({ code: 'invalid' });
    const { recoveryCodes } = await confirmTwoFactor({ ctx, input: { code: totp.generate({ timestamp: now.getTime() }) } });
    expect(recoveryCodes).toHaveLength(10);

    const step1 = await signIn(handle.db, { email: user.email, password: PASSWORD, ip: '10.0.6.1', now });
    if (step1.kind !== 'second-factor') throw new Error(`expected a second factor, got ${step1.kind}`);
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);

    // The code used at enrolment (same 30-second step) cannot be used again.
    const replay = await completeSecondFactor(handle.db, {
      challenge: step1.challenge,
      code: totp.generate({ timestamp: now.getTime() }),
      ip: '10.0.6.1',
      now,
    });
    expect(replay).toEqual({ kind: 'refused', reason: 'invalid' });
    const next = new Date(now.getTime() + 30_000);
    const ok = await completeSecondFactor(handle.db, {
      challenge: step1.challenge,
      code: totp.generate({ timestamp: next.getTime() }),
      ip: '10.0.6.1',
      now: next,
    });
    expect(ok.kind).toBe('signed-in');

    const forged = `${step1.challenge.slice(0, -3)}abc`;
    expect(
      await completeSecondFactor(handle.db, { challenge: forged, code: recoveryCodes[0], ip: '10.0.6.1', now: next }),
    ).toEqual({ kind: 'refused', reason: 'expired' });
    const late = new Date(now.getTime() + 6 * 60_000);
    expect(
      await completeSecondFactor(handle.db, { challenge: step1.challenge, code: recoveryCodes[0], ip: '10.0.6.1', now: late }),
    ).toEqual({ kind: 'refused', reason: 'expired' });

    const step2 = await signIn(handle.db, { email: user.email, password: PASSWORD, ip: '10.0.6.1', now: next });
    if (step2.kind !== 'second-factor') throw new Error('expected a second factor');
    expect(
      (
        await completeSecondFactor(handle.db, {
          challenge: step2.challenge,
          code: recoveryCodes[0].toUpperCase(),
          ip: '10.0.6.1',
          now: next,
        })
      ).kind,
    ).toBe('signed-in');
    expect(
      await completeSecondFactor(handle.db, { challenge: step2.challenge, code: recoveryCodes[0], ip: '10.0.6.1', now: next }),
    ).toEqual({ kind: 'refused', reason: 'invalid' });
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['user.recovery_code_used', 'user.two_factor_on']);
  });

  it('wrong second factors are limited per account', async () => {
    const user = await createUser(handle.db, 'operator', { password: PASSWORD });
    const ctx = contextFor(handle.db, user);
    await startTwoFactor({ ctx });
    const status = await twoFactorStatus({ ctx });
    if (status.enabled || !status.pending) throw new Error('not pending');
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(status.pending.secret) });
    await confirmTwoFactor({ ctx, input: { code: totp.generate() } });
    const now = new Date(Date.now() + 60_000);
    const step1 = await signIn(handle.db, { email: user.email, password: PASSWORD, ip: '10.0.7.1', now });
    if (step1.kind !== 'second-factor') throw new Error('expected a second factor');
    const wrong = String((Number(totp.generate({ timestamp: now.getTime() })) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++)
      expect((await completeSecondFactor(handle.db, { challenge: step1.challenge, code: wrong, ip: '10.0.7.1', now })).kind).toBe(
        'refused',
      );
    const right = await completeSecondFactor(handle.db, {
      challenge: step1.challenge,
      code: totp.generate({ timestamp: now.getTime() }),
      ip: '10.0.7.1',
      now,
    });
    expect(right).toMatchObject({ kind: 'refused', reason: 'throttled' });
  });
});
