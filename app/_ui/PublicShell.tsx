import type { CSSProperties, ReactNode } from 'react';
import Link from 'next/link';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { timeZoneLabel } from '@/lib/i18n/format';
import { getDb } from '@/lib/db';
import { DEFAULT_BRANDING, footerTextOf, loadPublicBranding } from '@/lib/public/read/branding';
import { ThemeToggle } from './theme/ThemeToggle';
import { themeLabels } from './theme/labels';

/** Header, navigation, language switch and footer shared by every public page, in the page's brand. */
export async function PublicShell(props: {
  locale: Locale;
  pageName: string;
  timeZone: string;
  path: string;
  children: ReactNode;
}) {
  const { locale, pageName, timeZone, path } = props;
  const tr = t(locale, 'common');
  const brand = t(locale, 'branding');
  const other: Locale = locale === 'ja' ? 'en' : 'ja';
  const branding = await getDb()
    .then(loadPublicBranding)
    .catch(() => DEFAULT_BRANDING);
  const footerText = footerTextOf(branding, locale);
  const style = branding.brandColor ? ({ '--brand': branding.brandColor } as CSSProperties) : undefined;
  return (
    <div className={branding.brandColor ? 'branded' : undefined} style={style}>
      <a className="skip-link" href="#main">
        {tr('skipToContent')}
      </a>
      <header className="site-header">
        <div className="wrap header-row">
          <Link href="/" className="brand">
            {branding.logo ? (
              // The logo's own size keeps its ratio; the name stays as its text alternative.
              // eslint-disable-next-line @next/next/no-img-element
              <img
                className="brand-logo"
                src={branding.logo.url}
                alt={pageName}
                width={branding.logo.width}
                height={branding.logo.height}
              />
            ) : (
              pageName
            )}
          </Link>
          <nav aria-label={tr('nav.status')} className="site-nav">
            <Link href="/">{tr('nav.status')}</Link>
            <Link href="/history">{tr('nav.history')}</Link>
            <Link href="/maintenance">{tr('nav.maintenance')}</Link>
            <Link href="/subscribe">{tr('nav.subscribe')}</Link>
          </nav>
          {(branding.supportUrl || branding.companyUrl) && (
            <nav aria-label={brand('public.linksLabel')} className="header-links">
              {branding.supportUrl && <a href={branding.supportUrl}>{brand('public.support')}</a>}
              {branding.companyUrl && <a href={branding.companyUrl}>{brand('public.company')}</a>}
            </nav>
          )}
          <ThemeToggle labels={themeLabels(locale)} />
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
        {footerText && <p className="footer-text">{footerText}</p>}
        <p>{tr('timeZoneNote', { zone: timeZoneLabel(timeZone, locale) })}</p>
        <p>
          {t(locale, 'api')('feed.linkLabel')}: <a href="/feed.rss">RSS</a> · <a href="/feed.atom">Atom</a> ·{' '}
          <Link href="/evidence">{t(locale, 'evidence')('page.title')}</Link>
        </p>
        <p>
          {branding.showCredit && <>{tr('poweredBy')} · </>}
          <Link href="/admin">{tr('nav.admin')}</Link>
        </p>
      </footer>
    </div>
  );
}
