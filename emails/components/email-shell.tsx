import type { ReactNode } from 'react';
import { Body, Container, Head, Hr, Html, Img, Link, Preview, Section, Text } from '@react-email/components';
import type { EmailBrand } from '../../lib/notify/render/notice-view';
import type { Locale } from '../../lib/i18n/locales';
import { t } from '../../lib/i18n/messages';
import { stripe, styles } from './styles';

/** Frame of every subscriber email: the page's logo or name, coloured stripe, and the footer with the manage links. */
export function EmailShell(props: {
  locale: Locale;
  pageName: string;
  accent: string;
  brand?: EmailBrand;
  preview: string;
  manageUrl?: string;
  /** The chain head of this message, as one short line (lib/evidence/head-line.ts). */
  evidenceLine?: string | null;
  children: ReactNode;
}) {
  const tr = t(props.locale, 'emails');
  const link = props.brand?.color ? { ...styles.link, color: props.brand.color } : styles.link;
  return (
    <Html lang={props.locale}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Section style={stripe(props.accent)} />
          {props.brand?.logoUrl ? (
            <Section style={styles.header}>
              <Img src={props.brand.logoUrl} alt={props.pageName} height="32" style={{ height: '32px', width: 'auto' }} />
            </Section>
          ) : (
            <Text style={props.brand?.color ? { ...styles.header, color: props.brand.color } : styles.header}>
              {props.pageName}
            </Text>
          )}
          <Section style={styles.content}>
            {props.children}
            {props.manageUrl && (
              <>
                <Hr style={styles.hr} />
                <Text style={styles.footer}>{tr('footer.why', { page: props.pageName })}</Text>
                <Text style={styles.footer}>
                  <Link href={props.manageUrl} style={link}>
                    {tr('footer.manage')}
                  </Link>
                  {' · '}
                  <Link href={props.manageUrl} style={link}>
                    {tr('footer.unsubscribe')}
                  </Link>
                </Text>
              </>
            )}
            {props.evidenceLine && <Text style={styles.evidence}>{props.evidenceLine}</Text>}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
