// `npm run evidence:verify`: walks the whole evidence chain and prints its head, or names the
// first row that was edited, deleted or inserted behind the application's back; then compares
// every SLA input (status periods, incidents, maintenance, deliveries) with the chain.
// `-- --witness FILE` also checks heads customers kept (the heads JSON, or saved mails) against it.
// Exit codes: 0 intact, 1 could not run (configuration, embedded database in use, unreadable
// witness file), 2 broken (or a witnessed head no longer in the chain).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { env } from '../lib/env';
import { verifySlaEvidence } from '../lib/evidence/cross-check';
import { printInputs } from './evidence-inputs';
import { checkWitnessFile } from './evidence-witness';
import { openConfiguredDatabase, runCli } from '../lib/runtime/open-for-cli';

await runCli(async () => {
  const config = env();
  const witness = witnessFileArgument();
  if (!config.DATABASE_URL && !fs.existsSync(config.PGLITE_DIR)) {
    console.error(
      `No embedded database at ${path.resolve(config.PGLITE_DIR)}. Set PGLITE_DIR (or DATABASE_URL) to the database to check.`,
    );
    process.exit(1);
  }
  const handle = await openConfiguredDatabase();
  try {
    const [table] = rowsOf(await handle.db.execute(sql`select to_regclass('public.evidence') as name`));
    if (!table?.name) {
      console.error('This database has no evidence table: run `npm run migrate` first.');
      process.exitCode = 1;
      return;
    }
    const started = performance.now();
    const { chain: verdict, inputs, head } = await verifySlaEvidence(handle.db);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (verdict.ok) {
      console.log(`Evidence chain intact: ${verdict.rows} rows verified in ${seconds} s (chain and SLA inputs).`);
      console.log(`Head: ${verdict.head}`);
      printInputs(inputs);
      console.log(`Evidence head (chain + SLA inputs): ${head}`);
      if (witness) process.exitCode = await checkWitnessFile(handle.db, witness);
      if (!inputs.ok) process.exitCode = 2;
      return;
    }
    const why =
      verdict.reason === 'content_changed'
        ? 'its stored hash does not match its content (the row was edited)'
        : 'it does not point at the row before it (a row before it was deleted or inserted)';
    console.error(`Evidence chain BROKEN at row ${verdict.brokenAt}: ${why}.`);
    console.error(
      `${verdict.rows} rows before it verified. Restore the evidence table from a backup and compare row ${verdict.brokenAt}.`,
    );
    printInputs(inputs);
    process.exitCode = 2;
  } finally {
    await handle.close();
  }
});

/** `--witness FILE` (or `--witness=FILE`), checked before the database is opened. */
function witnessFileArgument(): string | null {
  const args = process.argv.slice(2);
  const index = args.findIndex((a) => a === '--witness' || a.startsWith('--witness='));
  if (index === -1) return null;
  const file = args[index].includes('=') ? args[index].slice('--witness='.length) : args[index + 1];
  if (!file || !fs.existsSync(file)) {
    console.error(file ? `Witness file not found: ${path.resolve(file)}` : 'Usage: npm run evidence:verify -- --witness FILE');
    process.exit(1);
  }
  return file;
}

/** postgres.js returns the rows array, PGlite `{ rows }`. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
}
