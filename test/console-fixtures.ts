import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { hashPassword } from '../lib/security/password';
import type { Role } from '../lib/domain/statuses';
import type { ServiceContext } from '../lib/services/context';

// Console users for integration tests: a real row per role and the context a session would give.

export async function createUser(db: Db, role: Role, overrides: Partial<typeof users.$inferInsert> & { password?: string } = {}) {
  const { password, ...rest } = overrides;
  const [user] = await db
    .insert(users)
    .values({
      email: `${role}-${randomUUID().slice(0, 8)}@example.com`,
      role,
      passwordHash: password ? await hashPassword(password) : null,
      ...rest,
    })
    .returning();
  return user;
}

export function contextFor(db: Db, user: { id: string; email: string; role: Role }, now?: Date): ServiceContext {
  return { db, actor: { kind: 'user', userId: user.id, email: user.email, role: user.role }, ...(now ? { now: () => now } : {}) };
}

export async function contextsByRole(db: Db, now?: Date) {
  const [admin, operator, viewer] = await Promise.all([
    createUser(db, 'admin'),
    createUser(db, 'operator'),
    createUser(db, 'viewer'),
  ]);
  return {
    admin: contextFor(db, admin, now),
    operator: contextFor(db, operator, now),
    viewer: contextFor(db, viewer, now),
    users: { admin, operator, viewer },
  };
}
