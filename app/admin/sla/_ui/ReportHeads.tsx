import type { PublishedHead } from '@/lib/evidence/heads';
import { formatDateTime } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';

/** The published heads the report rests on, for a customer to hold against the heads they received. */
export function ReportHeads({ heads, locale, timeZone }: { heads: PublishedHead[]; locale: Locale; timeZone: string }) {
  const tr = t(locale, 'evidence');
  return (
    <section aria-labelledby="sla-heads" className="panel sla-heads">
      <h2 id="sla-heads">{tr('report.heading')}</h2>
      <p className="sla-formula">{tr('report.explain')}</p>
      {heads.length === 0 ? (
        <p>{tr('report.none')}</p>
      ) : (
        <table className="sla-table sla-heads-table">
          <thead>
            <tr>
              <th scope="col">{tr('page.publishedAt')}</th>
              <th scope="col">{tr('report.kind')}</th>
              <th scope="col">{tr('report.head')}</th>
            </tr>
          </thead>
          <tbody>
            {heads.map((head) => (
              <tr key={head.id}>
                <td>{formatDateTime(head.publishedAt, locale, timeZone)}</td>
                <td>{head.day ? tr('report.daily', { day: head.day }) : tr('report.post')}</td>
                <td className="sla-hash">
                  <code>
                    seq={head.seq}; hash={head.hash}
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
