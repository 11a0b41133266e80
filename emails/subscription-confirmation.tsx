import { Heading, Link, Text } from '@react-email/components';
import type { Locale } from '../lib/i18n/locales';
import { t } from '../lib/i18n/messages';
import type { EmailBrand } from '../lib/notify/render/notice-view';
import { EmailShell } from './components/email-shell';
import { styles } from './components/styles';

export interface SubscriptionConfirmationProps {
  locale: Locale;
  pageName: string;
  /** The signed, expiring double opt-in link. */
  confirmUrl: string;
  /** When the link stops working, already formatted in the page's time zone. */
  expiresAt: string;
  /** The chain head when the mail was written, one footer line. */
  evidenceLine?: string | null;
  brand?: EmailBrand;
}

/** Double opt-in: nothing else is sent to the address until this link is used. */
export default function SubscriptionConfirmationEmail({
  locale,
  pageName,
  confirmUrl,
  expiresAt,
  evidenceLine,
  brand,
}: SubscriptionConfirmationProps) {
  const tr = t(locale, 'emails');
  const accent = brand?.color ?? '#175cd3';
  return (
    <EmailShell
      locale={locale}
      pageName={pageName}
      accent={accent}
      brand={brand}
      preview={tr('confirmation.preview')}
      evidenceLine={evidenceLine}
    >
      <Heading as="h1" style={styles.heading}>
        {tr('confirmation.heading')}
      </Heading>
      <Text style={styles.text}>{tr('confirmation.body', { page: pageName })}</Text>
      <Link href={confirmUrl} style={{ ...styles.button, backgroundColor: accent }}>
        {tr('confirmation.button')}
      </Link>
      <Text style={styles.text}>{tr('confirmation.expires', { time: expiresAt })}</Text>
      <Text style={styles.footer}>{tr('confirmation.ignore')}</Text>
    </EmailShell>
  );
}

SubscriptionConfirmationEmail.PreviewProps = {
  locale: 'ja',
  pageName: 'サンプル株式会社',
  confirmUrl: 'https://status.example.jp/subscribe/confirm/preview-token',
  expiresAt: '2026/11/25 10:00 JST',
} satisfies SubscriptionConfirmationProps;
