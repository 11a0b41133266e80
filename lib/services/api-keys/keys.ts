import { createHash, randomBytes } from 'node:crypto';

// Management API keys: 256 random bits behind a readable prefix. Only a SHA-256 of the key is
// stored (it is high-entropy, so a slow hash adds nothing); the key itself is shown once.

const KEY_PREFIX = 'shirase_';

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, KEY_PREFIX.length + 6), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** What lists and audit rows may show of a key. */
export function apiKeySnapshot(row: { id: string; name: string; prefix: string; role?: string; revokedAt?: Date | null }) {
  return { id: row.id, name: row.name, prefix: row.prefix, role: row.role ?? 'operator', revokedAt: row.revokedAt ?? null };
}
