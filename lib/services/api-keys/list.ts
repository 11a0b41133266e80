import { desc, eq } from 'drizzle-orm';
import { apiKeys, users } from '../../../db/schema';
import { ADMINS, requireRole, type ServiceContext } from '../context';

export type ApiKeyListItem = {
  id: string;
  name: string;
  prefix: string;
  role: 'admin' | 'operator';
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** Every key, newest first, without hashes. */
export async function listApiKeys({ ctx }: { ctx: ServiceContext }): Promise<ApiKeyListItem[]> {
  requireRole(ctx, ADMINS);
  return ctx.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      role: apiKeys.role,
      createdBy: users.email,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .orderBy(desc(apiKeys.createdAt));
}
