import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * `Authorization: Bearer <token>` against a configured token (ALERTMANAGER_TOKEN, METRICS_TOKEN),
 * compared in constant time (over SHA-256 digests, so the length does not leak either).
 * No configured token → refused.
 */
export function bearerTokenMatches(authorization: string | null, expected: string | undefined): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match || !expected) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}
