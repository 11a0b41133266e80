import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { operatorAlertPreferences } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { writeAudit } from '../audit/write';
import { parseInput } from '../parse-input';
import { actorUserId, nowOf, requireRole, withTransaction, WRITERS, type DbOrTx, type ServiceContext } from '../context';

export const alertPreferencesInput = z.object({
  email: z.boolean().default(true),
  /** LINE user id (U + 32 hex), as the LINE webhook reports it. */
  lineUserId: z
    .string()
    .trim()
    .regex(/^U[0-9a-f]{32}$/, 'invalid_line_user')
    .nullish()
    .transform((v) => v || null),
  chatworkRoomId: z
    .string()
    .trim()
    .regex(/^\d{1,20}$/, 'invalid_room_id')
    .nullish()
    .transform((v) => v || null),
});
export type AlertPreferences = z.output<typeof alertPreferencesInput>;

export async function readAlertPreferences(db: DbOrTx, userId: string): Promise<AlertPreferences> {
  const [row] = await db.select().from(operatorAlertPreferences).where(eq(operatorAlertPreferences.userId, userId));
  return { email: row?.email ?? true, lineUserId: row?.lineUserId ?? null, chatworkRoomId: row?.chatworkRoomId ?? null };
}

/** Where the signed-in operator wants monitor alerts; each person chooses for themselves. */
export async function setAlertPreferences({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof alertPreferencesInput> }) {
  requireRole(ctx, WRITERS);
  const userId = actorUserId(ctx.actor);
  if (!userId) throw new ServiceError('forbidden', 'forbidden');
  const fields = parseInput(alertPreferencesInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const before = await readAlertPreferences(tx, userId);
    await tx
      .insert(operatorAlertPreferences)
      .values({ userId, ...fields, updatedAt: now })
      .onConflictDoUpdate({ target: operatorAlertPreferences.userId, set: { ...fields, updatedAt: now } });
    await writeAudit(tx, ctx.actor, {
      action: 'monitor.alert_preferences',
      entityType: 'user',
      entityId: userId,
      before,
      after: fields,
      at: now,
    });
  });
}
