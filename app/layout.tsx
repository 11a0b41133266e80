import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { requestLocale } from '@/lib/i18n/server';
import { THEME_SCRIPT } from './_ui/theme/theme-script';
import './globals.css';
import './theme.css';

export const metadata: Metadata = { title: 'Shirase', robots: { index: true }, icons: { icon: '/favicon.ico' } };
export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0d1117' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, headerStore] = await Promise.all([requestLocale(), headers()]);
  return (
    // The theme script sets data-theme before React hydrates; that difference is expected.
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script nonce={headerStore.get('x-nonce') ?? undefined} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
