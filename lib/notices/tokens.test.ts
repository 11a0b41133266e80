import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import {
  confirmationCodeMatches,
  confirmationToken,
  hashConfirmationCode,
  hashManageToken,
  isWellFormedManageToken,
  manageToken,
  recipientHash,
  verifyConfirmationToken,
} from './tokens';
import { retryDelayMs } from '../notify/retry-policy';

const key = randomBytes(32);
const id = '6f1d8f5e-5a3b-4c2d-9e8f-0a1b2c3d4e5f';

describe('subscription tokens', () => {
  it('derives a stable, well-formed manage token per subscriber and key', () => {
    const token = manageToken(key, id);
    expect(isWellFormedManageToken(token)).toBe(true);
    expect(manageToken(key, id)).toBe(token);
    expect(manageToken(randomBytes(32), id)).not.toBe(token);
    expect(hashManageToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(isWellFormedManageToken(`${token}x`)).toBe(false);
  });

  it('confirmation links verify until they expire, and any change breaks them', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    const token = confirmationToken(key, id, new Date(now.getTime() + 3_600_000));
    expect(verifyConfirmationToken(key, token, now)).toEqual({ ok: true, subscriberId: id });
    expect(verifyConfirmationToken(key, token, new Date(now.getTime() + 3_600_000))).toEqual({ ok: false, reason: 'expired' });
    const [sid, expires, sig] = token.split('.');
    expect(verifyConfirmationToken(key, `${sid}.${Number(expires) + 86_400}.${sig}`, now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyConfirmationToken(key, `${sid.replace(/^./, 'a')}.${expires}.${sig}`, now).ok).toBe(false);
    expect(verifyConfirmationToken(randomBytes(32), token, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyConfirmationToken(key, 'garbage', now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('keys Chatwork codes per subscriber and hashes recipients without the address', () => {
    const hash = hashConfirmationCode(key, id, '123456');
    expect(confirmationCodeMatches(key, id, '123456', hash)).toBe(true);
    expect(confirmationCodeMatches(key, id, '123457', hash)).toBe(false);
    expect(confirmationCodeMatches(key, '00000000-0000-4000-8000-000000000000', '123456', hash)).toBe(false);
    const recipient = recipientHash(key, 'email', 'hanako@example.test');
    expect(recipient).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(recipientHash(key, 'line', 'hanako@example.test')).not.toBe(recipient);
  });
});

describe('retry delays', () => {
  const policy = { maxAttempts: 8, baseDelayMs: 10_000, maxDelayMs: 60_000, jitter: 0.25 };
  it('grow exponentially up to the cap, with jitter around the middle, never before Retry-After', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, undefined, policy, () => 0.5))).toEqual([
      10_000, 20_000, 40_000, 60_000, 60_000,
    ]);
    expect(retryDelayMs(1, undefined, policy, () => 0)).toBe(7_500);
    expect(retryDelayMs(1, undefined, policy, () => 0.999_999)).toBeCloseTo(12_500, -1);
    expect(retryDelayMs(1, 120_000, policy, () => 0.5)).toBe(120_000);
    expect(retryDelayMs(4, 1_000, policy, () => 0.5)).toBe(60_000);
  });
});
