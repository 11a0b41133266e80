import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { evidence } from '../../db/schema';
import type { ChainHead } from './head-line';

// Heads held by customers (the heads JSON they saved, the X-Shirase-Evidence headers of mails
// they received) checked against today's chain. The chain can be rewritten and re-hashed by
// whoever holds the database; a head seen before the rewrite then no longer matches.

export type HeadMatch = 'in_chain' | 'different' | 'missing';

export interface WitnessedHeadResult {
  head: ChainHead;
  match: HeadMatch;
  /** What the chain holds at that sequence number now (null: no such row). */
  chainHash: string | null;
}

export type WitnessVerdict =
  { ok: true; checked: number } | { ok: false; checked: number; mismatches: number; first: WitnessedHeadResult };

const HASH = /^[0-9a-f]{64}$/;
// Also matches a folded mail header ("seq=12;\r\n hash=…"): mailers wrap long header lines.
const HEAD_IN_TEXT = /\bseq\s*=\s*(\d{1,15})\s*;\s*hash\s*=\s*([0-9a-fA-F]{64})\b/g;

export class WitnessFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WitnessFileError';
  }
}

/**
 * Reads heads from a witness file: the heads JSON (`{ heads: [{ seq, hash }] }`), an SLA report's
 * JSON export, a JSON array of heads, or any text containing `seq=…; hash=…` (saved mails, pasted lines).
 */
export function parseWitnessFile(text: string): ChainHead[] {
  const trimmed = text.trimStart();
  const heads = trimmed.startsWith('{') || trimmed.startsWith('[') ? headsFromJson(trimmed) : headsFromText(text);
  if (heads.length === 0)
    throw new WitnessFileError('no heads found: expected the heads JSON or lines like "seq=123; hash=<64 hex digits>"');
  return uniqueHeads(heads);
}

function headsFromJson(text: string): ChainHead[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WitnessFileError('the file starts like JSON but is not valid JSON');
  }
  // The heads JSON has `heads`; an SLA report's JSON export has them under `evidence.heads`.
  const document = parsed as { heads?: unknown; evidence?: { heads?: unknown } } | null;
  const list = Array.isArray(parsed) ? parsed : (document?.heads ?? document?.evidence?.heads);
  if (!Array.isArray(list)) throw new WitnessFileError('JSON without a "heads" list');
  return list.map((item, index) => {
    const head = toHead(item);
    if (!head)
      throw new WitnessFileError(`heads[${index}] is not a head: expected { "seq": <number>, "hash": "<64 hex digits>" }`);
    return head;
  });
}

function headsFromText(text: string): ChainHead[] {
  return [...text.matchAll(HEAD_IN_TEXT)].map((m) => ({ seq: Number(m[1]), hash: m[2].toLowerCase() }));
}

/** One head from untrusted input, or null. */
export function toHead(value: unknown): ChainHead | null {
  if (!value || typeof value !== 'object') return null;
  const { seq, hash } = value as Record<string, unknown>;
  const n = typeof seq === 'string' && /^\d{1,15}$/.test(seq) ? Number(seq) : seq;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) return null;
  if (typeof hash !== 'string' || !HASH.test(hash.toLowerCase())) return null;
  return { seq: n, hash: hash.toLowerCase() };
}

/** A head pasted by a person: "seq=123; hash=…", "#123 …", or the two values side by side. */
export function parsePastedHead(text: string): ChainHead | null {
  const input = text.slice(0, 400);
  const tagged = [...input.matchAll(HEAD_IN_TEXT)][0];
  if (tagged) return toHead({ seq: tagged[1], hash: tagged[2] });
  const loose = /(?:^|[^0-9a-f])#?(\d{1,15})[^0-9a-f]+([0-9a-f]{64})(?![0-9a-f])/i.exec(input);
  return loose ? toHead({ seq: loose[1], hash: loose[2] }) : null;
}

function uniqueHeads(heads: ChainHead[]): ChainHead[] {
  const byKey = new Map(heads.map((h) => [`${h.seq}:${h.hash}`, h]));
  return [...byKey.values()].sort((a, b) => a.seq - b.seq || a.hash.localeCompare(b.hash));
}

/** Each head against the row at its sequence number, lowest first. */
export async function matchHeads(db: DbOrTx, heads: ChainHead[]): Promise<WitnessedHeadResult[]> {
  const stored = new Map<number, string>();
  const seqs = [...new Set(heads.map((h) => h.seq))];
  for (let i = 0; i < seqs.length; i += 1_000) {
    const rows = await db
      .select({ seq: evidence.seq, hash: evidence.hash })
      .from(evidence)
      .where(inArray(evidence.seq, seqs.slice(i, i + 1_000)));
    for (const row of rows) stored.set(row.seq, row.hash);
  }
  return [...heads]
    .sort((a, b) => a.seq - b.seq)
    .map((head) => {
      const chainHash = stored.get(head.seq) ?? null;
      return { head, chainHash, match: chainHash === null ? 'missing' : chainHash === head.hash ? 'in_chain' : 'different' };
    });
}

/**
 * Every witnessed head must be in the chain at its sequence number. Run it after the chain walk
 * (verifyEvidenceChain): the walk proves each stored hash covers its row and all rows before it.
 */
export async function checkWitnessedHeads(db: DbOrTx, heads: ChainHead[]): Promise<WitnessVerdict> {
  const results = await matchHeads(db, heads);
  const failed = results.filter((r) => r.match !== 'in_chain');
  if (failed.length === 0) return { ok: true, checked: results.length };
  return { ok: false, checked: results.length, mismatches: failed.length, first: failed[0] };
}
