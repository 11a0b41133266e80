import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Channel } from '../domain/statuses';

// Pure token maths over an instance key (lib/notices/secrets.ts). Nothing here touches the
// database, so the rules are unit-tested directly.

const b64url = (bytes: Buffer) => bytes.toString('base64url');
const hmac = (key: Buffer, message: string) => createHmac('sha256', key).update(message).digest();

/**
 * The manage / one-click unsubscribe token of a subscriber: derived, not stored, so every email
 * can carry it; only its SHA-256 is stored (subscribers.manage_token_hash) to find the row.
 */
export function manageToken(key: Buffer, subscriberId: string): string {
  return b64url(hmac(key, `manage:${subscriberId}`));
}

export function hashManageToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Manage tokens are 43 base64url characters; anything else is not looked up at all. */
export function isWellFormedManageToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Double opt-in link token: "<subscriber id>.<expiry, epoch s>.<signature>". */
export function confirmationToken(key: Buffer, subscriberId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${subscriberId}.${expires}.${b64url(hmac(key, `confirm:${subscriberId}:${expires}`))}`;
}

export type ConfirmationCheck =
  { ok: true; subscriberId: string } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function verifyConfirmationToken(key: Buffer, token: string, now: Date): ConfirmationCheck {
  const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, subscriberId, expires, signature] = match;
  const expected = hmac(key, `confirm:${subscriberId}:${expires}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  if (Number(expires) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, subscriberId };
}

/** Chatwork confirmation codes are stored keyed by subscriber, so a hash cannot be replayed elsewhere. */
export function hashConfirmationCode(key: Buffer, subscriberId: string, code: string): string {
  return b64url(hmac(key, `chatwork-code:${subscriberId}:${code}`));
}

export function confirmationCodeMatches(key: Buffer, subscriberId: string, code: string, storedHash: string): boolean {
  const expected = Buffer.from(hashConfirmationCode(key, subscriberId, code));
  const stored = Buffer.from(storedHash);
  return expected.length === stored.length && timingSafeEqual(expected, stored);
}

/**
 * How the evidence ledger names a recipient: a keyed hash of channel and address. Anyone holding
 * the address and the installation's key can show it was notified; the ledger alone reveals nothing.
 */
export function recipientHash(key: Buffer, channel: Channel, address: string): string {
  return `hmac-sha256:${createHmac('sha256', key).update(`${channel}:${address}`).digest('hex')}`;
}
