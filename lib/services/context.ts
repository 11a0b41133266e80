import type { Db, DbOrTx, Tx } from '../../db/client';
import type { Role } from '../domain/statuses';
import { ServiceError } from '../errors';

/** Who is acting. Services check the role themselves; adapters only identify the caller. */
export type Actor =
  | { kind: 'user'; userId: string; email: string; role: Role }
  | { kind: 'api-key'; keyId: string; name: string; role: Role }
  | { kind: 'system'; name: string; role: 'admin' };

export type ServiceContext = {
  db: Db;
  actor: Actor;
  /** Injectable clock for schedulers and tests. */
  now?: () => Date;
};

export const systemActor = (name: string): Actor => ({ kind: 'system', name, role: 'admin' });

export function actorLabel(actor: Actor): string {
  if (actor.kind === 'user') return `user:${actor.email}`;
  if (actor.kind === 'api-key') return `api-key:${actor.name}`;
  return `system:${actor.name}`;
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

export function requireRole(ctx: ServiceContext, allowed: readonly Role[]): void {
  if (!allowed.includes(ctx.actor.role)) throw new ServiceError('forbidden', 'forbidden');
}

export const WRITERS: readonly Role[] = ['admin', 'operator'];
export const ADMINS: readonly Role[] = ['admin'];

export function nowOf(ctx: { now?: () => Date }): Date {
  return ctx.now ? ctx.now() : new Date();
}

export function withTransaction<T>(ctx: ServiceContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(work);
}

export type { Db, DbOrTx, Tx };
