import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { apiKeys } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { apiKeySnapshot } from './keys';

export const revokeApiKeyInput = z.object({ id: entityId });
export type RevokeApiKeyInput = z.input<typeof revokeApiKeyInput>;

/** Revokes a key at once: the next request made with it gets 401. */
export async function revokeApiKey({ ctx, input }: { ctx: ServiceContext; input: RevokeApiKeyInput }) {
  requireRole(ctx, ADMINS);
  const { id } = parseInput(revokeApiKeyInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id)).for('update');
    if (!row) throw new ServiceError('not_found', 'api_key_not_found');
    if (row.revokedAt) throw new ServiceError('conflict', 'api_key_already_revoked');
    const [revoked] = await tx.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id)).returning();
    await writeAudit(tx, ctx.actor, {
      action: 'api_key.revoke',
      entityType: 'api_key',
      entityId: id,
      before: apiKeySnapshot(row),
      after: apiKeySnapshot(revoked),
      at: now,
    });
    return { id, name: row.name, prefix: row.prefix };
  });
}
