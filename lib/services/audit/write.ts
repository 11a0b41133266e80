import { auditLog } from '../../../db/schema';
import type { DbOrTx } from '../../../db/client';
import { actorLabel, actorUserId, type Actor } from '../context';

const SECRET_FIELDS = new Set(['passwordHash', 'keyHash', 'tokenHash', 'manageTokenHash', 'confirmCodeHash', 'pushToken']);

/** Audit snapshots never carry secrets, even hashed ones. */
function stripSecrets(snapshot: unknown): unknown {
  if (!snapshot || typeof snapshot !== 'object' || Array.isArray(snapshot)) return snapshot ?? null;
  return Object.fromEntries(Object.entries(snapshot).filter(([key]) => !SECRET_FIELDS.has(key)));
}

/** Written inside the same transaction as the change it describes (fail closed). */
export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  at?: Date;
};

export async function writeAudit(tx: DbOrTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actorUserId(actor),
    actorLabel: actorLabel(actor),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: stripSecrets(entry.before),
    after: stripSecrets(entry.after),
    at: entry.at ?? new Date(),
  });
}
