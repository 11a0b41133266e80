import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { env } from '@/lib/env';
import { listDevMailbox } from '@/lib/services/mailbox/dev-mailbox';
import { ADMINS } from '@/lib/services/context';
import { resolvePage } from '@/lib/pages/context';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';

export const dynamic = 'force-dynamic';

export default async function MailboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await requireSession(ADMINS);
  const [locale, query, page] = await Promise.all([requestLocale(), searchParams, resolvePage(ctx.db)]);
  const result = await listDevMailbox({ ctx, input: { page: Number(query.page) || 1 } });
  const tr = t(locale, 'admin');
  return (
    <>
      <h1>{tr('nav.mailbox')}</h1>
      <p className="muted">{env().SMTP_URL ? tr('mailbox.smtpOn') : tr('mailbox.smtpOff')}</p>
      <section className="panel" aria-label={tr('nav.mailbox')}>
        {result.messages.length === 0 ? (
          <p className="muted">{tr('mailbox.empty')}</p>
        ) : (
          <ul className="rows">
            {result.messages.map((m) => (
              <li key={m.id} className="row">
                <Link href={`/admin/mailbox/${m.id}`} className="row-title">
                  {m.subject}
                </Link>
                <div className="row-meta">
                  <span>{tr('mailbox.to', { to: m.to })}</span>
                  <span>{formatDateTime(m.createdAt, locale, page.timeZone)}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {result.pages > 1 && (
        <nav className="pager" aria-label={tr('pagination.label')}>
          {result.page > 1 ? <Link href={`/admin/mailbox?page=${result.page - 1}`}>{tr('pagination.newer')}</Link> : <span />}
          <span>{tr('pagination.position', { page: result.page, pages: result.pages })}</span>
          {result.page < result.pages ? (
            <Link href={`/admin/mailbox?page=${result.page + 1}`}>{tr('pagination.older')}</Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}
