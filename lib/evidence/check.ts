import 'server-only';
import type { DbOrTx } from '../../db/client';
import { createRateLimiter } from '../api/rate-limit';
import type { ChainHead } from './head-line';
import { matchHeads, parsePastedHead, type HeadMatch } from './witness';

// The no-sign-in check of one pasted head. Bounded input (the first 400 characters), one indexed
// lookup, and a limit per address and for everyone together, so it cannot be used to load the database.

export const PASTE_MAX = 400;

export type HeadCheck =
  | { kind: 'empty' }
  | { kind: 'invalid' }
  | { kind: 'limited'; retryAfterSeconds: number }
  | { kind: HeadMatch; head: ChainHead; chainHash: string | null };

const perAddress = createRateLimiter({ capacity: 10, refillPerSecond: 1 / 6 });
const everyone = createRateLimiter({ capacity: 200, refillPerSecond: 20 });

export async function checkPastedHead(db: DbOrTx, input: { text: string | undefined; address: string }): Promise<HeadCheck> {
  const text = (input.text ?? '').slice(0, PASTE_MAX).trim();
  if (!text) return { kind: 'empty' };
  const head = parsePastedHead(text);
  if (!head) return { kind: 'invalid' };
  for (const limiter of [perAddress.take(input.address), everyone.take('all')]) {
    if (!limiter.allowed) return { kind: 'limited', retryAfterSeconds: limiter.retryAfterSeconds };
  }
  const [result] = await matchHeads(db, [head]);
  return { kind: result.match, head, chainHash: result.chainHash };
}
