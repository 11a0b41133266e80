import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireSession } from '@/lib/auth/current';
import { isServiceError } from '@/lib/errors';
import { getDevMailboxMessage } from '@/lib/services/mailbox/dev-mailbox';
import { ADMINS } from '@/lib/services/context';
import { resolvePage } from '@/lib/pages/context';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';

export const dynamic = 'force-dynamic';

/** One kept message, shown as plain text: its HTML part is never rendered here. */
export default async function MailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSession(ADMINS);
  const [locale, { id }, page] = await Promise.all([requestLocale(), params, resolvePage(ctx.db)]);
  const message = await getDevMailboxMessage({ ctx, input: { id: Number(id) } }).catch((error: unknown) => {
    if (isServiceError(error)) notFound();
    throw error;
  });
  const tr = t(locale, 'admin');
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/mailbox">{tr('nav.mailbox')}</Link>
      </p>
      <h1>{message.subject}</h1>
      <dl className="facts">
        <dt>{tr('mailbox.toLabel')}</dt>
        <dd>{message.to}</dd>
        <dt>{tr('mailbox.date')}</dt>
        <dd>{formatDateTime(message.createdAt, locale, page.timeZone)}</dd>
        {Object.entries(message.headers).map(([name, value]) => (
          <div key={name} className="contents">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section className="panel" aria-label={tr('mailbox.body')}>
        <pre className="plain-text mail-body">{message.text}</pre>
      </section>
    </>
  );
}
