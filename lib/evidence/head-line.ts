// A chain head as customers see it, without the database: notices render it in a worker thread.

export interface ChainHead {
  seq: number;
  hash: string;
}

export const EVIDENCE_HEADER = 'X-Shirase-Evidence';

/** The form every notice carries and every check accepts: `seq=123; hash=<64 hex>`. */
export function headLine(head: ChainHead): string {
  return `seq=${head.seq}; hash=${head.hash}`;
}
