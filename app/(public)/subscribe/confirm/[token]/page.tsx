import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { t } from '@/lib/i18n/messages';
import { requestLocale } from '@/lib/i18n/server';
import { resolvePage } from '@/lib/pages/context';
import { localized } from '@/lib/i18n/localized';
import { checkConfirmationLink } from '@/lib/services/subscribers/confirm-email';
import { PublicShell } from '@/app/_ui/PublicShell';
import { ActionForm, SubmitButton } from '@/app/admin/_ui/forms';
import { confirmEmailAction } from '../../actions';
import '../../../subscription.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false, follow: false } };

/** The double opt-in link lands here; only the button confirms, so link scanners change nothing. */
export default async function ConfirmPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, locale, db] = await Promise.all([params, requestLocale(), getDb()]);
  const [page, link] = await Promise.all([resolvePage(db), checkConfirmationLink({ ctx: { db }, token })]);
  const tr = t(locale, 'subscribe');
  return (
    <PublicShell locale={locale} pageName={localized(locale, page.name, page.nameEn)} timeZone={page.timeZone} path="/subscribe">
      <div className="subscription">
        <h1>{tr('confirm.title')}</h1>
        <section className="subscribe-card">
          {link === 'usable' ? (
            <ActionForm action={confirmEmailAction} aria-label={tr('confirm.title')}>
              <p>{tr('confirm.body')}</p>
              <input type="hidden" name="token" value={token} />
              <div>
                <SubmitButton>{tr('confirm.button')}</SubmitButton>
              </div>
            </ActionForm>
          ) : (
            <>
              <p role="alert">{tr(link === 'expired' ? 'confirm.expired' : 'confirm.invalid')}</p>
              <p>
                <Link href="/subscribe">{tr('confirm.again')}</Link>
              </p>
            </>
          )}
        </section>
      </div>
    </PublicShell>
  );
}
