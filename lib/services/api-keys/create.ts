import { z } from 'zod';
import { apiKeys } from '../../../db/schema';
import { writeAudit } from '../audit/write';
import { actorUserId, ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput, requiredText } from '../parse-input';
import { apiKeySnapshot, generateApiKey } from './keys';

/** `admin` keys may also manage subscribers through the API; `operator` keys post incidents and maintenance. */
export const API_KEY_ROLES = ['operator', 'admin'] as const;
export const createApiKeyInput = z.object({ name: requiredText(100), role: z.enum(API_KEY_ROLES).default('operator') });
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

/** Creates a management API key. The plaintext key is in the result and nowhere else, ever. */
export async function createApiKey({ ctx, input }: { ctx: ServiceContext; input: CreateApiKeyInput }) {
  requireRole(ctx, ADMINS);
  const { name, role } = parseInput(createApiKeyInput, input);
  const { key, prefix, hash } = generateApiKey();
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ name, role, prefix, keyHash: hash, createdBy: actorUserId(ctx.actor), createdAt: now })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'api_key.create',
      entityType: 'api_key',
      entityId: row.id,
      after: apiKeySnapshot(row),
      at: now,
    });
    return { id: row.id, name: row.name, role: row.role, prefix: row.prefix, key };
  });
}
