import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { DatabaseHandle } from '@/db/client';
import { users } from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { contextFor, createUser } from '@/test/console-fixtures';
import { confirmTwoFactor, startTwoFactor, twoFactorStatus } from '../users/two-factor';
import { openTotpSecret, sealPlainTotpSecrets, sealTotpSecret } from './totp-sealing';
import { newTotpSecret } from './two-factor';

let handle: DatabaseHandle;
const KEYS = { session: 'a-session-secret-of-at-least-32-characters' };

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle.close());

const storedSecret = async (userId: string) =>
  (await handle.db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId)))[0].secret;

describe('TOTP secrets at rest', () => {
  it('stores an enrolment secret sealed: the row never holds the base32 secret the owner is shown', async () => {
    const user = await createUser(handle.db, 'operator');
    const ctx = contextFor(handle.db, user);
    await startTwoFactor({ ctx });
    const status = await twoFactorStatus({ ctx });
    if (status.enabled || !status.pending) throw new Error('no pending enrolment');
    const stored = await storedSecret(user.id);
    expect(stored).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(stored).not.toContain(status.pending.secret);
    // The sealed secret still confirms enrolment with the app's code.
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(status.pending.secret) }).generate();
    expect((await confirmTwoFactor({ ctx, input: { code } })).recoveryCodes).toHaveLength(10);
  });

  it('opens only with the same key and for the same user', async () => {
    const [a, b] = [await createUser(handle.db, 'viewer'), await createUser(handle.db, 'viewer')];
    const secret = newTotpSecret();
    const sealed = await sealTotpSecret(handle.db, a.id, secret, KEYS);
    expect(await openTotpSecret(handle.db, a.id, sealed, KEYS)).toBe(secret);
    expect(await openTotpSecret(handle.db, b.id, sealed, KEYS)).toBeNull();
    expect(await openTotpSecret(handle.db, a.id, sealed, { session: `${KEYS.session}-rotated` })).toBeNull();
    expect(await openTotpSecret(handle.db, a.id, sealed, { dedicated: 'a-dedicated-key-of-at-least-32-characters' })).toBeNull();
    // The tag's first character carries six whole bits (the last one only two, plus padding).
    const parts = sealed.split('.');
    parts[4] = (parts[4][0] === 'A' ? 'B' : 'A') + parts[4].slice(1);
    const tampered = parts.join('.');
    expect(await openTotpSecret(handle.db, a.id, tampered, KEYS)).toBeNull();
    expect(await openTotpSecret(handle.db, a.id, secret, KEYS)).toBeNull();
    // Without configured key material, the installation's own key (in the database) seals.
    const inDatabase = await sealTotpSecret(handle.db, a.id, secret, {});
    expect(await openTotpSecret(handle.db, a.id, inDatabase, {})).toBe(secret);
    expect(await openTotpSecret(handle.db, a.id, inDatabase, KEYS)).toBeNull();
  });

  it('the data migration seals secrets stored in plain text before, once', async () => {
    const user = await createUser(handle.db, 'operator');
    const plain = newTotpSecret();
    await handle.db.update(users).set({ totpSecret: plain }).where(eq(users.id, user.id));
    expect(await sealPlainTotpSecrets(handle.db, KEYS)).toBeGreaterThanOrEqual(1);
    const stored = await storedSecret(user.id);
    expect(stored).not.toBe(plain);
    expect(await openTotpSecret(handle.db, user.id, stored, KEYS)).toBe(plain);
    expect(await sealPlainTotpSecrets(handle.db, KEYS)).toBe(0);
    expect(await storedSecret(user.id)).toBe(stored);
  });
});
