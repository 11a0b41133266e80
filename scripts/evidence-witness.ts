import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/client';
import { headLine } from '../lib/evidence/head-line';
import { checkWitnessedHeads, parseWitnessFile, WitnessFileError } from '../lib/evidence/witness';

// The `--witness FILE` half of `npm run evidence:verify`: runs after the chain walk passed, and
// returns the exit code (0 every head matches, 1 unreadable file, 2 history rewritten).

const MAX_WITNESS_BYTES = 64 * 1024 * 1024;

export async function checkWitnessFile(db: Db, file: string): Promise<number> {
  const where = path.resolve(file);
  if (fs.statSync(where).size > MAX_WITNESS_BYTES) {
    console.error(`Witness file ${where} is larger than 64 MB: split it and check each part.`);
    return 1;
  }
  let heads;
  try {
    heads = parseWitnessFile(fs.readFileSync(where, 'utf8'));
  } catch (error) {
    if (!(error instanceof WitnessFileError)) throw error;
    console.error(`Witness file ${where}: ${error.message}.`);
    return 1;
  }
  const verdict = await checkWitnessedHeads(db, heads);
  if (verdict.ok) {
    console.log(`Witnessed heads: all ${verdict.checked} from ${where} are in today's chain at their sequence numbers.`);
    return 0;
  }
  const { head, chainHash, match } = verdict.first;
  console.error(`Witnessed head NOT in the chain: ${headLine(head)}`);
  console.error(
    match === 'missing'
      ? `  The chain has no row ${head.seq} any more.`
      : `  The chain now holds hash ${chainHash} at row ${head.seq}.`,
  );
  console.error(
    `  The history up to row ${head.seq} was rewritten after this head was seen (${verdict.mismatches} of ${verdict.checked} witnessed heads no longer match; this is the first).`,
  );
  return 2;
}
