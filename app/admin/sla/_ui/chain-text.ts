import type { EvidenceVerdict } from '@/lib/evidence/cross-check';
import { formatDateTime } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';

/** The verdict as one sentence, for the report page and the "verify" button alike. */
export function chainVerdictText(verdict: EvidenceVerdict, at: Date, locale: Locale, timeZone: string): string {
  const tr = t(locale, 'sla');
  const when = formatDateTime(at, locale, timeZone);
  const { chain, inputs } = verdict;
  if (!chain.ok) return tr('chain.brokenDetail', { seq: chain.brokenAt, reason: tr(`chain.reason.${chain.reason}`), at: when });
  if (inputs.ok) return tr('chain.intactDetail', { rows: chain.rows, inputs: inputs.rowsChecked, at: when });
  const first = inputs.mismatches[0];
  const where = first.column
    ? tr('chain.where', { table: first.table, row: first.row, column: first.column })
    : tr('chain.whereRow', { table: first.table, row: first.row, problem: tr(`chain.problem.${first.problem}`) });
  return tr('chain.inputsDiffer', { count: inputs.mismatchCount, where, at: when });
}
