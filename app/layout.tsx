import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { requestLocale } from '@/lib/i18n/server';
import './globals.css';

export const metadata: Metadata = { title: 'Shirase', robots: { index: true } };
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#ffffff' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await requestLocale();
  return (
    <html lang={locale}>
      <body>{children}</body>
    </html>
  );
}
