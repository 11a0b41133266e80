import { createHash } from 'node:crypto';
import { and, desc, eq, lt, notInArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { apiIdempotencyKeys } from '../../db/schema';
import { ServiceError } from '../errors';
import { nowOf, type ServiceContext } from '../services/context';

// Every management API change runs with its answer in one transaction, so an error means nothing
// changed. With `Idempotency-Key` the key (per API key), the request's hash (method, path, body)
// and the answer are written in it too: a retry gets the first answer, or does the work once if
// the first attempt rolled back. Rows live 24 hours, at most 1,000 per API key.

const KEEP_MS = 24 * 60 * 60_000;
const KEEP_PER_API_KEY = 1_000;
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

export type ChangeAnswer = { status: number; json: Record<string, unknown> };

async function forgetOld(tx: Tx, apiKeyId: string, now: Date): Promise<void> {
  await tx
    .delete(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.apiKeyId, apiKeyId), lt(apiIdempotencyKeys.createdAt, new Date(now.getTime() - KEEP_MS))));
  const newest = tx
    .select({ key: apiIdempotencyKeys.key })
    .from(apiIdempotencyKeys)
    .where(eq(apiIdempotencyKeys.apiKeyId, apiKeyId))
    .orderBy(desc(apiIdempotencyKeys.createdAt))
    .limit(KEEP_PER_API_KEY - 1);
  await tx
    .delete(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.apiKeyId, apiKeyId), notInArray(apiIdempotencyKeys.key, newest)));
}

/**
 * Runs a change and its answer in one transaction (a failure before the commit changed nothing).
 * If the commit's outcome is unknown, the caller is told so, never "nothing was changed".
 */
export async function changeOnce(
  ctx: ServiceContext,
  request: Request,
  body: unknown,
  change: (ctx: ServiceContext) => Promise<ChangeAnswer>,
  /** Adds what must not be stored (a webhook's signing secret) to the answer, first time and replays alike. */
  reveal?: (json: Record<string, unknown>) => Promise<Record<string, unknown>>,
): Promise<Response> {
  const key = request.headers.get('idempotency-key');
  if (key !== null && !VALID_KEY.test(key))
    throw new ServiceError('invalid', 'invalid_input', { 'Idempotency-Key': ['idempotency_key_format'] });
  const apiKeyId = key !== null && ctx.actor.kind === 'api-key' ? ctx.actor.keyId : null;
  const requestHash = createHash('sha256')
    .update(`${request.method} ${new URL(request.url).pathname}\n${JSON.stringify(body)}`)
    .digest('hex');
  const now = nowOf(ctx);
  let committing = false;
  try {
    const answer = await ctx.db.transaction(async (tx) => {
      const mine = apiKeyId && key ? and(eq(apiIdempotencyKeys.apiKeyId, apiKeyId), eq(apiIdempotencyKeys.key, key)) : undefined;
      if (apiKeyId && key && mine) {
        await forgetOld(tx, apiKeyId, now);
        // A concurrent retry waits here for the first attempt's commit, then replays it.
        const claimed = await tx
          .insert(apiIdempotencyKeys)
          .values({ apiKeyId, key, requestHash, status: 0, response: {}, createdAt: now })
          .onConflictDoNothing()
          .returning();
        if (claimed.length === 0) {
          const [seen] = await tx.select().from(apiIdempotencyKeys).where(mine);
          if (seen.requestHash !== requestHash)
            throw new ServiceError('conflict', 'idempotency_key_reused', { 'Idempotency-Key': ['idempotency_key_reused'] });
          return { status: seen.status, json: seen.response, replayed: true };
        }
      }
      // The services' own transactions become savepoints of this one.
      const result = await change({ ...ctx, db: tx as unknown as Db });
      if (mine) await tx.update(apiIdempotencyKeys).set({ status: result.status, response: result.json }).where(mine);
      committing = true;
      return { ...result, replayed: false };
    });
    const headers: Record<string, string> = answer.replayed ? { 'Idempotent-Replayed': 'true' } : {};
    const json = reveal && answer.status < 300 ? await reveal(answer.json) : answer.json;
    return Response.json(json, { status: answer.status, headers });
  } catch (error) {
    if (committing) {
      console.error('management API: commit outcome unknown', error);
      throw new ServiceError('unavailable', 'outcome_unknown');
    }
    throw error;
  }
}
