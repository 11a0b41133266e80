import { createHash } from 'node:crypto';
import { eq, like, lt, or, sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client';
import { rateLimits } from '../../db/schema';

// The one rate limiter (sign-in, subscribe, Chatwork, API keys). Counts live in the database, so
// N web instances allow the limit once, not N times. One upsert counts and answers atomically;
// the sliding window is estimated as previous window × the part of it still inside + this one.

export type LimitRule = {
  /** Unique per rule; part of the stored key. */
  name: string;
  limit: number;
  windowMs: number;
};

export type LimitState = { allowed: boolean; count: number; retryAfterSeconds: number };

/** What is counted: an address, an email, a room id; or a pair such as [email, address]. */
export type LimitSubject = string | readonly [string, string];

const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

/** Subjects are stored hashed; a pair keeps its first part as a prefix so it can be cleared alone. */
export function limitKey(rule: LimitRule, subject: LimitSubject): string {
  return typeof subject === 'string'
    ? `${rule.name}:${digest(subject)}`
    : `${rule.name}:${digest(subject[0])}:${digest(subject[1])}`;
}

/**
 * Counts `cost` hits against the rule and says whether they fit. Hits past the limit are counted
 * up to limit + 1 only, so a flood that was refused does not also hold the next window shut.
 */
export async function hitLimit(
  db: DbOrTx,
  rule: LimitRule,
  subject: LimitSubject,
  options: { now?: Date; cost?: number } = {},
): Promise<LimitState> {
  const now = options.now ?? new Date();
  const cost = options.cost ?? 1;
  const start = windowStart(rule, now);
  const previousStart = new Date(start.getTime() - rule.windowMs);
  const expiresAt = new Date(start.getTime() + 2 * rule.windowMs);
  const cap = rule.limit + cost;
  const result = await db.execute(sql`
    insert into rate_limits (key, window_start, hits, previous_hits, expires_at)
    values (${limitKey(rule, subject)}, ${start.toISOString()}::timestamptz, ${Math.min(cost, cap)}, 0, ${expiresAt.toISOString()}::timestamptz)
    on conflict (key) do update set
      previous_hits = case
        when rate_limits.window_start = excluded.window_start then rate_limits.previous_hits
        when rate_limits.window_start = ${previousStart.toISOString()}::timestamptz then least(rate_limits.hits, ${rule.limit + 1})
        else 0 end,
      hits = case
        when rate_limits.window_start = excluded.window_start then least(rate_limits.hits + ${cost}, ${cap})
        else ${Math.min(cost, cap)} end,
      window_start = excluded.window_start,
      expires_at = excluded.expires_at
    returning hits, previous_hits`);
  const [row] = rowsOf<{ hits: number; previous_hits: number }>(result);
  // Old rows go now and then, by whichever request happens to pass: no sweeper to run.
  if (Math.random() < 0.01) await db.delete(rateLimits).where(lt(rateLimits.expiresAt, now));
  return judge(rule, now, Number(row.hits), Number(row.previous_hits), { inclusive: true });
}

/** The state without counting: "would one more hit fit?" */
export async function peekLimit(db: DbOrTx, rule: LimitRule, subject: LimitSubject, now = new Date()): Promise<LimitState> {
  const result = await db.execute(
    sql`select window_start, hits, previous_hits from rate_limits where key = ${limitKey(rule, subject)}`,
  );
  const [row] = rowsOf<{ window_start: Date | string; hits: number; previous_hits: number }>(result);
  if (!row) return { allowed: true, count: 0, retryAfterSeconds: 0 };
  const start = windowStart(rule, now).getTime();
  const rowStart = new Date(row.window_start).getTime();
  const hits = rowStart === start ? Number(row.hits) : 0;
  const previous =
    rowStart === start
      ? Number(row.previous_hits)
      : rowStart === start - rule.windowMs
        ? Math.min(Number(row.hits), rule.limit + 1)
        : 0;
  return judge(rule, now, hits, previous, { inclusive: false });
}

/** Forgets the counts of exactly this subject. */
export async function resetLimit(db: DbOrTx, rule: LimitRule, subject: LimitSubject): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, limitKey(rule, subject)));
}

/** Forgets the counts of one subject, and of every pair it is the first part of (an admin's unlock). */
export async function clearLimit(db: DbOrTx, rule: LimitRule, subject: string): Promise<void> {
  const key = limitKey(rule, subject);
  await db.delete(rateLimits).where(or(eq(rateLimits.key, key), like(rateLimits.key, `${key}:%`)));
}

function windowStart(rule: LimitRule, now: Date): Date {
  return new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
}

/**
 * `inclusive`: the hit just counted is part of `hits` (allowed while the estimate is within the
 * limit); otherwise the question is whether one more would fit.
 */
function judge(rule: LimitRule, now: Date, hits: number, previous: number, { inclusive }: { inclusive: boolean }): LimitState {
  const elapsed = now.getTime() - windowStart(rule, now).getTime();
  const weight = 1 - elapsed / rule.windowMs;
  const count = Math.floor(previous * weight) + hits;
  const allowed = inclusive ? count <= rule.limit : count < rule.limit;
  if (allowed) return { allowed, count, retryAfterSeconds: 0 };
  const needed = inclusive ? rule.limit : rule.limit - 1;
  // Until the estimate falls back under the limit: this window's hits alone too many means
  // waiting for them to become "previous" and fade; otherwise for the previous ones to fade.
  let waitMs: number;
  if (hits > needed) waitMs = rule.windowMs - elapsed + rule.windowMs * (1 - needed / Math.max(hits, 1));
  else waitMs = rule.windowMs * (1 - (needed - hits) / Math.max(previous, 1)) - elapsed;
  return { allowed, count, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
