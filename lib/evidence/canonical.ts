import { createHash } from 'node:crypto';

/** JSON with sorted keys and ISO dates: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export const GENESIS_HASH = '0'.repeat(64);

export function evidenceHash(entry: { prevHash: string; kind: string; occurredAt: Date; content: unknown }): string {
  return createHash('sha256')
    .update(canonicalJson({ prevHash: entry.prevHash, kind: entry.kind, occurredAt: entry.occurredAt, content: entry.content }))
    .digest('hex');
}
