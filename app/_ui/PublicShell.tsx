import type { ReactNode } from 'react';
import Link from 'next/link';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { timeZoneLabel } from '@/lib/i18n/format';

/** Header, navigation, language switch and footer shared by every public page. */
export function PublicShell(props: { locale: Locale; pageName: string; timeZone: string; path: string; children: ReactNode }) {
  const { locale, pageName, timeZone, path } = props;
  const tr = t(locale, 'common');
  const other: Locale = locale === 'ja' ? 'en' : 'ja';
  return (
    <>
      <a className="skip-link" href="#main">
        {tr('skipToContent')}
      </a>
      <header className="site-header">
        <div className="wrap header-row">
          <Link href="/" className="brand">
            {pageName}
          </Link>
          <nav aria-label={tr('nav.status')} className="site-nav">
            <Link href="/">{tr('nav.status')}</Link>
            <Link href="/history">{tr('nav.history')}</Link>
            <Link href="/maintenance">{tr('nav.maintenance')}</Link>
            <Link href="/subscribe">{tr('nav.subscribe')}</Link>
          </nav>
          <a className="lang-switch" href={`/locale?to=${other}&back=${encodeURIComponent(path)}`} hrefLang={other} lang={other}>
            <span className="visually-hidden">{tr('language.label')}: </span>
            {tr('language.switchTo')}
          </a>
        </div>
      </header>
      <main id="main" className="wrap">
        {props.children}
      </main>
      <footer className="site-footer wrap">
        <p>{tr('timeZoneNote', { zone: timeZoneLabel(timeZone, locale) })}</p>
        <p>
          {t(locale, 'api')('feed.linkLabel')}: <a href="/feed.rss">RSS</a> · <a href="/feed.atom">Atom</a> ·{' '}
          <Link href="/evidence">{t(locale, 'evidence')('page.title')}</Link>
        </p>
        <p>
          {tr('poweredBy')} · <Link href="/admin">{tr('nav.admin')}</Link>
        </p>
      </footer>
    </>
  );
}
