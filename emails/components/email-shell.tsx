import type { ReactNode } from 'react';
import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { Locale } from '../../lib/i18n/locales';
import { t } from '../../lib/i18n/messages';
import { stripe, styles } from './styles';

/** Frame of every subscriber email: page name, coloured stripe, and the footer with the manage links. */
export function EmailShell(props: {
  locale: Locale;
  pageName: string;
  accent: string;
  preview: string;
  manageUrl?: string;
  /** The chain head of this message, as one short line (lib/evidence/head-line.ts). */
  evidenceLine?: string | null;
  children: ReactNode;
}) {
  const tr = t(props.locale, 'emails');
  return (
    <Html lang={props.locale}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Section style={stripe(props.accent)} />
          <Text style={styles.header}>{props.pageName}</Text>
          <Section style={styles.content}>
            {props.children}
            {props.manageUrl && (
              <>
                <Hr style={styles.hr} />
                <Text style={styles.footer}>{tr('footer.why', { page: props.pageName })}</Text>
                <Text style={styles.footer}>
                  <Link href={props.manageUrl} style={styles.link}>
                    {tr('footer.manage')}
                  </Link>
                  {' · '}
                  <Link href={props.manageUrl} style={styles.link}>
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
