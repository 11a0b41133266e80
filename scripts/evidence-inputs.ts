import type { InputsVerdict } from '../lib/evidence/cross-check';

/** Each SLA input that differs from its latest snapshot in the chain, by table, row and column. */
export function printInputs(inputs: InputsVerdict): void {
  if (inputs.ok) {
    console.log(
      `SLA inputs match the chain: ${inputs.rowsChecked} rows checked (status periods, incidents, maintenance, deliveries).`,
    );
    return;
  }
  console.error(`SLA inputs DIFFER from the chain: ${inputs.mismatchCount} difference(s) in ${inputs.rowsChecked} rows checked.`);
  for (const m of inputs.mismatches) {
    const where = `table ${m.table}, row ${m.row}${m.column ? `, column ${m.column}` : ''}`;
    if (m.problem === 'changed')
      console.error(
        `  ${where}: stored ${JSON.stringify(m.stored)}, the chain (evidence row ${m.evidenceSeq}) says ${JSON.stringify(m.recorded)}.`,
      );
    else if (m.problem === 'row_missing')
      console.error(`  ${where}: the row is gone; the chain (evidence row ${m.evidenceSeq}) recorded it.`);
    else console.error(`  ${where}: the chain has no record of this row (written behind the application's back).`);
  }
  if (inputs.mismatchCount > inputs.mismatches.length)
    console.error(`  … and ${inputs.mismatchCount - inputs.mismatches.length} more.`);
  console.error('Restore the stored values from a backup or the audit log; verify passes again once they match.');
}
