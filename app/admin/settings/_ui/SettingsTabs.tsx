import Link from 'next/link';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';

export function SettingsTabs({ locale, current }: { locale: Locale; current: 'page' | 'branding' }) {
  const tr = t(locale, 'branding');
  const tabs = [
    { key: 'page', href: '/admin/settings' },
    { key: 'branding', href: '/admin/settings/branding' },
  ] as const;
  return (
    <nav className="tabs" aria-label={t(locale, 'admin')('nav.settings')}>
      {tabs.map((tab) => (
        <Link key={tab.key} href={tab.href} className="tab" aria-current={tab.key === current ? 'page' : undefined}>
          {tr(`console.tabs.${tab.key}`)}
        </Link>
      ))}
    </nav>
  );
}
