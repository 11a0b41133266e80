import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../../db/client';
import { users } from '../../../db/schema';
import { env } from '../../env';
import { ServiceError } from '../../errors';
import { systemActor } from '../context';
import { writeAudit } from '../audit/write';
import { parseInput } from '../parse-input';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../security/password';
import { normalizeEmail } from '../sessions/sign-in';
import { forgetSetupCode, setupCodeMatches } from './setup-code';

// The first admin comes from ADMIN_EMAIL/ADMIN_PASSWORD at start-up or, without them, from a
// one-time setup form that needs the code the server printed at start (./setup-code.ts).
// Both create it only while the users table is empty, under one lock.

export const setupInput = z.object({
  code: z.string().trim().min(1).max(40),
  email: z.email().max(254),
  name: z.string().trim().max(100).default(''),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
});
export type SetupInput = z.input<typeof setupInput>;

async function lockAndCountUsers(tx: Tx): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(7424158)`);
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
  return row.n;
}

export async function isSetupOpen(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row.n === 0;
}

/** The setup form's service: refuses with `conflict` once any user exists, even under a race. */
export async function setupFirstAdmin(db: Db, raw: SetupInput, now = new Date()): Promise<{ userId: string }> {
  const input = parseInput(setupInput, raw);
  // Cheap checks before the deliberately slow password hash, so wrong codes cost the server nothing.
  if (!(await isSetupOpen(db))) throw new ServiceError('conflict', 'setup_closed');
  if (!(await setupCodeMatches(db, input.code))) throw wrongCode();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if ((await lockAndCountUsers(tx)) > 0) throw new ServiceError('conflict', 'setup_closed');
    if (!(await setupCodeMatches(tx, input.code))) throw wrongCode();
    await forgetSetupCode(tx);
    return {
      userId: await insertAdmin(tx, { email: normalizeEmail(input.email), name: input.name, passwordHash, now }, 'setup'),
    };
  });
}

const wrongCode = () => new ServiceError('invalid', 'invalid_input', { code: ['setup_code_wrong'] });

/** Called on every start: creates the admin from the environment once, never overwrites anything. */
export async function ensureFirstAdmin(db: Db, now = new Date()): Promise<boolean> {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = env();
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD) return false;
  if (!(await isSetupOpen(db))) return false;
  const passwordHash = await hashPassword(ADMIN_PASSWORD);
  return db.transaction(async (tx) => {
    if ((await lockAndCountUsers(tx)) > 0) return false;
    await insertAdmin(tx, { email: normalizeEmail(ADMIN_EMAIL), name: '', passwordHash, now }, 'start');
    return true;
  });
}

async function insertAdmin(
  tx: Tx,
  admin: { email: string; name: string; passwordHash: string; now: Date },
  via: string,
): Promise<string> {
  const [row] = await tx
    .insert(users)
    .values({ email: admin.email, name: admin.name, role: 'admin', passwordHash: admin.passwordHash, createdAt: admin.now })
    .returning({ id: users.id });
  await writeAudit(tx, systemActor(via), {
    action: 'user.create',
    entityType: 'user',
    entityId: row.id,
    after: { email: admin.email, role: 'admin' },
    at: admin.now,
  });
  return row.id;
}
