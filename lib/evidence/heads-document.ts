import type { PublishedHead } from './heads';
import { HEAD_TIME_ZONE } from './heads';

// The public heads JSON (/api/evidence/heads.json). Each entry is shaped from its own row only,
// so an entry once served is served byte for byte the same forever; the list only grows.

export interface HeadEntry {
  seq: number;
  hash: string;
  published_at: string;
  reason: PublishedHead['reason'];
  /** The JST day a daily head stands for. */
  day: string | null;
  incident_id: string | null;
}

export interface HeadsDocument {
  algorithm: 'sha256';
  time_zone: typeof HEAD_TIME_ZONE;
  verify: string;
  heads: HeadEntry[];
}

export function headEntry(head: PublishedHead): HeadEntry {
  return {
    seq: head.seq,
    hash: head.hash,
    published_at: head.publishedAt.toISOString(),
    reason: head.reason,
    day: head.day,
    incident_id: head.incidentId,
  };
}

export function headsDocument(heads: PublishedHead[]): HeadsDocument {
  return {
    algorithm: 'sha256',
    time_zone: HEAD_TIME_ZONE,
    verify:
      'Save this file. Later, `npm run evidence:verify -- --witness heads.json` on the operator side (or /evidence/check) shows whether every head is still in the chain.',
    heads: heads.map(headEntry),
  };
}
