import { eq, lt, sql } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx } from '../../db/client';
import { systemMailOutbox } from '../../db/schema';
import { sendSystemMail, type SystemMail } from './system-mail';

// Operator mail that a request decides to send (lock-out alerts) is queued in the caller's
// transaction and sent by the dispatcher's process: the request never waits for SMTP, and
// answers as fast whether or not it queued anything.

const MAX_ATTEMPTS = 8;
/** A claimed row is left alone this long; if its sender died it is sent again after. */
const CLAIM_MS = 2 * 60_000;

export async function enqueueSystemMail(tx: DbOrTx, mails: SystemMail[], at: Date): Promise<void> {
  if (mails.length === 0) return;
  await tx
    .insert(systemMailOutbox)
    .values(mails.map((m) => ({ to: m.to, subject: m.subject, text: m.text, queuedAt: at, nextAttemptAt: at })));
}

/** Sends what is due (claimed with SKIP LOCKED, so several processes never send one row twice). */
export async function drainSystemMail(db: Db, now = new Date()): Promise<number> {
  const claimed = rowsOf<{ id: number; to: string; subject: string; text: string; attempts: number }>(
    await db.execute(sql`
      update system_mail_outbox set next_attempt_at = ${new Date(now.getTime() + CLAIM_MS).toISOString()}::timestamptz, attempts = attempts + 1
      where id in (
        select id from system_mail_outbox
        where sent_at is null and next_attempt_at <= ${now.toISOString()}::timestamptz and attempts < ${MAX_ATTEMPTS}
        order by id limit 20 for update skip locked)
      returning id, "to", subject, text, attempts`),
  );
  for (const row of claimed) {
    const [result] = await sendSystemMail(db, { to: row.to, subject: row.subject, text: row.text }).catch((error: unknown) => [
      { to: row.to, sent: false, error: String(error) },
    ]);
    const retryAt = new Date(Date.now() + 30_000 * 2 ** Number(row.attempts));
    await db
      .update(systemMailOutbox)
      .set(
        result.sent
          ? { sentAt: new Date(), lastError: null }
          : { nextAttemptAt: retryAt, lastError: result.error ?? 'unknown error' },
      )
      .where(eq(systemMailOutbox.id, row.id));
    if (!result.sent) console.error(`system mail to ${row.to} failed: ${result.error ?? 'unknown error'}`);
  }
  // Sent rows are kept a week for the record, then dropped.
  await db.delete(systemMailOutbox).where(lt(systemMailOutbox.sentAt, new Date(now.getTime() - 7 * 86_400_000)));
  return claimed.length;
}
