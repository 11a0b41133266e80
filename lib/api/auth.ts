import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apiKeys } from '../../db/schema';
import { ServiceError } from '../errors';
import type { Actor } from '../services/context';
import { hashApiKey } from '../services/api-keys/keys';

/** lastUsedAt is written at most this often per key, so busy automation does not write per call. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** `Authorization: OAuth <key>` as Statuspage sends it; `Bearer <key>` is accepted too. */
export function keyFromAuthorization(header: string | null): string | null {
  const match = /^(?:OAuth|Bearer)\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

/**
 * The actor behind an API key, with the key's role: an operator posts incidents and maintenance;
 * an admin key may also manage subscribers (the API has no route to users or keys). A missing,
 * unknown or revoked key is `unauthorized`.
 */
export async function authenticateApiKey(
  db: Db,
  authorization: string | null,
  now = new Date(),
): Promise<Actor & { kind: 'api-key' }> {
  const key = keyFromAuthorization(authorization);
  if (!key) throw new ServiceError('unauthorized', 'api_key_missing');
  const [row] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) throw new ServiceError('unauthorized', 'api_key_invalid');
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))));
  }
  return { kind: 'api-key', keyId: row.id, name: row.name, role: row.role };
}
