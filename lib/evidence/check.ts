import 'server-only';
import type { DbOrTx } from '../../db/client';
import { hitLimit, type LimitRule } from '../security/rate-limit';
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

// Shared by all instances (lib/security/rate-limit.ts).
const PER_ADDRESS: LimitRule = { name: 'evidence-check-address', limit: 10, windowMs: 60_000 };
const EVERYONE: LimitRule = { name: 'evidence-check-all', limit: 1_200, windowMs: 60_000 };

export async function checkPastedHead(db: DbOrTx, input: { text: string | undefined; address: string }): Promise<HeadCheck> {
  const text = (input.text ?? '').slice(0, PASTE_MAX).trim();
  if (!text) return { kind: 'empty' };
  const head = parsePastedHead(text);
  if (!head) return { kind: 'invalid' };
  for (const limiter of [await hitLimit(db, PER_ADDRESS, input.address), await hitLimit(db, EVERYONE, 'all')]) {
    if (!limiter.allowed) return { kind: 'limited', retryAfterSeconds: limiter.retryAfterSeconds };
  }
  const [result] = await matchHeads(db, [head]);
  return { kind: result.match, head, chainHash: result.chainHash };
}
