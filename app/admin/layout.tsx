import type { Metadata } from 'next';
import { Suspense, type ReactNode } from 'react';
import Link from 'next/link';
import { currentSession, TWO_FACTOR_PAGE } from '@/lib/auth/current';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/locales';
import type { Role } from '@/lib/domain/statuses';
import { AdminNav } from './_ui/AdminNav';
import { LangSwitch } from './_ui/LangSwitch';
import { signOutAction } from './sign-in/actions';
import { DatabaseStatus } from '@/app/_ui/live/DatabaseStatus';
import './admin.css';

export const metadata: Metadata = { title: 'Shirase console', robots: { index: false, follow: false } };

/** Sections of the console; other areas (maintenance, deliveries, …) drop their pages under these paths. */
const SECTIONS: { href: string; key: string; roles?: readonly Role[] }[] = [
  { href: '/admin', key: 'dashboard' },
  { href: '/admin/incidents', key: 'incidents' },
  { href: '/admin/maintenance', key: 'maintenance' },
  { href: '/admin/components', key: 'components' },
  { href: '/admin/monitors', key: 'monitors' },
  { href: '/admin/services', key: 'services', roles: ['admin'] },
  { href: '/admin/templates', key: 'templates' },
  { href: '/admin/deliveries', key: 'deliveries' },
  { href: '/admin/subscribers', key: 'subscribers' },
  { href: '/admin/sla', key: 'sla' },
  { href: '/admin/audit', key: 'audit' },
  { href: '/admin/users', key: 'users', roles: ['admin'] },
  { href: '/admin/api-keys', key: 'apiKeys', roles: ['admin'] },
  { href: '/admin/settings', key: 'settings', roles: ['admin'] },
  { href: '/admin/mailbox', key: 'mailbox', roles: ['admin'] },
  { href: TWO_FACTOR_PAGE, key: 'twoFactor' },
];

// The layout only decides what to show; every page checks the session again itself.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const [locale, session] = await Promise.all([requestLocale(), currentSession()]);
  const tr = t(locale, 'admin');
  const other: Locale = locale === 'ja' ? 'en' : 'ja';
  const links = session
    ? SECTIONS.filter((s) => !s.roles || s.roles.includes(session.user.role)).map((s) => ({
        href: s.href,
        label: tr(`nav.${s.key}`),
      }))
    : [];
  return (
    <div className="admin">
      <a className="skip-link" href="#main">
        {t(locale, 'common')('skipToContent')}
      </a>
      <header className="admin-header">
        <div className="admin-bar">
          <Link href="/admin" className="admin-brand">
            Shirase <span>{tr('consoleTitle')}</span>
          </Link>
          <div className="admin-tools">
            {session && (
              <>
                <span className="admin-user">
                  {tr('signedInAs', { email: session.user.email, role: tr(`roles.${session.user.role}`) })}
                </span>
                <form action={signOutAction}>
                  <button type="submit" className="link-button">
                    {t(locale, 'auth')('signOut')}
                  </button>
                </form>
              </>
            )}
            <Suspense>
              <LangSwitch
                to={other}
                label={t(locale, 'common')('language.label')}
                text={t(locale, 'common')('language.switchTo')}
              />
            </Suspense>
          </div>
        </div>
        {session && <AdminNav label={tr('nav.label')} links={[...links, { href: '/', label: tr('nav.publicPage') }]} />}
      </header>
      <main id="main" className="admin-main">
        <DatabaseStatus messages={[t(locale, 'live')('databaseDown')]} />
        {session?.user.mustEnrolTwoFactor && (
          <p className="form-message form-message-error" role="alert">
            {t(locale, 'auth')('twoFactor.required')}{' '}
            <Link href={TWO_FACTOR_PAGE}>{t(locale, 'auth')('twoFactor.enrolLink')}</Link>
          </p>
        )}
        {children}
      </main>
    </div>
  );
}
