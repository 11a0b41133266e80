import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies and invitation links carry these. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this digest is stored, so a database leak does not hand out sessions or invitations. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
