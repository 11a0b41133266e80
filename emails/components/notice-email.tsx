import { Fragment } from 'react';
import { Heading, Link, Section, Text } from '@react-email/components';
import type { Locale } from '../../lib/i18n/locales';
import { t } from '../../lib/i18n/messages';
import type { NoticeView } from '../../lib/notify/render/notice-view';
import { EmailShell } from './email-shell';
import { ACCENT, styles } from './styles';

export interface NoticeEmailProps {
  locale: Locale;
  view: NoticeView;
  /** The subscriber's own manage page (choose components, unsubscribe). */
  manageUrl: string;
  /** The message's chain head, one footer line. */
  evidenceLine?: string | null;
}

/** The body every incident and maintenance email shares: what happened, the facts, the operator's words, a link. */
export function NoticeEmail({ locale, view, manageUrl, evidenceLine }: NoticeEmailProps) {
  const tr = t(locale, 'emails');
  const accent = ACCENT[view.type];
  return (
    <EmailShell
      locale={locale}
      pageName={view.pageName}
      accent={accent}
      brand={view.brand}
      preview={view.lead}
      manageUrl={manageUrl}
      evidenceLine={evidenceLine}
    >
      <Heading as="h1" style={{ ...styles.heading, color: accent }}>
        {view.tag}
        {view.title}
      </Heading>
      <Text style={styles.text}>{view.lead}</Text>
      <Section>
        {view.facts.map((fact) => (
          <Text key={fact.label} style={styles.fact}>
            <strong>{fact.label}:</strong> {fact.value}
          </Text>
        ))}
      </Section>
      {view.body && (
        <Text style={styles.body_}>
          {view.body.split('\n').map((line, i) => (
            <Fragment key={i}>
              {i > 0 && <br />}
              {line}
            </Fragment>
          ))}
        </Text>
      )}
      <Link href={view.url} style={{ ...styles.button, backgroundColor: accent }}>
        {tr('viewDetails')}
      </Link>
    </EmailShell>
  );
}
